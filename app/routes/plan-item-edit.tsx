import { data, redirect } from "react-router";
import type { Route } from "./+types/plan-item-edit";
import { planItemUpdateSchema } from "../../src/domain/plans/model.ts";
import { updatePlanItem } from "../../src/domain/plans/plans.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { planItemErrors, planItemInput } from "../lib/plan-item-form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { PlanActionResult } from "./plan.tsx";

/** Saves one plan item's changes; on a problem the plan page is drawn again with it (see plan.tsx). */
export { default, links, loader } from "./plan.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, planItemUpdateSchema, planItemInput);
  const fail = (status: number, errors: Record<string, string>, message: PlanActionResult["message"] = null) =>
    data<PlanActionResult>({ intent: "update", itemId: params.itemId, errors, values: form.values, chosen: form.chosen, message }, { status });
  if (!form.ok) return fail(400, planItemErrors(form.errors));
  const result = await updatePlanItem(ctx.db, access, params.itemId, form.data, ctx.meta);
  if (!result.ok && result.reason === "conflict") return fail(409, {}, "meetings.plan.conflict");
  if (!result.ok && result.reason === "invalid_support_person") return fail(422, { who: "meetings.plan.helperUnavailable" });
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/plan?saved=${params.itemId}#item-${params.itemId}`);
}

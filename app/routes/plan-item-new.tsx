import { data, redirect } from "react-router";
import type { Route } from "./+types/plan-item-new";
import { planItemInputSchema } from "../../src/domain/plans/model.ts";
import { createPlanItem } from "../../src/domain/plans/plans.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { planItemErrors, planItemInput } from "../lib/plan-item-form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { PlanActionResult } from "./plan.tsx";

/** Adds a plan item; on a problem the plan page is drawn again with it (see plan.tsx). */
export { default, links, loader } from "./plan.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, planItemInputSchema, planItemInput);
  const fail = (status: number, errors: Record<string, string>) =>
    data<PlanActionResult>({ intent: "create", itemId: null, errors, values: form.values, chosen: form.chosen, message: null }, { status });
  if (!form.ok) return fail(400, planItemErrors(form.errors));
  const result = await createPlanItem(ctx.db, access, form.data, ctx.meta);
  if (!result.ok && result.reason === "invalid_support_person") return fail(422, { who: "meetings.plan.helperUnavailable" });
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/plan?added=${result.item.id}#item-${result.item.id}`);
}

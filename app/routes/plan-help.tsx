import { data, redirect } from "react-router";
import type { Route } from "./+types/plan-help";
import { helpRequestInputSchema } from "../../src/domain/partners/model.ts";
import { markHelpRequestDone, postHelpRequest, withdrawHelpRequest } from "../../src/domain/partners/help-requests.server.ts";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { PlanActionResult } from "./plan.tsx";

/** Posts, withdraws or marks done a help request; a form problem draws the plan page again with it beside the form. */
export { default, links, loader } from "./plan.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const back = `/participants/${params.id}/plan`;
  const intent = form.get("intent");
  if (intent === "withdraw" || intent === "done") {
    const change = intent === "withdraw" ? withdrawHelpRequest : markHelpRequestDone;
    const result = await change(ctx.db, access, form.get("requestId") ?? "", ctx.meta);
    // Already claimed, done or taken back (a second click, or someone was quicker): the page shows how it stands now.
    if (!result.ok && result.reason === "not_found") throw notFound();
    return redirect(`${back}#help-requests`);
  }
  const parsed = form.parse(helpRequestInputSchema);
  if (!parsed.ok) {
    return data<PlanActionResult>({ intent: "help", itemId: null, errors: parsed.errors, values: parsed.values, chosen: parsed.chosen, message: null }, { status: 400 });
  }
  const result = await postHelpRequest(ctx.db, access, parsed.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`${back}#help-requests`);
}

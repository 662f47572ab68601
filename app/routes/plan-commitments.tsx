import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/plan-commitments";
import { commitmentToPlanItem } from "../../src/domain/meetings/meetings.server.ts";
import { SUPPORT_KINDS } from "../../src/domain/network/vocabulary.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { PlanActionResult } from "./plan.tsx";

/**
 * Turns the chosen meeting commitments into plan items, each with the kind of help
 * chosen beside it; on a problem the plan page is drawn again with it (see plan.tsx).
 */
export { default, links, loader } from "./plan.tsx";

const commitmentsSchema = z.object({
  chosen: z.array(z.object({
    entryId: z.string(),
    meetingId: z.string(),
    kind: z.enum(SUPPORT_KINDS, { error: "plan.kind.invalid" }),
  })).min(1, { error: "meetings.plan.commitments.noneChosen" }),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  // Each ticked commitment (entryId) brings its meeting and the kind of help chosen beside it.
  const form = await parseForm(request, commitmentsSchema, (submitted) => ({
    chosen: submitted.getAll("entryId").map((entryId) => ({ entryId, meetingId: submitted.get(`meeting-${entryId}`) ?? "", kind: submitted.get(`kind-${entryId}`) })),
  }));
  if (!form.ok) {
    // The page shows a kind's problem beside that commitment's select, and "choose one" beside the boxes.
    const entryIds = form.chosen.entryId ?? [];
    const errors = Object.fromEntries(Object.entries(form.errors).map(([field, key]) => {
      const index = /^chosen\.(\d+)\./.exec(field)?.[1];
      return [index === undefined ? "entryId" : `kind-${entryIds[Number(index)]}`, key];
    }));
    return data<PlanActionResult>({ intent: "commitments", itemId: null, errors, values: form.values, chosen: form.chosen, message: null }, { status: 400 });
  }
  let converted = 0;
  for (const commitment of form.data.chosen) {
    const result = await commitmentToPlanItem(ctx.db, access, commitment.meetingId, commitment.entryId, { kind: commitment.kind }, ctx.meta);
    // Already in the plan (a second click, or someone else first) is not an error: it is there.
    if (result.ok) converted++;
    else if (result.reason === "not_found") throw notFound();
  }
  return redirect(`/participants/${params.id}/plan?converted=${converted}`);
}

import { data, redirect } from "react-router";
import type { Route } from "./+types/encouragement-new";
import { encouragementInputSchema } from "../../src/domain/milestones/model.ts";
import { addEncouragement, celebratableSupports } from "../../src/domain/milestones/milestones.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { WinsActionResult } from "./wins.tsx";

/** Records a note of encouragement; on a problem the wins page is drawn again with it (see wins.tsx). */
export { default, links, loader } from "./wins.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const people = await celebratableSupports(ctx.db, access);
  // "From" is one select: a support person, the specialist, or someone else named in "fromName".
  const form = await parseForm(request, encouragementInputSchema, (submitted) => {
    const from = submitted.get("from") ?? "";
    const person = from.startsWith("person:") ? people.find((p) => `person:${p.id}` === from) : undefined;
    const fromLabel = person?.name ?? (from === "specialist" ? access.actor.name : submitted.get("fromName") ?? "");
    return { text: submitted.get("text"), fromLabel, supportPersonId: person?.id ?? null, milestoneId: submitted.get("milestoneId") };
  });
  if (!form.ok) {
    const { fromLabel, ...errors } = form.errors;
    return data<WinsActionResult>({ intent: "encouragement", errors: fromLabel ? { ...errors, fromName: fromLabel } : errors, values: form.values, chosen: form.chosen }, { status: 400 });
  }
  const result = await addEncouragement(ctx.db, access, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  // A new value each time, so the page draws a blank form for the next note.
  return redirect(`/participants/${params.id}/wins?noted=${Date.now()}`);
}

import { data, redirect } from "react-router";
import { createConcern, updateConcern } from "../../src/domain/concerns/concerns.server.ts";
import { concernInputSchema, concernUpdateSchema } from "../../src/domain/concerns/model.ts";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import type { AppContext } from "../../src/server/context.ts";
import { parseSpeaker } from "../components/meetings.tsx";
import { notFound } from "./request.server.ts";
import type { SubmittedForm } from "./form.server.ts";

/**
 * The two concern forms, shared by the meeting page and the participant's concerns
 * page: log a concern (from a meeting or not), and update its status and plan.
 * Answers null for any other intent, so the page can handle its own.
 */
export async function concernAction(ctx: AppContext, access: AuthorizedParticipant, meetingId: string | null, form: SubmittedForm, here: string) {
  const intent = form.get("intent");
  if (intent === "concern") {
    // "Raised by" is one select: a support person, or one of the other speakers.
    const parsed = form.parse(concernInputSchema, (submitted, fields) => {
      const who = parseSpeaker(submitted.get("raisedBy"));
      return { ...fields, raisedBy: who.speaker, supportPersonId: who.supportPersonId, meetingId };
    });
    if (!parsed.ok) return data({ intent, errors: parsed.errors, message: null, concernId: null }, { status: 400 });
    const result = await createConcern(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return redirect(`${here}#concern-${result.concern.id}`);
  }
  if (intent === "concernUpdate") {
    const concernId = form.get("concernId") ?? "";
    const parsed = form.parse(concernUpdateSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, message: null, concernId }, { status: 400 });
    const result = await updateConcern(ctx.db, access, concernId, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "conflict") return data({ intent, errors: {}, message: "meetings.concern.conflict" as const, concernId }, { status: 409 });
    if (!result.ok) throw notFound();
    return redirect(`${here}#concern-${concernId}`);
  }
  return null;
}

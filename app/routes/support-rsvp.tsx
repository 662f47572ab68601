import { redirect } from "react-router";
import type { Route } from "./+types/support-rsvp";
import { rsvpSchema } from "../../src/domain/partners/model.ts";
import { answerInvitation } from "../../src/domain/partners/support-page.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requirePartner } from "../lib/request.server.ts";

/** A support person answers an invitation. Without a choice the page is shown again as it was. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, rsvpSchema);
  if (!form.ok) return redirect("/support#meetings");
  const result = await answerInvitation(ctx.db, actor, params.meetingId, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect("/support?done=rsvp#meetings");
}

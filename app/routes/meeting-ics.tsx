import type { Route } from "./+types/meeting-ics";
import { calendarSender } from "../../src/domain/meetings/invitations.ts";
import { sendInvitations } from "../../src/domain/meetings/meetings.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** One invitee's calendar file, sent through the calendar sender: only while their consent still allows meetings. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const result = await sendInvitations(ctx.db, access, params.meetingId, calendarSender, { supportPersonId: params.personId }, ctx.meta);
  const ics = result.ok ? result.sent[0] : undefined;
  if (!ics) throw notFound();
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${params.meetingId.slice(0, 8)}.ics"`,
    },
  });
}

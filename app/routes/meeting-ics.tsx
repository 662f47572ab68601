import type { Route } from "./+types/meeting-ics";
import { invitationIcs } from "../../src/domain/meetings/meetings.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";

/** One invitee's calendar file; only while their consent still allows meetings. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const ics = await invitationIcs(ctx.db, actor, params.id, params.meetingId, params.personId, ctx.meta);
  if (!ics) throw notFound();
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${params.meetingId.slice(0, 8)}.ics"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { Route } from "./+types/meeting-minutes-pdf";
import { getMeetingMinutes } from "../../src/domain/meetings/meetings.server.ts";
import { buildMinutesDocument, renderMinutesPdf } from "../../src/domain/meetings/minutes-pdf.server.ts";
import { getProgramLogo, getProgramSettings } from "../../src/domain/program/program.server.ts";
import { translator } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** A held meeting's minutes as a PDF: the same words as the minutes page, the same ?for= copy, audited the same way. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const forPerson = new URL(request.url).searchParams.get("for");
  const view = await getMeetingMinutes(ctx.db, access, params.meetingId, forPerson, ctx.meta);
  if (!view) throw notFound();
  const program = await getProgramSettings(ctx.db);
  const participant = view.participant;
  const document = buildMinutesDocument({
    program: { name: program.name, phone: program.phone },
    title: view.meeting.title,
    participantName: participant.preferredName ?? participant.firstName,
    copyFor: view.forPerson?.name ?? null,
    minutes: view.minutes,
    held: view.meeting.status === "held",
  }, translator(view.locale));
  const pdf = await renderMinutesPdf(document, program.hasLogo ? await getProgramLogo(ctx.db) : null);
  const day = view.meeting.scheduledAt.slice(0, 10);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="meeting-minutes-${day}.pdf"`,
      "Content-Length": String(pdf.byteLength),
    },
  });
}

import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-invitations";
import { needsRedisclosureNotice } from "../../src/domain/consent/disclosure.ts";
import { printSender } from "../../src/domain/meetings/invitations.ts";
import { sendInvitations } from "../../src/domain/meetings/meetings.server.ts";
import { CsrfField } from "../components/forms.tsx";
import { PersonalLinkCard, type IssuedLinkCard } from "../components/personal-link-card.tsx";
import { readForm } from "../lib/form.server.ts";
import { issueLinkCard } from "../lib/qr.server.ts";
import { formatMeetingTime } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT, useTranslator } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/**
 * The invitations to print, one page per person (or one person with ?for=<supportPersonId>).
 * Opening this page is sending them on paper: it goes through the print sender, which
 * checks each person's consent now and records who was given an invitation.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const forPerson = new URL(request.url).searchParams.get("for");
  const result = await sendInvitations(ctx.db, access, params.meetingId, printSender, forPerson ? { supportPersonId: forPerson } : "all", ctx.meta);
  if (!result.ok) throw notFound();
  return { participantId: params.id, meetingId: params.meetingId, forPerson, invitations: result.sent, refusedCount: result.refused.length, unreviewed: result.unreviewed };
}

/**
 * One person's invitation can carry their personal link with its QR code, as the
 * take-home copy can: the token exists only when it is made, so this makes a new
 * link and the old one stops working (decision 0022). No consent, no link.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  await readForm(request);
  const forPerson = new URL(request.url).searchParams.get("for");
  if (!forPerson) throw notFound();
  const link = await issueLinkCard(ctx.db, access, forPerson, request.url, ctx.meta);
  if (!link) throw notFound();
  return { link };
}

export default function MeetingInvitationsPage() {
  const t = useT();
  const { participantId, meetingId, forPerson, invitations, refusedCount, unreviewed } = useLoaderData<typeof loader>();
  const issued = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("meetings.invitation.heading")} · ${t("app.name")}`}</title>
      <div className="no-print">
        <p className="back-link"><Link to={`/participants/${participantId}/meetings/${meetingId}`}>{t("meetings.invitation.back")}</Link></p>
        <h1>{t("meetings.invitation.heading")}</h1>
        <p className="hint">{t("meetings.invitation.hint")}</p>
        {unreviewed ? <p className="notice" role="status">{t("meetings.invitation.unreviewed")}</p>
          : refusedCount ? <p className="notice" role="status">{t("meetings.invitation.leftOutByContent", { count: refusedCount })}</p> : null}
        {invitations.length ? (
          <div className="actions">
            <button type="button" onClick={() => window.print()}>{t("meetings.invitation.print")}</button>
            {forPerson && !issued ? (
              <Form method="post">
                <CsrfField />
                <button type="submit" className="secondary">{t("links.addToInvitation")}</button>
              </Form>
            ) : null}
          </div>
        ) : <p>{t("meetings.invitation.noneToPrint")}</p>}
      </div>
      {invitations.map((invitation) => <Invitation key={invitation.supportPersonId} invitation={invitation} link={issued?.link ?? null} />)}
    </div>
  );
}

/** One printed invitation, in the language of the support person it is for. */
function Invitation({ invitation, link }: { invitation: ReturnType<typeof useLoaderData<typeof loader>>["invitations"][number]; link: IssuedLinkCard | null }) {
  const t = useTranslator(invitation.locale);
  return (
    <article className="invitation" lang={t.locale} data-person-id={invitation.supportPersonId} aria-labelledby={`invitation-${invitation.supportPersonId}`}>
      <h2 id={`invitation-${invitation.supportPersonId}`}>{t("meetings.invitation.title", { name: invitation.inviteeName })}</h2>
      {invitation.cancelled ? <p className="notice notice--warning" data-testid="invitation-cancelled"><strong>{t("meetings.invitation.cancelled")}</strong></p>
        : invitation.sequence > 0 ? <p className="notice" data-testid="invitation-updated"><strong>{t("meetings.invitation.updated")}</strong></p> : null}
      <p>{t("meetings.invitation.body", { name: invitation.participantName })}</p>
      <p>
        <strong>{t("meetings.invitation.when")}</strong> {formatMeetingTime(invitation.scheduledAt, t.locale)} ({t("meetings.duration.minutes", { count: invitation.durationMinutes })})
      </p>
      <p><strong>{t("meetings.invitation.where")}</strong> {invitation.place}</p>
      {invitation.refreshments ? <p>{t("meetings.invitation.refreshments", { refreshments: invitation.refreshments })}</p> : null}
      {invitation.agenda.length ? (
        <>
          <p><strong>{t("meetings.invitation.agenda")}</strong></p>
          <ol>{invitation.agenda.map((item, i) => <li key={i}>{item}</li>)}</ol>
        </>
      ) : null}
      <p>{t("meetings.invitation.reply", { specialist: invitation.specialistName })}</p>
      {invitation.specialistPhone ? <p>{t("meetings.invitation.specialistPhone", { specialist: invitation.specialistName, phone: invitation.specialistPhone })}</p> : null}
      {invitation.programPhone ? <p>{t("meetings.invitation.program", { program: invitation.programName, phone: invitation.programPhone })}</p> : null}
      {needsRedisclosureNotice([{ categories: invitation.discloses }]) ? (
        <section className="part2-notice" aria-label={t("consentForm.part2.heading")}><p>{t("consent.part2Notice")}</p></section>
      ) : null}
      {link ? <PersonalLinkCard t={t} link={link} participantName={invitation.participantName} /> : null}
    </article>
  );
}

import { randomUUID } from "node:crypto";
import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/meeting";
import { listConcerns } from "../../src/domain/concerns/concerns.server.ts";
import { cancelMeeting, getMeeting, invitableSupports, recordResponse, setMeetingDisclosure } from "../../src/domain/meetings/meetings.server.ts";
import { RESPONSES, inviteResponseSchema, meetingCancelSchema, meetingDisclosureInputSchema } from "../../src/domain/meetings/model.ts";
import { ConcernCard, NewConcernForm } from "../components/concern-card.tsx";
import { CsrfField } from "../components/forms.tsx";
import { MeetingDisclosesFields, formatMeetingTime, shortName, speakerOptions } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { concernAction } from "../lib/concern-actions.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await getMeeting(ctx.db, access, params.meetingId, ctx.meta);
  if (!view) throw notFound();
  const { invitable, notInvitable } = await invitableSupports(ctx.db, access, { categories: view.meeting.discloses });
  const concerns = await listConcerns(ctx.db, access);
  const url = new URL(request.url);
  return {
    participant: view.participant,
    meeting: view.meeting,
    canUpdate: view.canUpdate,
    canEdit: view.can.edit && view.meeting.status === "planned",
    reachable: view.meeting.invitees.filter((i) => invitable.some((p) => p.id === i.supportPersonId)).map((i) => i.supportPersonId),
    // Invitees who may attend meetings but may not be shown what this one discloses.
    notCovered: notInvitable.filter((p) => p.reason === "not_covered" || p.reason === "unreviewed").map((p) => p.id),
    concerns: [...concerns.filter((c) => c.meetingId === params.meetingId), ...concerns.filter((c) => c.meetingId !== params.meetingId && c.status !== "resolved")],
    concernKey: randomUUID(),
    notice: url.searchParams.has("planned") ? ("planned" as const) : url.searchParams.has("finished") ? ("finished" as const)
      : url.searchParams.has("changed") ? ("changed" as const) : url.searchParams.has("cancelled") ? ("cancelled" as const) : null,
    disclosesSaved: url.searchParams.has("marked"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const here = `/participants/${params.id}/meetings/${params.meetingId}`;

  if (intent === "respond") {
    const parsed = form.parse(inviteResponseSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, message: null, concernId: null }, { status: 400 });
    const result = await recordResponse(ctx.db, access, params.meetingId, parsed.data.supportPersonId, parsed.data.response, ctx.meta);
    if (!result.ok && result.reason === "not_invitable") return data({ intent, errors: {}, message: "meetings.invitee.noLongerInvitable" as const, concernId: null }, { status: 422 });
    if (!result.ok) throw notFound();
    return redirect(`${here}#invitees`);
  }

  if (intent === "cancel") {
    const parsed = form.parse(meetingCancelSchema);
    if (!parsed.ok) throw notFound();
    const result = await cancelMeeting(ctx.db, access, params.meetingId, parsed.data.version, ctx.meta);
    if (result.ok) return redirect(`${here}?cancelled=1`);
    // Changed meanwhile by someone else, or no longer planned: nothing written; the page shows it as it now is.
    if (result.reason === "conflict" || result.reason === "not_changeable") {
      return data({ intent, errors: {}, message: "meetings.cancel.conflict" as const, concernId: null }, { status: 409 });
    }
    throw notFound();
  }

  if (intent === "discloses") {
    const parsed = form.parse(meetingDisclosureInputSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, message: null, concernId: null }, { status: 400 });
    const result = await setMeetingDisclosure(ctx.db, access, params.meetingId, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "confirm_substance_use") {
      return data({ intent, errors: { confirmSubstanceUse: "meeting.discloses.confirmSubstanceUse" }, message: null, concernId: null }, { status: 422 });
    }
    // Marked meanwhile by someone else: nothing written; the page shows the meeting as it now is.
    if (!result.ok && result.reason === "conflict") return data({ intent, errors: {}, message: "meetings.discloses.conflict" as const, concernId: null }, { status: 409 });
    if (!result.ok) throw notFound();
    return redirect(`${here}?marked=1#discloses`);
  }

  const concernAnswer = await concernAction(ctx, access, params.meetingId, form, here);
  if (concernAnswer) return concernAnswer;
  throw notFound();
}

export default function MeetingPage() {
  const t = useT();
  const { participant, meeting, canUpdate, canEdit, reachable, notCovered, concerns, concernKey, notice, disclosesSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const base = `/participants/${participant.id}/meetings/${meeting.id}`;
  const invitations = meeting.invitees.filter((i) => reachable.includes(i.supportPersonId));
  const when = formatMeetingTime(meeting.scheduledAt, t.locale);
  return (
    <div className="page">
      <title>{`${meeting.title} · ${name} · ${t("app.name")}`}</title>
      <div>
        <h1>{meeting.title}</h1>
        {notice ? <p className="notice" role="status">{t(`meetings.meeting.notice.${notice}`)}</p> : null}
        {meeting.status === "cancelled" ? (
          <p className="notice notice--warning" data-testid="meeting-cancelled">{t("meetings.meeting.cancelledOn", { when: formatMeetingTime(meeting.cancelledAt ?? meeting.scheduledAt, t.locale) })}</p>
        ) : null}
        {meeting.discloses.length === 0 ? <p className="notice" role="status" data-testid="meeting-unreviewed">{t("meetings.discloses.unreviewed")}</p> : null}
        <dl className="facts">
          <dt>{t("meetings.field.kind")}</dt><dd>{t(`meeting.kind.${meeting.kind}`)}</dd>
          <dt>{t("meetings.field.when")}</dt><dd>{when}</dd>
          <dt>{t("meetings.field.duration")}</dt><dd>{t("meetings.duration.minutes", { count: meeting.durationMinutes })}</dd>
          <dt>{t("meetings.field.place")}</dt><dd>{meeting.place}</dd>
          <dt>{t("meetings.field.refreshments")}</dt><dd>{meeting.refreshments ?? t("common.none")}</dd>
          <dt>{t("meetings.field.seating")}</dt><dd>{meeting.seating ?? t("common.none")}</dd>
          <dt>{t("meetings.field.status")}</dt><dd>{t(`meeting.status.${meeting.status}`)}</dd>
          <dt>{t("meetings.discloses.heading")}</dt>
          <dd data-testid="meeting-discloses">{meeting.discloses.length ? meeting.discloses.map((c) => t(`consent.category.${c}`)).join(", ") : t("meetings.discloses.none")}</dd>
          {meeting.separatePermission ? <><dt>{t("meetings.field.separatePermission")}</dt><dd>{meeting.separatePermission}</dd></> : null}
        </dl>
        <h2 id="agenda">{t("meetings.field.agenda")}</h2>
        {meeting.agenda.length ? <ol>{meeting.agenda.map((item, i) => <li key={i}>{item}</li>)}</ol> : <p>{t("common.none")}</p>}
        {meeting.status === "held" ? (
          <p className="no-print"><Link className="button" to={`${base}/minutes`}>{t("meetings.minutes.open")}</Link></p>
        ) : canUpdate && meeting.status !== "cancelled" ? (
          <p className="no-print actions">
            <Link className="button" to={`${base}/run`}>{t("meetings.meeting.run")}</Link>
            {canEdit ? <Link className="button secondary" to={`${base}/edit`}>{t("meetings.meeting.edit")}</Link> : null}
          </p>
        ) : null}

        <section aria-labelledby="invitees">
          <h2 id="invitees">{t("meetings.invitees.heading")}</h2>
          {result?.intent === "respond" && result.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
          {meeting.invitees.length === 0 ? <p>{t("meetings.invitees.none")}</p> : (
            <div className="table-wrap">
              <table className="responsive-table">
                <thead>
                  <tr>
                    <th scope="col">{t("meetings.invitees.name")}</th>
                    <th scope="col">{t("meetings.invitees.reply")}</th>
                    <th scope="col">{t("meetings.invitees.record")}</th>
                    <th scope="col">{t("meetings.invitees.calendar")}</th>
                  </tr>
                </thead>
                <tbody>
                  {meeting.invitees.map((invitee) => {
                    const mayContact = reachable.includes(invitee.supportPersonId);
                    return (
                      <tr key={invitee.supportPersonId} data-person-id={invitee.supportPersonId}>
                        <td data-label={t("meetings.invitees.name")}>{invitee.name}</td>
                        <td data-label={t("meetings.invitees.reply")} data-response={invitee.response}>
                          <span className={`mark mark--${invitee.response}`}>{t(`meeting.response.${invitee.response}`)}</span>
                          {invitee.responseNote ? <span className="response-note"> “{invitee.responseNote}”</span> : null}
                        </td>
                        <td data-label={t("meetings.invitees.record")}>
                          {canUpdate && mayContact ? (
                            <Form method="post" className="reply-buttons">
                              <CsrfField />
                              <input type="hidden" name="intent" value="respond" />
                              <input type="hidden" name="supportPersonId" value={invitee.supportPersonId} />
                              {RESPONSES.filter((r) => r !== "pending").map((r) => (
                                <button key={r} type="submit" name="response" value={r} className="secondary" disabled={busy}
                                  aria-pressed={invitee.response === r} aria-label={t("meetings.invitees.replyAs", { name: invitee.name, reply: t(`meeting.response.${r}`) })}>
                                  {t(`meeting.response.${r}`)}
                                </button>
                              ))}
                            </Form>
                          ) : !mayContact ? <span className="muted">{t(notCovered.includes(invitee.supportPersonId) ? "meetings.invitee.notCovered" : "meetings.invitee.noLongerInvitable")}</span> : null}
                        </td>
                        <td data-label={t("meetings.invitees.calendar")}>
                          {mayContact ? (
                            <a href={`${base}/invitees/${invitee.supportPersonId}.ics`} download>{t("meetings.invitees.ics", { name: invitee.name })}</a>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {meeting.removedInvitees.length ? (
          <section aria-labelledby="removed-invitees">
            <h2 id="removed-invitees">{t("meetings.invitees.removed.heading")}</h2>
            <p className="hint">{t("meetings.invitees.removed.hint")}</p>
            <ul>
              {meeting.removedInvitees.map((person) => (
                <li key={person.supportPersonId} data-person-id={person.supportPersonId}>
                  {person.name}{" "}
                  <a href={`${base}/invitees/${person.supportPersonId}.ics`} download>{t("meetings.invitees.cancelIcs", { name: person.name })}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      {invitations.length ? (
        <section aria-labelledby="invitations" className="no-print">
          <h2 id="invitations">{t("meetings.invitation.heading")}</h2>
          <p className="hint">{t("meetings.invitation.hint")}</p>
          <p><Link className="button" to={`${base}/invitations`}>{t("meetings.invitation.open")}</Link></p>
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="cancel" className="no-print">
          <h2 id="cancel">{t("meetings.cancel.heading")}</h2>
          <p className="hint">{t("meetings.cancel.hint")}</p>
          {result?.intent === "cancel" && result.message ? (
            <p className="form-error" role="alert">{t(result.message)} <a href={base}>{t("meetings.cancel.reload")}</a></p>
          ) : null}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={meeting.version} />
            <button type="submit" className="danger" disabled={busy}>{t("meetings.cancel.submit")}</button>
          </Form>
        </section>
      ) : null}

      {canUpdate && meeting.status !== "cancelled" ? (
        <section aria-labelledby="discloses" className="no-print">
          <h2 id="discloses">{t("meetings.discloses.heading")}</h2>
          {disclosesSaved ? <p className="notice" role="status">{t("meetings.discloses.saved")}</p> : null}
          {result?.intent === "discloses" && result.message ? (
            <p className="form-error" role="alert">{t(result.message)} <a href={`${base}#discloses`}>{t("meetings.cancel.reload")}</a></p>
          ) : null}
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="discloses" />
            <input type="hidden" name="version" value={meeting.version} />
            <MeetingDisclosesFields t={t} checked={meeting.discloses} errors={result?.intent === "discloses" ? result.errors : undefined} confirmed={false} />
            <button type="submit" className="secondary" disabled={busy}>{t("meetings.discloses.submit")}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="concerns" className="no-print">
        <h2 id="concerns">{t("meetings.concerns.heading")}</h2>
        <p className="hint">{t("meetings.concerns.hint")}</p>
        {concerns.length === 0 ? <p>{t("meetings.concerns.none")}</p> : null}
        {concerns.map((concern) => (
          <ConcernCard key={concern.id} t={t} name={name} concern={concern} participantId={participant.id} canUpdate={canUpdate} busy={busy}
            result={result?.intent === "concernUpdate" && result.concernId === concern.id ? result : null} />
        ))}
        {canUpdate ? (
          <NewConcernForm t={t} name={name} concernKey={concernKey} speakers={speakerOptions(t, name, meeting.invitees)} busy={busy}
            result={result?.intent === "concern" ? result : null} />
        ) : null}
      </section>
    </div>
  );
}

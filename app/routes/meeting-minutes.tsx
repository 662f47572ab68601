import { Form, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-minutes";
import { dismissCommitment, getMeetingMinutes, restoreCommitment } from "../../src/domain/meetings/meetings.server.ts";
import { commitmentDismissSchema } from "../../src/domain/meetings/model.ts";
import { meetingActions } from "../../src/domain/meetings/policy.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField, TextField } from "../components/forms.tsx";
import { readForm } from "../lib/form.server.ts";
import type { MeetingMinutes, MinutesLine } from "../../src/domain/meetings/minutes.ts";
import { getProgramLogo, getProgramSettings } from "../../src/domain/program/program.server.ts";
import { formatMeetingTime, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/**
 * A held meeting's minutes: a read-only summary. With ?for=<supportPersonId>, the
 * copy for one person who came, made only of what their consent covers; opening it
 * is handing it over (audited as a disclosure to them).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const forPerson = new URL(request.url).searchParams.get("for");
  const view = await getMeetingMinutes(ctx.db, access, params.meetingId, forPerson, ctx.meta);
  if (!view) throw notFound();
  const program = await getProgramSettings(ctx.db);
  return {
    participant: view.participant,
    meetingId: view.meeting.id,
    title: view.meeting.title,
    minutes: view.minutes,
    forPerson: view.forPerson ? { id: view.forPerson.supportPersonId, name: view.forPerson.name } : null,
    // Copies can be made for people who came.
    attendees: view.meeting.invitees.filter((i) => i.attended === true).map((i) => ({ id: i.supportPersonId, name: i.name })),
    held: view.meeting.status === "held",
    // The staff copy lets a commitment be set aside or brought back; a support person's copy does not.
    mayDismiss: !forPerson && meetingActions(access).dismissCommitment,
    notice: new URL(request.url).searchParams.get("commitment"),
    program: { name: program.name, phone: program.phone, logo: program.hasLogo ? await getProgramLogo(ctx.db) : null },
  };
}

/** Dismisses or restores one commitment, then shows the minutes again with the outcome. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const entryId = form.get("entryId") ?? "";
  const intent = form.get("intent");
  const result = intent === "restore"
    ? await restoreCommitment(ctx.db, access, params.meetingId, entryId, ctx.meta)
    : await (async () => {
      const parsed = form.parse(commitmentDismissSchema, (submitted) => ({ reason: submitted.get("reason") }));
      // The reason is optional and only too long can fail: it is cut to what fits rather than lost.
      return dismissCommitment(ctx.db, access, params.meetingId, entryId, parsed.ok ? parsed.data : { reason: (form.get("reason") ?? "").slice(0, 500) || null }, ctx.meta);
    })();
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/meetings/${params.meetingId}/minutes?commitment=${intent === "restore" ? "restored" : "dismissed"}#minutes-commitments`);
}

export default function MeetingMinutesPage() {
  const t = useT();
  const { participant, meetingId, title, minutes, forPerson, attendees, program, held, mayDismiss, notice } = useLoaderData<typeof loader>();
  const name = shortName(participant);
  const base = `/participants/${participant.id}/meetings/${meetingId}`;
  return (
    <div className="page minutes">
      <title>{`${t("meetings.minutes.title", { title })} · ${name} · ${t("app.name")}`}</title>
      <div className="no-print">
        <p className="back-link"><Link to={forPerson ? `${base}/minutes` : base}>{t("meetings.run.back", { title })}</Link></p>
      </div>
      <header className="print-header">
        {program.logo ? <img src={program.logo} alt="" className="program-logo" /> : null}
        <p>{program.name}{program.phone ? ` · ${program.phone}` : ""}</p>
      </header>
      <h1>{t("meetings.minutes.title", { title })}</h1>
      {notice === "dismissed" ? <p className="notice no-print" role="status">{t("seedsNetwork.dismissed.notice")}</p> : null}
      {notice === "restored" ? <p className="notice no-print" role="status">{t("seedsNetwork.restored.notice")}</p> : null}
      {forPerson ? <p data-testid="copy-for">{t("meetings.minutes.copyFor", { name: forPerson.name })}</p> : null}
      {minutes ? <Minutes t={t} minutes={minutes} name={name} mayDismiss={mayDismiss} />
        : !held ? <p data-testid="minutes-not-held">{t("meetings.minutes.notHeld")}</p>
        : <p data-testid="minutes-not-shown">{t("meetings.minutes.notShown")}</p>}
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>{t("meetings.minutes.print")}</button>
        <a className="button secondary" href={`${base}/minutes.pdf${forPerson ? `?for=${forPerson.id}` : ""}`}>{t("meetings.minutes.pdf")}</a>
      </div>
      {!forPerson && attendees.length ? (
        <section aria-labelledby="copies" className="no-print">
          <h2 id="copies">{t("meetings.minutes.copies.heading")}</h2>
          <p className="hint">{t("meetings.minutes.copies.hint")}</p>
          <ul>
            {attendees.map((a) => <li key={a.id}><Link to={`?for=${a.id}`}>{t("meetings.minutes.copyFor", { name: a.name })}</Link></li>)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function Minutes({ t, minutes, name, mayDismiss }: { t: Translate; minutes: MeetingMinutes; name: string; mayDismiss: boolean }) {
  const section = (id: string, heading: string, lines: readonly MinutesLine[], dismissable = false) => (
    <section aria-labelledby={`minutes-${id}`} data-minutes={id}>
      <h2 id={`minutes-${id}`}>{heading}</h2>
      {lines.length === 0 ? <p>{t("common.none")}</p> : (
        <ul>
          {lines.map((line, i) => (
            <li key={i} data-entry-id={line.entryId} data-dismissed={line.dismissed ? "true" : undefined}>
              {line.dismissed ? <><strong className="mark">{t("seedsNetwork.dismissed.mark")}</strong>{" "}<s>{line.text}</s></> : line.text}
              {line.whenText ? ` — ${line.whenText}` : ""}{" "}
              <span className="muted">({line.by ?? name})</span>
              {line.dismissed ? (
                <p className="hint">{line.dismissed.reason
                  ? t("seedsNetwork.dismissed.whenWhy", { date: formatDate(line.dismissed.at.slice(0, 10), t.locale), reason: line.dismissed.reason })
                  : t("seedsNetwork.dismissed.when", { date: formatDate(line.dismissed.at.slice(0, 10), t.locale) })}</p>
              ) : null}
              {dismissable && mayDismiss && line.entryId ? <DismissControl t={t} entryId={line.entryId} dismissed={!!line.dismissed} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      <dl className="facts">
        <dt>{t("meetings.field.when")}</dt><dd>{formatMeetingTime(minutes.scheduledAt, t.locale)}</dd>
        <dt>{t("meetings.field.place")}</dt><dd>{minutes.place}</dd>
        <dt>{t("meetings.minutes.came")}</dt><dd data-testid="came">{[name, ...minutes.came].join(", ")}</dd>
      </dl>
      {section("strengths", t("meetings.minutes.strengths"), minutes.strengths)}
      {section("job-ideas", t("meetings.minutes.jobIdeas"), minutes.jobIdeas)}
      <section aria-labelledby="minutes-concerns" data-minutes="concerns">
        <h2 id="minutes-concerns">{t("meetings.minutes.concerns")}</h2>
        {minutes.concerns.length === 0 ? <p>{t("common.none")}</p> : (
          <ul>
            {minutes.concerns.map((c, i) => (
              <li key={i}>
                <strong>{t(`concern.type.${c.type}`)}</strong>: {c.text}
                {c.plan ? <> — {t("meetings.minutes.plan")} {c.plan}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {section("ideas", t("meetings.minutes.ideas"), minutes.ideas)}
      {section("commitments", t("meetings.minutes.commitments"), minutes.commitments, true)}
      {section("next-steps", t("meetings.minutes.nextSteps"), minutes.nextSteps)}
      {minutes.leftOut ? <p className="hint" data-testid="minutes-left-out">{t("meetings.minutes.leftOut")}</p> : null}
      {minutes.part2Notice ? (
        <section className="part2-notice" aria-label={t("consentForm.part2.heading")}><p>{t("consent.part2Notice")}</p></section>
      ) : null}
    </>
  );
}

/** Set one commitment aside with an optional reason, or bring it back. */
function DismissControl({ t, entryId, dismissed }: { t: Translate; entryId: string; dismissed: boolean }) {
  if (dismissed) {
    return (
      <Form method="post" className="no-print">
        <CsrfField />
        <input type="hidden" name="entryId" value={entryId} />
        <button type="submit" name="intent" value="restore" className="secondary">{t("seedsNetwork.dismiss.restore")}</button>
      </Form>
    );
  }
  return (
    <details className="no-print">
      <summary>{t("seedsNetwork.dismiss.button")}</summary>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="entryId" value={entryId} />
        <TextField prefix={`dismiss-${entryId}`} name="reason" label={t("seedsNetwork.dismiss.reason")} hint={t("seedsNetwork.dismiss.reasonHint")} errors={undefined} autoComplete="off" />
        <button type="submit" name="intent" value="dismiss" className="secondary">{t("seedsNetwork.dismiss.button")}</button>
      </Form>
    </details>
  );
}

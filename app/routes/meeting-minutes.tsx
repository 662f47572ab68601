import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-minutes";
import { getMeetingMinutes } from "../../src/domain/meetings/meetings.server.ts";
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
    program: { name: program.name, phone: program.phone, logo: program.hasLogo ? await getProgramLogo(ctx.db) : null },
  };
}

export default function MeetingMinutesPage() {
  const t = useT();
  const { participant, meetingId, title, minutes, forPerson, attendees, program, held } = useLoaderData<typeof loader>();
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
      {forPerson ? <p data-testid="copy-for">{t("meetings.minutes.copyFor", { name: forPerson.name })}</p> : null}
      {minutes ? <Minutes t={t} minutes={minutes} name={name} />
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

function Minutes({ t, minutes, name }: { t: Translate; minutes: MeetingMinutes; name: string }) {
  const section = (id: string, heading: string, lines: readonly MinutesLine[]) => (
    <section aria-labelledby={`minutes-${id}`} data-minutes={id}>
      <h2 id={`minutes-${id}`}>{heading}</h2>
      {lines.length === 0 ? <p>{t("common.none")}</p> : (
        <ul>
          {lines.map((line, i) => (
            <li key={i}>
              {line.text}{line.whenText ? ` — ${line.whenText}` : ""}{" "}
              <span className="muted">({line.by ?? name})</span>
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
      {section("commitments", t("meetings.minutes.commitments"), minutes.commitments)}
      {section("next-steps", t("meetings.minutes.nextSteps"), minutes.nextSteps)}
      {minutes.leftOut ? <p className="hint" data-testid="minutes-left-out">{t("meetings.minutes.leftOut")}</p> : null}
      {minutes.part2Notice ? (
        <section className="part2-notice" aria-label={t("consentForm.part2.heading")}><p>{t("consent.part2Notice")}</p></section>
      ) : null}
    </>
  );
}

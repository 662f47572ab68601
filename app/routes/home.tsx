import { Link, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { PARTNER_HOME } from "../../src/domain/links/model.ts";
import { readHome } from "../../src/domain/day/day.server.ts";
import { readSupervisorHome } from "../../src/domain/reports/reports.server.ts";
import { SupervisorTeam } from "../components/supervisor-home.tsx";
import type { CaseloadDay, ProgramSummary } from "../../src/domain/day/model.ts";
import { formatDate, formatMonth } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { MeetingLine } from "../components/day.tsx";
import dayStyles from "../components/day.css?url";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: dayStyles }];

/** The staff member's day (issue 14 §1): what needs them today across the caseload, each item a link to where it is dealt with. */
export async function loader({ context, request }: Route.LoaderArgs) {
  // A support person or participant signed in by their link: the site's name leads back to their own page.
  const partner = app(context).partner;
  if (partner && !app(context).actor) return redirect(PARTNER_HOME[partner.kind]);
  const actor = requireActor(context, request);
  const ctx = app(context);
  // A supervisor also sees their team's practice (issue 15 §2); a specialist asked for outside the team is "not found".
  const specialist = new URL(request.url).searchParams.get("specialist") || null;
  const team = await readSupervisorHome(ctx.db, actor, specialist, ctx.meta);
  if (specialist && !team) throw notFound();
  return { day: await readHome(ctx.db, actor, ctx.sessionId, ctx.meta), team };
}

export default function Home() {
  const t = useT();
  const { day, team } = useLoaderData<typeof loader>();
  const title = t(day.kind === "caseload" ? `day.title.${day.scope}` : day.kind === "summary" ? "day.title.summary" : "day.title.own");
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>{t("day.today", { date: formatDate(day.today, t.locale) })}</p>
      <nav aria-label={t("day.links.label")}>
        <ul className="area-links">
          <li><Link to="/participants">{t("day.links.caseload")}</Link></li>
          {day.kind === "caseload" ? <li><Link to="/calendar">{t("day.links.calendar")}</Link></li> : null}
        </ul>
      </nav>
      {team ? <SupervisorTeam t={t} team={team} /> : null}
      {day.kind === "caseload" ? <CaseloadLists day={day} t={t} /> : day.kind === "summary" ? <Summary summary={day} t={t} /> : <p>{t("day.none")}</p>}
    </div>
  );
}

function Section({ id, heading, intro, empty, children, count }: { id: string; heading: string; intro?: string; empty: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="card" data-testid={id}>
      <h2 id={id}>{heading}</h2>
      {intro ? <p className="hint">{intro}</p> : null}
      {count === 0 ? <p className="muted">{empty}</p> : <ul>{children}</ul>}
    </section>
  );
}

// The items are plain links, not <Link>: up to ten a list, each <Link> costing the
// server its hooks and a path resolution on every render (decision 0041).
function CaseloadLists({ day, t }: { day: CaseloadDay; t: Translate }) {
  return (
    <div className="day-lists">
      <Section id="meetings-today" heading={t("day.meetingsToday.heading")} empty={t("day.meetingsToday.none")} count={day.meetingsToday.length}>
        {day.meetingsToday.map((m) => (
          <li key={m.meetingId}><MeetingLine meeting={m} t={t} />{m.status === "in_progress" ? <> <span className="mark">{t("day.meeting.inProgress")}</span></> : null}</li>
        ))}
      </Section>
      <Section id="news" heading={t("day.news.heading")} intro={day.newsSince ? t("day.news.since", { date: formatDate(day.newsSince, t.locale, "medium") }) : t("day.news.firstVisit")}
        empty={t("day.news.none")} count={day.news.length}>
        {day.news.map((n) => n.kind === "rsvp" ? (
          <li key={`rsvp-${n.meetingId}-${n.supportPersonName}-${n.at}`}>
            <a href={href("/participants/:id/meetings/:meetingId", { id: n.participantId, meetingId: n.meetingId })}>
              {t(`day.news.rsvp.${n.response}`, { person: n.supportPersonName, meeting: n.meetingTitle, name: participantDisplayName(n) })}
            </a>
          </li>
        ) : (
          <li key={`commitment-${n.planItemId}`}>
            <a href={href("/participants/:id/plan", { id: n.participantId })}>
              {t(`day.news.commitment.${n.report}`, { person: n.supportPersonName, description: n.description, name: participantDisplayName(n) })}
            </a>
          </li>
        ))}
      </Section>
      <Section id="meetings-week" heading={t("day.meetingsWeek.heading")} empty={t("day.meetingsWeek.none")} count={day.meetingsThisWeek.length}>
        {day.meetingsThisWeek.map((m) => (
          <li key={m.meetingId}><MeetingLine meeting={m} t={t} withDate={formatDate(m.scheduledAt.slice(0, 10), t.locale, "medium")} /></li>
        ))}
      </Section>
      <Section id="commitments" heading={t("day.commitments.heading")} intro={t("day.commitments.intro")} empty={t("day.commitments.none")} count={day.commitments.length}>
        {day.commitments.map((c) => (
          <li key={c.planItemId}>
            <a href={href("/participants/:id/plan", { id: c.participantId })}>{participantDisplayName(c)}: {c.description}</a>{" "}
            <span className={c.overdue ? "mark mark--warning" : "mark"}>
              {t(c.overdue ? "day.commitments.overdue" : "day.commitments.due", { date: formatDate(c.endsOn, t.locale, "medium") })}
            </span>
          </li>
        ))}
      </Section>
      <Section id="consents" heading={t("day.consents.heading")} intro={t("day.consents.intro")} empty={t("day.consents.none")} count={day.consentsEnding.length}>
        {day.consentsEnding.map((c) => (
          <li key={c.grantId}>
            <a href={href("/participants/:id/network/:personId", { id: c.participantId, personId: c.supportPersonId })}>
              {t("day.consents.item", { person: c.supportPersonName, name: participantDisplayName(c), date: formatDate(c.expiresOn, t.locale, "medium") })}
            </a>
          </li>
        ))}
      </Section>
      <Section id="concerns" heading={t("day.concerns.heading")} empty={t("day.concerns.none")} count={day.concerns.length}>
        {day.concerns.map((c) => (
          <li key={c.concernId}>
            <a href={href("/participants/:id/concerns", { id: c.participantId })}>{t("day.concerns.item", { name: participantDisplayName(c), type: t(`concern.type.${c.type}`) })}</a>
            {c.status === "in_progress" ? <> <span className="mark">{t("day.concerns.inProgress")}</span></> : null}
          </li>
        ))}
      </Section>
      <Section id="ssi-reports" heading={t("day.ssi.heading")} empty={t("day.ssi.none")} count={day.ssiReports.length}>
        {day.ssiReports.map((r) => (
          <li key={`${r.participantId}-${r.month}`}>
            <a href={href("/participants/:id/benefits", { id: r.participantId })}>
              {t("day.ssi.item", { name: participantDisplayName(r), month: formatMonth(r.month, t.locale), dueOn: formatDate(r.dueOn, t.locale, "medium") })}
            </a>
            {r.status !== "due" ? <> <span className="mark mark--warning">{t(`day.ssi.${r.status}`)}</span></> : null}
          </li>
        ))}
      </Section>
    </div>
  );
}

function Summary({ summary, t }: { summary: ProgramSummary; t: Translate }) {
  return (
    <section>
      <p className="hint">{t("day.summary.intro")}</p>
      <ul className="day-summary" data-testid="program-summary">
        <li>{t("day.summary.participants", { count: summary.activeParticipants })}</li>
        <li>{t("day.summary.meetings", { count: summary.meetingsThisWeek })}</li>
        <li>{t("day.summary.overdue", { count: summary.commitmentsOverdue })}</li>
        <li>{t("day.summary.consents", { count: summary.consentsEnding })}</li>
        <li>{t("day.summary.concerns", { count: summary.openConcerns })}</li>
      </ul>
    </section>
  );
}

import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/calendar";
import { readCalendar } from "../../src/domain/day/day.server.ts";
import { calendarQuerySchema, daysBetween, type DayMeeting } from "../../src/domain/day/model.ts";
import { formatDate, formatMonth, formatWeekday } from "../../src/i18n/format.ts";
import { MeetingLine } from "../components/day.tsx";
import dayStyles from "../components/day.css?url";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: dayStyles }];

/** The caseload's meetings by week or by month (issue 14 §1); server-drawn, every meeting a link. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const params = new URL(request.url).searchParams;
  const query = calendarQuerySchema.parse({ view: params.get("view") ?? undefined, date: params.get("date") ?? undefined });
  const page = await readCalendar(ctx.db, actor, query, ctx.meta);
  if (!page) throw notFound();
  return page;
}

function byDay(meetings: DayMeeting[]): Map<string, DayMeeting[]> {
  const days = new Map<string, DayMeeting[]>();
  for (const m of meetings) {
    const day = m.scheduledAt.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  return days;
}

export default function Calendar() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const meetings = byDay(page.meetings);
  const href = (view: "week" | "month", date?: string) => `/calendar?view=${view}${date ? `&date=${date}` : ""}`;
  const heading = page.view === "week" ? t("day.calendar.weekOf", { date: formatDate(page.range.first, t.locale) }) : formatMonth(page.range.first.slice(0, 7), t.locale);
  return (
    <div className="page">
      <title>{`${heading} · ${t("day.calendar.title")} · ${t("app.name")}`}</title>
      <h1>{t("day.calendar.title")}: {heading}</h1>
      <nav aria-label={t("day.calendar.views")} className="calendar-nav">
        <Link to={href("week", page.date)} aria-current={page.view === "week" ? "page" : undefined}>{t("day.calendar.week")}</Link>
        <Link to={href("month", page.date)} aria-current={page.view === "month" ? "page" : undefined}>{t("day.calendar.month")}</Link>
        <Link to={href(page.view, page.previous)} rel="prev">{t(page.view === "week" ? "day.calendar.previousWeek" : "day.calendar.previousMonth")}</Link>
        <Link to={href(page.view)}>{t("day.calendar.goToday")}</Link>
        <Link to={href(page.view, page.next)} rel="next">{t(page.view === "week" ? "day.calendar.nextWeek" : "day.calendar.nextMonth")}</Link>
      </nav>
      <p role="status">{t("day.calendar.count", { count: page.meetings.length })}</p>
      {page.view === "week" ? (
        <ol className="calendar-week" data-testid="calendar-week">
          {daysBetween(page.range.from, page.range.to).map((day) => {
            const list = meetings.get(day) ?? [];
            const isToday = day === page.today;
            return (
              <li key={day} className={isToday ? "is-today" : undefined} aria-current={isToday ? "date" : undefined} data-day={day}>
                <h2>{formatWeekday(day, t.locale, "long")} {formatDate(day, t.locale, "medium")}{isToday ? ` (${t("day.calendar.today")})` : ""}</h2>
                {list.length === 0 ? <p className="muted">{t("day.calendar.noMeetings")}</p> : (
                  <ul>{list.map((m) => <li key={m.meetingId}><MeetingLine meeting={m} t={t} /></li>)}</ul>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        <table className="calendar-month" data-testid="calendar-month">
          <caption className="muted">{t("day.calendar.caption", { month: heading })}</caption>
          <thead>
            <tr>
              {daysBetween(page.range.from, page.range.to).slice(0, 7).map((day) => <th key={day} scope="col">{formatWeekday(day, t.locale, "short")}</th>)}
            </tr>
          </thead>
          <tbody>
            {weeksOf(daysBetween(page.range.from, page.range.to)).map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const list = meetings.get(day) ?? [];
                  const inMonth = day >= page.range.first && day <= page.range.last;
                  const isToday = day === page.today;
                  const classes = [inMonth ? "" : "other-month", list.length === 0 ? "no-meetings" : "", isToday ? "is-today" : ""].filter(Boolean).join(" ");
                  return (
                    <td key={day} className={classes || undefined} aria-current={isToday ? "date" : undefined} data-day={day}>
                      <span className="day-number">{formatDate(day, t.locale, "medium")}{isToday ? ` (${t("day.calendar.today")})` : ""}</span>
                      {list.length > 0 ? <ul>{list.map((m) => <li key={m.meetingId}><MeetingLine meeting={m} t={t} /></li>)}</ul> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><Link to="/profile/calendar-feed">{t("day.calendar.feedLink")}</Link></p>
    </div>
  );
}

function weeksOf(days: string[]): string[][] {
  const weeks: string[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

import { z } from "zod";
import { addDays } from "../day/model.ts";

/**
 * The figures a report shows for each specialist and team over a period. Each
 * counts something that happened in the period, except `participants` and
 * `consentsActive` (on the period's last day) and `workingCompetitive` (people in
 * a competitive job on the period's last day).
 */
export const INDICATORS = [
  "participants", "involved", "consentsActive", "meetingsHeld", "commitmentsKept", "planItemsDone", "jobStarts", "workingCompetitive",
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type Figures = Record<Indicator, number>;

export interface SpecialistFigures extends Figures {
  specialistId: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
}

export interface TeamFigures extends Figures {
  teamId: string | null;
  teamName: string | null;
  /** How many specialists the team's figures add up. */
  specialists: number;
}

export interface Report {
  from: string;
  to: string;
  teamId: string | null;
  specialistId: string | null;
  specialists: SpecialistFigures[];
  teams: TeamFigures[];
  total: Figures;
}

/** The longest period a report covers: ten years, enough for any program's whole history. */
export const MAX_REPORT_DAYS = 3660;

const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "report.period.invalid" }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: "report.period.invalid" });
const optionalId = z.string().trim().max(100).nullish().transform((v) => (v ? v : null));

/** What a report asks for: the period (both days included), and optionally one team or one specialist. */
export const reportQuerySchema = z.object({
  from: day,
  to: day,
  team: optionalId,
  specialist: optionalId,
}).superRefine((q, ctx) => {
  if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "report.period.order" });
  else if (daysIn(q.from, q.to) > MAX_REPORT_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: "report.period.tooLong" });
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** How many days a period holds, both ends included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period of the last `days` days ending today. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export function emptyFigures(): Figures {
  return Object.fromEntries(INDICATORS.map((i) => [i, 0])) as Figures;
}

function add(into: Figures, from: Figures): void {
  for (const i of INDICATORS) into[i] += from[i];
}

/** Team totals (in team name order, no team last) and the grand total, from the specialists' figures. */
export function totalsOf(specialists: readonly SpecialistFigures[]): { teams: TeamFigures[]; total: Figures } {
  const teams = new Map<string | null, TeamFigures>();
  const total = emptyFigures();
  for (const s of specialists) {
    let team = teams.get(s.teamId);
    if (!team) teams.set(s.teamId, team = { teamId: s.teamId, teamName: s.teamName, specialists: 0, ...emptyFigures() });
    team.specialists += 1;
    add(team, s);
    add(total, s);
  }
  // One collator for every comparison: localeCompare builds one per call, which a program's hundred teams felt.
  const collator = new Intl.Collator();
  const ordered = [...teams.values()].sort((a, b) => (a.teamName === null ? 1 : b.teamName === null ? -1 : collator.compare(a.teamName, b.teamName)));
  return { teams: ordered, total };
}

/**
 * What a report's charts and table draw a bar and a row for. A report within one
 * team (a supervisor's, 5 to 15 specialists) shows each specialist; a report over
 * several teams (an administrator's program: at N = 20,000, 125 teams and 1,000
 * specialists) shows each team, from which the reader opens one team's report.
 * The spreadsheet keeps every specialist whatever the page shows.
 */
export type ReportView =
  | { level: "specialists"; specialists: SpecialistFigures[]; teams: TeamFigures[]; total: Figures }
  | { level: "teams"; teams: TeamFigures[]; total: Figures };

export function reportView(report: Pick<Report, "specialists" | "teams" | "total">): ReportView {
  return report.teams.length > 1
    ? { level: "teams", teams: report.teams, total: report.total }
    : { level: "specialists", specialists: report.specialists, teams: report.teams, total: report.total };
}

/**
 * The specialists the report's filter offers: those of the chosen team, or everyone
 * the reader may choose when the reach holds one team. Over several teams none: the
 * reader chooses a team first (a list of a program's thousand names helps nobody, and
 * weighs on the page).
 */
export function specialistChoices<S extends { teamId: string | null }>(specialists: readonly S[], teamCount: number, chosenTeam: string | null): S[] {
  if (chosenTeam !== null) return specialists.filter((s) => s.teamId === chosenTeam);
  return teamCount > 1 ? [] : [...specialists];
}

/**
 * The report's filter as the page shows it: the team is the one chosen, or the chosen
 * specialist's own (a link to one specialist's report names no team), and the
 * specialists offered are that team's (specialistChoices).
 */
export function reportFilter<T, S extends { id: string; teamId: string | null }>(all: { teams: T[]; specialists: S[] }, values: ReportValues): { values: ReportValues; choices: { teams: T[]; specialists: S[] } } {
  const team = values.team || all.specialists.find((s) => s.id === values.specialist)?.teamId || "";
  return { values: { ...values, team }, choices: { teams: all.teams, specialists: specialistChoices(all.specialists, all.teams.length, team || null) } };
}

/**
 * A share as a whole percentage, or null when there is nobody to count (a
 * specialist with no caseload has no share, rather than 0%).
 */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

/** The shares a report shows next to the counts: people with an involved support, and people working in competitive jobs. */
export function sharesOf(figures: Figures): { involved: number | null; workingCompetitive: number | null } {
  return { involved: percent(figures.involved, figures.participants), workingCompetitive: percent(figures.workingCompetitive, figures.participants) };
}

/** How many days back the supervisor's home looks for a participant's supports being involved. */
export const UNINVOLVED_DAYS = 90;

/** The two periods the supervisor's home shows side by side. */
export const HOME_PERIODS = [30, 90] as const;

/** The period a report shows when none is chosen: the last 90 days. */
export const DEFAULT_REPORT_DAYS = 90;

/** A report's query as the page's filter holds it: text, as typed. */
export interface ReportValues { from: string; to: string; team: string; specialist: string }

/**
 * A report's query from a page address: the period (the last 90 days when no
 * day is given), the team and the specialist. Errors are message keys by field.
 */
export function reportQueryFrom(params: URLSearchParams, today: string):
  { ok: true; query: ReportQuery } | { ok: false; errors: Record<string, string>; values: ReportValues } {
  const fallback = lastDays(today, DEFAULT_REPORT_DAYS);
  const values: ReportValues = {
    from: params.get("from") || fallback.from, to: params.get("to") || fallback.to,
    team: params.get("team") ?? "", specialist: params.get("specialist") ?? "",
  };
  const parsed = reportQuerySchema.safeParse(values);
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "from")] ??= issue.message;
  return { ok: false, errors, values };
}

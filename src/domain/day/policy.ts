import type { Actor } from "../auth/actor.ts";
import { caseloadScope, type CaseloadScope } from "../participants/policy.ts";

/**
 * What the home page shows an actor. Someone who carries a caseload (a specialist
 * their own, a supervisor their team's) gets the working lists with names; an
 * administrator, who reaches every participant but carries none, gets counts
 * only: a list of every name in the program on each visit would show them far
 * more than their work needs.
 */
export type HomeView =
  | { kind: "caseload"; scope: Extract<CaseloadScope, { kind: "own" } | { kind: "team" }> }
  | { kind: "summary" }
  | { kind: "none" };

export function homeView(actor: Actor): HomeView {
  const scope = caseloadScope(actor);
  if (scope.kind === "own" || scope.kind === "team") return { kind: "caseload", scope };
  if (scope.kind === "any") return { kind: "summary" };
  return { kind: "none" };
}

/**
 * The calendar and its feed cover the meetings of the caseload the actor works:
 * a specialist's own, a supervisor's team. An administrator has no calendar of
 * meetings to keep, and a feed of the whole program would copy every meeting
 * into a calendar app; so neither.
 */
export function calendarScope(actor: Actor): Extract<CaseloadScope, { kind: "own" } | { kind: "team" }> | null {
  const view = homeView(actor);
  return view.kind === "caseload" ? view.scope : null;
}

/** The staff member's last kept visit to the home page. */
export interface KeptVisit { session_id: string; visited_at: string; news_since: string | null }

/** A reload within this long of the kept visit leaves it alone: the news can only start a little earlier, never later. */
export const VISIT_KEPT_MS = 60_000;

/**
 * Where the home page's news starts, and whether this visit is written down.
 * Within one sign-in the "since" point stays where it was, so a reload keeps the
 * list; a new sign-in moves it to the last visit of the one before. A reload
 * within a minute of the kept visit writes nothing (every request of one person
 * would otherwise write the same row).
 */
export function homeVisit(previous: KeptVisit | undefined, session: string, at: Date): { newsSince: string | null; write: boolean } {
  if (!previous) return { newsSince: null, write: true };
  if (previous.session_id !== session) return { newsSince: previous.visited_at, write: true };
  return { newsSince: previous.news_since, write: at.getTime() - Date.parse(previous.visited_at) >= VISIT_KEPT_MS };
}

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

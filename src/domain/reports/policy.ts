import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/** Whose figures the actor may read: their own team, any team, or none. */
export type ReportScope = { kind: "team"; teamId: string } | { kind: "any" } | { kind: "none" };

export function reportScope(actor: Actor): ReportScope {
  if (actor.kind !== "staff") return { kind: "none" };
  const access = accessFor(actor.permissions, "read", "report");
  if (access === "any") return { kind: "any" };
  if (access === "team" && actor.teamId) return { kind: "team", teamId: actor.teamId };
  return { kind: "none" };
}

/**
 * The team a report covers, given what was asked: a team-scoped reader always gets
 * their own team and may not ask for another; an administrator gets the one asked
 * for, or the whole program. Null when the request reaches outside the scope.
 */
export function teamFor(scope: ReportScope, askedTeam: string | null): { teamId: string | null } | null {
  if (scope.kind === "none") return null;
  if (scope.kind === "team") return askedTeam === null || askedTeam === scope.teamId ? { teamId: scope.teamId } : null;
  return { teamId: askedTeam };
}

import type { Actor } from "../auth/actor.ts";
import { accessFor, type Access } from "../auth/permissions.ts";

/** What a policy needs to know about a participant: whose caseload, which team. */
export interface CaseloadPlace {
  specialistId: string;
  teamId: string | null;
}

export type ParticipantAction = "read" | "update" | "archive";

function reaches(access: Access | null, actor: Actor, place: CaseloadPlace): boolean {
  if (access === "any") return true;
  if (access === "team") return actor.teamId !== null && place.teamId === actor.teamId;
  if (access === "own") return place.specialistId === actor.userId;
  return false;
}

/** Which actions the actor may take on this participant, and the permission that allowed each. */
export function participantPermissions(actor: Actor, place: CaseloadPlace): Record<ParticipantAction, string | null> {
  const result = { read: null, update: null, archive: null } as Record<ParticipantAction, string | null>;
  for (const action of ["read", "update", "archive"] as const) {
    const access = accessFor(actor.permissions, action, "participant");
    if (reaches(access, actor, place)) result[action] = `${action}:participant:${access}`;
  }
  return result;
}

export function mayParticipant(actor: Actor, action: ParticipantAction, place: CaseloadPlace): boolean {
  return participantPermissions(actor, place)[action] !== null;
}

/** Which caseloads a list shows: the narrowest answer is none at all. */
export type CaseloadScope = { kind: "own"; userId: string } | { kind: "team"; teamId: string } | { kind: "any" } | { kind: "none" };

export function caseloadScope(actor: Actor): CaseloadScope {
  const access = accessFor(actor.permissions, "read", "participant");
  if (access === "any") return { kind: "any" };
  if (access === "team" && actor.teamId) return { kind: "team", teamId: actor.teamId };
  if (access === "own") return { kind: "own", userId: actor.userId };
  return { kind: "none" };
}

/** Whether the actor may put a participant on this specialist's caseload. */
export function mayAssignTo(actor: Actor, specialist: { id: string; teamId: string | null; role: string; active: boolean }): boolean {
  if (!specialist.active || specialist.role !== "specialist") return false;
  const access = accessFor(actor.permissions, "create", "participant");
  return reaches(access, actor, { specialistId: specialist.id, teamId: specialist.teamId });
}

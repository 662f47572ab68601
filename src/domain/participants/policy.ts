import type { Actor, StaffActor } from "../auth/actor.ts";
import { accessFor, type Access } from "../auth/permissions.ts";

/** What a policy needs to know about a participant: whose caseload, which team. */
export interface CaseloadPlace {
  specialistId: string;
  teamId: string | null;
}

export type ParticipantAction = "read" | "update" | "archive";

function reaches(access: Access | null, actor: StaffActor, place: CaseloadPlace): boolean {
  if (access === "any") return true;
  if (access === "team") return actor.teamId !== null && place.teamId === actor.teamId;
  if (access === "own") return place.specialistId === actor.userId;
  return false;
}

/**
 * Which actions the actor may take on this participant, and the permission that
 * allowed each. Only staff carry permissions: a support person or the participant
 * as actor gets nothing here, and each area's policy says what, if anything, they
 * may see instead.
 */
export function participantPermissions(actor: Actor, place: CaseloadPlace): Record<ParticipantAction, string | null> {
  const result = { read: null, update: null, archive: null } as Record<ParticipantAction, string | null>;
  if (actor.kind !== "staff") return result;
  for (const action of ["read", "update", "archive"] as const) {
    const access = accessFor(actor.permissions, action, "participant");
    if (reaches(access, actor, place)) result[action] = `${action}:participant:${access}`;
  }
  return result;
}

/**
 * How far the actor reaches into this participant's record, for the areas that
 * hang off it (network, consent, meetings, plans...): reading, and changing,
 * which needs reading too. Each area's policy builds its actions from this.
 */
export function participantReach(actor: Actor, place: CaseloadPlace): { read: boolean; update: boolean } {
  const permissions = participantPermissions(actor, place);
  const read = permissions.read !== null;
  return { read, update: read && permissions.update !== null };
}

export function mayParticipant(actor: Actor, action: ParticipantAction, place: CaseloadPlace): boolean {
  return participantPermissions(actor, place)[action] !== null;
}

/** Which caseloads a list shows: the narrowest answer is none at all. */
export type CaseloadScope = { kind: "own"; userId: string } | { kind: "team"; teamId: string } | { kind: "any" } | { kind: "none" };

export function caseloadScope(actor: Actor): CaseloadScope {
  if (actor.kind !== "staff") return { kind: "none" };
  const access = accessFor(actor.permissions, "read", "participant");
  if (access === "any") return { kind: "any" };
  if (access === "team" && actor.teamId) return { kind: "team", teamId: actor.teamId };
  if (access === "own") return { kind: "own", userId: actor.userId };
  return { kind: "none" };
}

/** Whether the actor may put a participant on this specialist's caseload. */
export function mayAssignTo(actor: Actor, specialist: { id: string; teamId: string | null; role: string; active: boolean }): boolean {
  if (actor.kind !== "staff") return false;
  if (!specialist.active || specialist.role !== "specialist") return false;
  const access = accessFor(actor.permissions, "create", "participant");
  return reaches(access, actor, { specialistId: specialist.id, teamId: specialist.teamId });
}

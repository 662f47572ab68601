import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";
import type { SpecialistPlace } from "./model.ts";

/**
 * Whether the actor may move participants off this specialist's caseload, and by
 * which permission. Moving needs to change participants beyond one's own caseload:
 * an administrator (`update:participant:any`) for anyone, a supervisor
 * (`update:participant:team`) for a specialist of their own team. A specialist never
 * moves their own participants away: someone who answers for the team decides.
 */
export function caseloadMovePermission(actor: Actor, from: SpecialistPlace): string | null {
  if (actor.kind !== "staff" || from.id === actor.userId) return null;
  const access = accessFor(actor.permissions, "update", "participant");
  if (access === "any") return "update:participant:any";
  if (access === "team" && actor.teamId !== null && from.teamId === actor.teamId) return "update:participant:team";
  return null;
}

/**
 * Whether the participants may go to this specialist: an active specialist, not the
 * one they leave, within the reach of the actor's permission (a supervisor keeps
 * them in the team).
 */
export function mayReceiveCaseload(actor: Actor, from: SpecialistPlace, to: SpecialistPlace): boolean {
  if (actor.kind !== "staff" || !caseloadMovePermission(actor, from)) return false;
  if (to.id === from.id || to.role !== "specialist" || !to.active) return false;
  const access = accessFor(actor.permissions, "update", "participant");
  return access === "any" || (actor.teamId !== null && to.teamId === actor.teamId);
}

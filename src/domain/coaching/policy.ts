import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/** The specialist a coaching page is about: who they are and which team they are on. */
export interface SpecialistFacts {
  id: string;
  teamId: string | null;
  /** Only specialists are coached; a page about anyone else is not found. */
  isSpecialist: boolean;
}

/** The two people a coaching note is between. */
export interface NoteParties {
  specialistId: string;
  supervisorId: string;
}

/** May the actor write coaching notes for this specialist? A supervisor of the specialist's team (`coach:specialist:team`). */
export function mayCoach(actor: Actor, specialist: SpecialistFacts): boolean {
  if (actor.kind !== "staff" || !specialist.isSpecialist || actor.userId === specialist.id) return false;
  const access = accessFor(actor.permissions, "coach", "specialist");
  if (access === "any") return true;
  return access === "team" && actor.teamId !== null && actor.teamId === specialist.teamId;
}

/** Administrators read every coaching note (`read:coaching:any`) but write none. */
export function readsAllCoaching(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "read", "coaching") === "any";
}

/** May the actor open the coaching page about this specialist? The specialist themselves, a supervisor who may coach them, or an administrator. */
export function mayOpenCoaching(actor: Actor, specialist: SpecialistFacts): boolean {
  if (actor.kind !== "staff" || !specialist.isSpecialist) return false;
  return actor.userId === specialist.id || mayCoach(actor, specialist) || readsAllCoaching(actor);
}

/**
 * May the actor read this note? Only the two people it is between, and
 * administrators: another supervisor of the same team does not see it, nor
 * does any other specialist.
 */
export function mayReadNote(actor: Actor, note: NoteParties): boolean {
  if (actor.kind !== "staff") return false;
  return actor.userId === note.specialistId || actor.userId === note.supervisorId || readsAllCoaching(actor);
}

/** May the actor mark the note's follow-up done? One of the two people it is between. */
export function mayCompleteFollowUp(actor: Actor, note: NoteParties): boolean {
  return actor.kind === "staff" && (actor.userId === note.specialistId || actor.userId === note.supervisorId);
}

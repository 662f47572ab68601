import type { Actor, StaffActor } from "../auth/actor.ts";
import type { CaseloadPlace, ParticipantAction } from "../participants/policy.ts";

/**
 * What every area policy decides from: who acts, and whose caseload the
 * participant is on. An `AuthorizedParticipant` is one; a test builds one from
 * plain values.
 */
export interface ParticipantScope {
  actor: Actor;
  participant: CaseloadPlace;
}

/** The participant as the authorization step read them: enough to title a page and place them on a caseload. */
export interface AuthorizedParticipantRecord extends CaseloadPlace {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  /** The language documents made for the participant are written in. */
  preferredLanguage: string;
  specialistName: string;
}

/**
 * The one answer to "may this actor work with this participant's record", made
 * once per request by `authorizeParticipant` and handed to every area the
 * request reads or changes, so none of them asks the database again. The area
 * policies read it to say which of their own actions are allowed.
 *
 * Only staff get one today: the policies refuse support persons and the
 * participant as actors, so `actor` is a staff member.
 */
export interface AuthorizedParticipant {
  actor: StaffActor;
  participant: AuthorizedParticipantRecord;
  /** The permission that allows each participant action, or null where it is not allowed. */
  permissions: Record<ParticipantAction, string | null>;
  /** The permission that let the request's own action through: the audit rows' reason. */
  reason: string;
}

/**
 * The permission a change rests on, for its audit row, when the area's policy
 * allows it; null when it does not, and the caller answers "not found".
 */
export function changeAllowed(access: AuthorizedParticipant, allowed: boolean): string | null {
  return allowed ? access.permissions.update : null;
}

/** The same for a read. */
export function readAllowed(access: AuthorizedParticipant, allowed: boolean): string | null {
  return allowed ? access.permissions.read : null;
}

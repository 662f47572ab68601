import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";
import { holdsConsent, sharedCategories, type ConsentHistory, type PersonFacts } from "../consent/check.ts";
import type { ConsentCategory } from "../consent/model.ts";

/** What the actor may do with the contact notes on a participant's record. */
export interface ContactNoteActions {
  read: boolean;
  write: boolean;
}

export function contactNoteActions(scope: ParticipantScope): ContactNoteActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, write: reach.update };
}

/** A support person a note may not name, and the categories their consent does not cover. */
export interface OutsideConsent {
  supportPersonId: string;
  /** Categories the note touched that the person's consent does not cover; all of them when the person holds no consent. */
  missing: ConsentCategory[];
  /** The person holds no active consent at all (or may not be contacted). */
  noConsent: boolean;
}

/**
 * The support persons a contact note may not name, on the day it is written:
 * talking with a support person about the participant is a disclosure, so it is
 * allowed only while they hold an active consent (42 CFR Part 2 and HIPAA:
 * disclosure within the written consent) that covers every category the contact
 * touched. Pure: the caller passes the history and the moment.
 */
export function namedOutsideConsent(
  history: ConsentHistory, people: readonly PersonFacts[], touched: readonly ConsentCategory[], at: Date,
): OutsideConsent[] {
  const outside: OutsideConsent[] = [];
  for (const person of people) {
    if (!holdsConsent(history, person, at)) {
      outside.push({ supportPersonId: person.id, missing: [...touched], noConsent: true });
      continue;
    }
    const shared = new Set(sharedCategories(history, person, at));
    const missing = touched.filter((c) => !shared.has(c));
    if (missing.length > 0) outside.push({ supportPersonId: person.id, missing, noConsent: false });
  }
  return outside;
}

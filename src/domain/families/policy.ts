import type { Actor } from "../auth/actor.ts";
import type { ParticipantScope } from "../access/model.ts";
import { isReachable, type PersonFacts } from "../consent/check.ts";
import { participantReach } from "../participants/policy.ts";

/** What staff may do with the family agreements and introductions on a participant's record. */
export function familyActions(scope: ParticipantScope): { read: boolean; record: boolean } {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, record: reach.update };
}

/** One side of a proposed introduction: a support person and the participant they support. */
export interface IntroductionSide {
  participantId: string;
  person: PersonFacts;
  /** The staff member may change this participant's record. */
  inReach: boolean;
  personAgreed: boolean;
  participantAgreed: boolean;
}

export type IntroductionRefusal = "not_found" | "same_participant" | "not_agreed" | "not_reachable";

/**
 * May these two support persons be introduced? Only by staff who may change both
 * participants' records; only across two participants (two supports of one
 * participant know each other already); only while both support persons AND both
 * participants have agreed, and both support persons may still be contacted at all.
 */
export function introductionRefusal(actor: Actor, first: IntroductionSide, second: IntroductionSide, at: Date): IntroductionRefusal | null {
  if (actor.kind !== "staff" || !first.inReach || !second.inReach) return "not_found";
  if (first.participantId === second.participantId) return "same_participant";
  if (!first.personAgreed || !second.personAgreed || !first.participantAgreed || !second.participantAgreed) return "not_agreed";
  if (!isReachable(first.person, at) || !isReachable(second.person, at)) return "not_reachable";
  return null;
}

/** What the other family sees of a support person: their name, and the phone and email only when they chose to share them. */
export function sharedContact(
  person: { name: string; phone: string | null; email: string | null },
  agreement: { sharePhone: boolean; shareEmail: boolean },
): { name: string; phone: string | null; email: string | null } {
  return { name: person.name, phone: agreement.sharePhone ? person.phone : null, email: agreement.shareEmail ? person.email : null };
}

/**
 * Is an introduction still shown? Ended ones never again, even if everyone agrees
 * later (a new introduction is a new decision); and not once the other support
 * person has left the network or asked not to be contacted.
 */
export function introductionShown(introduction: { endedAt: string | null }, other: PersonFacts, at: Date): boolean {
  return introduction.endedAt === null && isReachable(other, at);
}

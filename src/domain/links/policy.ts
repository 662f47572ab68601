import type { ParticipantScope } from "../access/model.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { participantReach } from "../participants/policy.ts";
import type { LinkRefusal } from "./model.ts";

/** What decides whether a link still opens its page, read fresh on every request. */
export interface LinkFacts {
  expiresAt: string;
  revokedAt: string | null;
  participantArchivedAt: string | null;
  /** Absent for the participant's own link. */
  supportPerson?: {
    status: RelationshipStatus;
    endedAt: string | null;
    /** Holds at least one active consent grant that still covers a category. */
    holdsConsent: boolean;
  };
}

/**
 * Whether a link (and every session it opened) works at this moment, and if not,
 * why. Checked on every request, not only when the link is opened, so revoking
 * the link or the consent, marking "do not contact", ending the person's place in
 * the network or archiving the participant ends access at once. Pure.
 */
export function linkState(facts: LinkFacts, at: Date): "valid" | LinkRefusal {
  if (facts.revokedAt !== null) return "revoked";
  if (facts.participantArchivedAt !== null) return "archived";
  const person = facts.supportPerson;
  if (person) {
    if (person.status === "do_not_contact") return "do_not_contact";
    if (person.endedAt !== null && Date.parse(person.endedAt) <= at.getTime()) return "off_network";
    if (!person.holdsConsent) return "no_consent";
  }
  if (Date.parse(facts.expiresAt) <= at.getTime()) return "expired";
  return "valid";
}

/** What staff may do with a support person's link. */
export interface LinkActions {
  read: boolean;
  /** Issue a first link or a new one in place of a lost one. */
  issue: boolean;
  revoke: boolean;
}

/**
 * Staff who may change the participant's record may hand out and take back a
 * support person's link, as long as the person may be reached at all: nobody
 * "not to be contacted", off the network, or without consent gets one.
 */
export function supportLinkActions(scope: ParticipantScope, person: { status: RelationshipStatus; endedAt: string | null; holdsConsent: boolean }): LinkActions {
  const reach = participantReach(scope.actor, scope.participant);
  const reachable = person.endedAt === null && person.status !== "do_not_contact" && person.holdsConsent;
  return { read: reach.read, issue: reach.update && reachable, revoke: reach.update };
}

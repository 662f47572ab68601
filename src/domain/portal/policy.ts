import type { ParticipantScope } from "../access/model.ts";
import type { Actor } from "../auth/actor.ts";
import type { GrantStatus } from "../consent/check.ts";
import { participantReach } from "../participants/policy.ts";

/** What the participant may do on their own pages. */
export interface OwnRecordActions {
  /** See their plan, meetings, wins, reminders, who may see what and who has seen what. */
  read: boolean;
  /** Take a copy of the whole record (HIPAA right of access). */
  copyRecord: boolean;
  /** Withdraw consent they gave: a right at any time (45 CFR 164.508(b)(5), 42 CFR 2.31). */
  withdrawConsent: boolean;
  /** Name someone they would like to add, for the specialist to follow up. */
  suggestSupport: boolean;
  /** Post a help request to their network, take it back, mark it done (issue 11). */
  askForHelp: boolean;
}

const NOTHING: OwnRecordActions = { read: false, copyRecord: false, withdrawConsent: false, suggestSupport: false, askForHelp: false };

/**
 * Only the participant themselves, and only their own record: any other actor, or
 * a participant asking about anyone else, gets nothing (and the page answers "not
 * found"). Reading, the copy and withdrawing stay open on an archived record,
 * as those rights do not end with services; a suggestion or a help request needs an open one.
 */
export function ownRecordActions(actor: Actor, participant: { id: string; active: boolean }): OwnRecordActions {
  if (actor.kind !== "participant" || actor.participantId !== participant.id) return NOTHING;
  return { read: true, copyRecord: true, withdrawConsent: true, suggestSupport: participant.active, askForHelp: participant.active };
}

/** A grant the participant can still withdraw: one in force or yet to start. */
export function mayWithdrawGrant(actions: OwnRecordActions, grant: { status: GrantStatus }): boolean {
  return actions.withdrawConsent && (grant.status === "active" || grant.status === "not_started");
}

/** What staff may do with the participant's suggestions: see them with the network, and mark them followed up. */
export interface SupportSuggestionActions {
  read: boolean;
  followUp: boolean;
}

export function supportSuggestionActions(scope: ParticipantScope): SupportSuggestionActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, followUp: reach.update };
}

import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";
import type { GrantStatus } from "./check.ts";

/** What the actor may do with a participant's consents as a whole. */
export interface ConsentActions {
  /** See the grants, their history and scans. */
  read: boolean;
  /** Record a new grant, or print a blank form to be signed on paper. */
  record: boolean;
}

export function consentActions(scope: ParticipantScope): ConsentActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, record: reach.update };
}

/** What the actor may do with one grant. */
export interface GrantActions {
  readScan: boolean;
  /** A grant already revoked or expired has nothing left to revoke. */
  revoke: boolean;
}

export function grantActions(scope: ParticipantScope, grant: { status: GrantStatus; hasScan: boolean }): GrantActions {
  const reach = participantReach(scope.actor, scope.participant);
  return {
    readScan: reach.read && grant.hasScan,
    revoke: reach.update && (grant.status === "active" || grant.status === "not_started"),
  };
}

import type { ParticipantScope } from "../access/model.ts";
import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with a participant's benefits record. */
export interface BenefitsActions {
  /** The overview, the earnings log, the estimates and the shares made. */
  read: boolean;
  updateProfile: boolean;
  /** Refer to benefits counseling, and follow the referral up. */
  refer: boolean;
  /** Add pay stubs, void them, record reports to SSA. */
  recordEarnings: boolean;
  /** Share an estimate with a support person. */
  shareEstimate: boolean;
}

export function benefitsActions(scope: ParticipantScope): BenefitsActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, updateProfile: reach.update, refer: reach.update, recordEarnings: reach.update, shareEstimate: reach.update };
}

/** A voided pay stub stays in the log as it was; it cannot be voided twice. */
export function payStubActions(scope: ParticipantScope, stub: { voidedAt: string | null }): { void: boolean } {
  return { void: benefitsActions(scope).recordEarnings && stub.voidedAt === null };
}

/** Adding a year's SSA figures (SGA, TWP, SSI rates) changes every estimate: `manage:benefits`. */
export function mayManageBenefitYears(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "benefits") !== null;
}

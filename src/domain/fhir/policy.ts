import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with the participant's record as FHIR. */
export interface FhirActions {
  /**
   * Send the record to the program's health record: a disclosure, so it is for
   * those who work the record (who may change it), not for those who may only read it.
   */
  export: boolean;
}

export function fhirActions(scope: ParticipantScope): FhirActions {
  return { export: participantReach(scope.actor, scope.participant).update };
}

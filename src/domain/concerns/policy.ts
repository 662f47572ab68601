import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with the concerns raised about a participant's job search. */
export interface ConcernActions {
  read: boolean;
  raise: boolean;
  /** Write the answer, or change the concern's status. */
  update: boolean;
}

export function concernActions(scope: ParticipantScope): ConcernActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, raise: reach.update, update: reach.update };
}

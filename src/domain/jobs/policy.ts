import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with the jobs on a participant's record: the same reach as the record itself. */
export interface JobActions {
  read: boolean;
  write: boolean;
}

export function jobActions(scope: ParticipantScope): JobActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, write: reach.update };
}

import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with a participant's wins and the encouragement around them. */
export interface MilestoneActions {
  read: boolean;
  addWin: boolean;
  /** Note encouragement a support person sent for a win. */
  addEncouragement: boolean;
}

export function milestoneActions(scope: ParticipantScope): MilestoneActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, addWin: reach.update, addEncouragement: reach.update };
}

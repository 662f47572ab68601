import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with a participant's job support plan. */
export interface PlanActions {
  /** The items, their history, and the take-home copies. */
  read: boolean;
  addItem: boolean;
  updateItem: boolean;
  /** Turn meeting commitments into plan items. */
  convertCommitments: boolean;
}

export function planActions(scope: ParticipantScope): PlanActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, addItem: reach.update, updateItem: reach.update, convertCommitments: reach.update };
}

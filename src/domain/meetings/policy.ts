import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";

/** What the actor may do with a participant's meetings as a whole. */
export interface MeetingsActions {
  read: boolean;
  schedule: boolean;
}

export function meetingsActions(scope: ParticipantScope): MeetingsActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, schedule: reach.update };
}

/** What the actor may do with one meeting. */
export interface MeetingActions {
  read: boolean;
  /** Print the invitations and the .ics: reading, since nothing changes but the audit log. */
  sendInvitations: boolean;
  /** Note who said yes or no. */
  recordResponse: boolean;
  /** Move through the steps and write down what was said. */
  run: boolean;
  /** Turn a commitment said in the meeting into a plan item. */
  convertCommitment: boolean;
  /** Set a commitment aside (with its plan item), and bring it back. */
  dismissCommitment: boolean;
  /** Change, reschedule, re-invite or cancel it (while it is still planned: see the meeting's status). */
  edit: boolean;
}

export function meetingActions(scope: ParticipantScope): MeetingActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, sendInvitations: reach.read, recordResponse: reach.update, run: reach.update, convertCommitment: reach.update, dismissCommitment: reach.update, edit: reach.update };
}

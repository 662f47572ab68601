import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";
import type { RelationshipStatus } from "./vocabulary.ts";

/** What the actor may do with a participant's network as a whole. */
export interface NetworkActions {
  read: boolean;
  addSupport: boolean;
}

export function networkActions(scope: ParticipantScope): NetworkActions {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, addSupport: reach.update };
}

/** What the actor may do with one support person on that network. */
export interface SupportPersonActions {
  read: boolean;
  update: boolean;
  end: boolean;
  /** Record or print a consent for them: not for someone off the network or not to be contacted. */
  recordConsent: boolean;
}

export function supportPersonActions(scope: ParticipantScope, person: { endedAt: string | null; status: RelationshipStatus }): SupportPersonActions {
  const reach = participantReach(scope.actor, scope.participant);
  const current = person.endedAt === null;
  return {
    read: reach.read,
    update: reach.update && current,
    end: reach.update && current,
    recordConsent: reach.update && current && person.status !== "do_not_contact",
  };
}

import type { ParticipantScope } from "../access/model.ts";
import type { Actor } from "../auth/actor.ts";
import { participantReach } from "../participants/policy.ts";

/** What an actor may do with someone's message preferences. */
export interface PreferenceActions {
  read: boolean;
  change: boolean;
}

const NOTHING: PreferenceActions = { read: false, change: false };

/**
 * Staff see a person's choices with the record they already read, and change them
 * when they may change the record (someone asked on the phone); a support person
 * whose place on the network ended gets nothing more, so their choices stay as they were.
 */
export function staffPreferenceActions(scope: ParticipantScope, person: { endedAt: string | null } | null): PreferenceActions {
  const reach = participantReach(scope.actor, scope.participant);
  const current = person === null || person.endedAt === null;
  return { read: reach.read, change: reach.update && current };
}

/**
 * A person's own choices are theirs: a support person their own, the participant
 * theirs, and nobody else's. An archived participant may still stop messages.
 */
export function ownPreferenceActions(actor: Actor, subject: { kind: "support_person" | "participant"; id: string }): PreferenceActions {
  if (subject.kind === "support_person" && actor.kind === "support_person" && actor.supportPersonId === subject.id) return { read: true, change: true };
  if (subject.kind === "participant" && actor.kind === "participant" && actor.participantId === subject.id) return { read: true, change: true };
  return NOTHING;
}

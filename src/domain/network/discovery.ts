import type { SituationFlag } from "../participants/model.ts";
import type { Closeness, RelationshipKind } from "./vocabulary.ts";

/**
 * Guided discovery: questions the specialist asks with the participant to build
 * a list of people, instead of asking "who do you have?". Each prompt's words are
 * in the message catalog under network.discovery.<id>.*; the suggestion pre-fills
 * the support person form so an answer becomes a person in one step.
 */
export interface DiscoveryPrompt {
  id: string;
  /** Shown when the participant has any of these flags; empty means everyone. */
  forFlags: readonly SituationFlag[];
  suggestedKind: RelationshipKind;
  suggestedCloseness: Closeness;
}

export const DISCOVERY_PROMPTS: readonly DiscoveryPrompt[] = [
  { id: "firstCall", forFlags: [], suggestedKind: "relative", suggestedCloseness: "inner" },
  { id: "trust", forFlags: [], suggestedKind: "friend", suggestedCloseness: "inner" },
  { id: "recognise", forFlags: [], suggestedKind: "neighbour", suggestedCloseness: "community" },
  { id: "faithGroups", forFlags: [], suggestedKind: "clergy", suggestedCloseness: "community" },
  { id: "pastWork", forFlags: [], suggestedKind: "past_coworker", suggestedCloseness: "friends" },
  { id: "mentors", forFlags: ["youngAdult"], suggestedKind: "mentor", suggestedCloseness: "friends" },
  { id: "inCare", forFlags: ["youngAdult"], suggestedKind: "peer_in_care", suggestedCloseness: "friends" },
  { id: "sinceRelease", forFlags: ["justiceInvolvement"], suggestedKind: "friend", suggestedCloseness: "friends" },
  { id: "officer", forFlags: ["justiceInvolvement"], suggestedKind: "probation_officer", suggestedCloseness: "services" },
  { id: "housemates", forFlags: ["justiceInvolvement", "homelessnessHistory"], suggestedKind: "roommate", suggestedCloseness: "friends" },
  { id: "streetFamily", forFlags: ["homelessnessHistory"], suggestedKind: "street_family", suggestedCloseness: "friends" },
  { id: "shelter", forFlags: ["homelessnessHistory"], suggestedKind: "other", suggestedCloseness: "services" },
  { id: "sponsor", forFlags: ["substanceUseHistory", "justiceInvolvement"], suggestedKind: "sponsor", suggestedCloseness: "friends" },
  { id: "lostTouch", forFlags: ["lostTouchWithFamily", "justiceInvolvement"], suggestedKind: "relative", suggestedCloseness: "inner" },
];

/** The prompts for this participant: everyone's, then those their situation calls for. */
export function discoveryPromptsFor(flags: readonly SituationFlag[]): DiscoveryPrompt[] {
  return DISCOVERY_PROMPTS.filter((p) => p.forFlags.length === 0 || p.forFlags.some((f) => flags.includes(f)));
}

/** Ideas for getting back in touch, shown with someone marked lost touch or wants to reconnect. */
export const RECONNECT_IDEAS = ["smallStep", "goBetween", "letter", "meeting", "readiness", "noPressure"] as const;

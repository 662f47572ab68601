import type { SituationFlag } from "../participants/model.ts";
import type { Closeness, RelationshipKind } from "./vocabulary.ts";

/**
 * Guided discovery: questions the specialist asks with the participant to build
 * a list of people. Most name a role someone could play (an early riser, someone
 * with a car, someone who knows who is hiring) rather than asking "who supports
 * you?", which people often answer with "nobody". Each prompt's words are in the
 * message catalog under network.discovery.<id>.*.
 *
 * A suggestion pre-fills the form only where the question itself says what the
 * person is (a past coworker, a probation officer). Nothing pre-fills "relative"
 * or the inner circle: a relative is not assumed to be a support, and how close
 * someone is is the participant's to say.
 */
export interface DiscoveryPrompt {
  id: string;
  /** Shown when the participant has any of these flags; empty means everyone. */
  forFlags: readonly SituationFlag[];
  /** And only when the participant has every one of these as well. */
  alsoNeeds: readonly SituationFlag[];
  suggestedKind: RelationshipKind | null;
  suggestedCloseness: Closeness | null;
}

function prompt(id: string, forFlags: readonly SituationFlag[], suggestedKind: RelationshipKind | null = null, suggestedCloseness: Closeness | null = null, alsoNeeds: readonly SituationFlag[] = []): DiscoveryPrompt {
  return { id, forFlags, alsoNeeds, suggestedKind, suggestedCloseness };
}

export const DISCOVERY_PROMPTS: readonly DiscoveryPrompt[] = [
  prompt("earlyRiser", []),
  prompt("driver", []),
  prompt("knowsEmployers", []),
  prompt("paperwork", []),
  prompt("currentWork", [], "current_coworker"),
  prompt("pastWork", [], "past_coworker"),
  prompt("firstCall", []),
  prompt("trust", []),
  prompt("recognise", [], null, "community"),
  prompt("faithGroups", [], null, "community"),
  prompt("mentors", ["youngAdult"], "mentor"),
  // Asked only of a young adult who was in foster care: to anyone else the question is out of place.
  prompt("inCare", ["fosterCare"], "peer_in_care", null, ["youngAdult"]),
  prompt("sinceRelease", ["justiceInvolvement"]),
  prompt("officer", ["justiceInvolvement"], "probation_officer", "services"),
  prompt("housemates", ["justiceInvolvement", "homelessnessHistory"], "roommate"),
  prompt("streetFamily", ["homelessnessHistory"], "street_family"),
  prompt("shelter", ["homelessnessHistory"], null, "services"),
  prompt("sponsor", ["substanceUseHistory", "justiceInvolvement"], "sponsor"),
  prompt("lostTouch", ["lostTouchWithFamily", "justiceInvolvement"]),
];

/** The prompts for this participant: everyone's, then those their situation calls for. */
export function discoveryPromptsFor(flags: readonly SituationFlag[]): DiscoveryPrompt[] {
  return DISCOVERY_PROMPTS.filter((p) => (p.forFlags.length === 0 || p.forFlags.some((f) => flags.includes(f))) && p.alsoNeeds.every((f) => flags.includes(f)));
}

/**
 * What the add-a-person form starts with for a question. Never the first-call
 * mark: ticking it moves the mark from whoever holds it, so it is only ever the
 * specialist's own choice (issue 14 §3).
 */
export function discoveryFormStart(prompt: DiscoveryPrompt): { relationshipKind?: RelationshipKind; closeness?: Closeness; status: "supportive" | "wants_to_reconnect"; firstCall: false } {
  return {
    ...(prompt.suggestedKind ? { relationshipKind: prompt.suggestedKind } : {}),
    ...(prompt.suggestedCloseness ? { closeness: prompt.suggestedCloseness } : {}),
    // Someone the participant lost touch with is usually someone they want back.
    status: prompt.id === "lostTouch" ? "wants_to_reconnect" : "supportive",
    firstCall: false,
  };
}

/** Relationship kinds shown with a caution beside them: a person with power over the participant. */
export const CAUTION_KINDS = ["probation_officer"] as const satisfies readonly RelationshipKind[];

export function hasCaution(kind: string | null | undefined): boolean {
  return (CAUTION_KINDS as readonly string[]).includes(kind ?? "");
}

/** Ideas for getting back in touch, shown with someone marked lost touch or wants to reconnect. */
export const RECONNECT_IDEAS = ["smallStep", "goBetween", "letter", "meeting", "readiness", "noPressure"] as const;

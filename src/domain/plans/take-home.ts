import { mayInvolve, mayShare, type ConsentHistory, type PersonFacts } from "../consent/check.ts";
import { PART2_CATEGORY } from "../consent/model.ts";
import type { PlanItem } from "./model.ts";

export interface TakeHomePerson extends PersonFacts {
  name: string;
  phone: string | null;
}

export interface TakeHomeInput {
  participant: { firstName: string; preferredName: string | null; lastName: string; workGoal: string | null };
  specialist: { name: string; email: string };
  items: readonly PlanItem[];
  people: readonly TakeHomePerson[];
  consent: ConsentHistory;
  at: Date;
}

export type Audience = { kind: "participant" } | { kind: "support"; supportPersonId: string };

export interface TakeHomePlan {
  /** False when this reader may see nothing at all; then every other field is empty. */
  allowed: boolean;
  participantName: string;
  workGoal: string | null;
  items: { id: string; kind: PlanItem["kind"]; description: string; who: string; provider: PlanItem["provider"]; when: string | null; status: PlanItem["status"] }[];
  contacts: { name: string; phone: string }[];
  specialist: { name: string; email: string } | null;
  hardDayHelpers: string[];
  /**
   * The reader holds a consent to substance use treatment information: whatever
   * leaves under it carries the 42 CFR Part 2 redisclosure notice (42 CFR 2.32).
   */
  redisclosureNotice: boolean;
}

const EMPTY: TakeHomePlan = { allowed: false, participantName: "", workGoal: null, items: [], contacts: [], specialist: null, hardDayHelpers: [], redisclosureNotice: false };

const SHOWN_STATUSES = new Set(["proposed", "agreed", "active", "paused"]);

/**
 * The plan a reader takes home. The participant sees all of it. A support
 * person sees it only while their grant lets them receive the plan, and then only
 * their own part plus what the participant chose to share; the work goal only
 * under the employment-goals category. The consent check runs at `at`.
 */
export function buildTakeHomePlan(input: TakeHomeInput, audience: Audience): TakeHomePlan {
  const nameOf = (id: string | null) => input.people.find((p) => p.id === id)?.name ?? null;
  const displayName = input.participant.preferredName ?? input.participant.firstName;
  const current = input.items.filter((i) => SHOWN_STATUSES.has(i.status));
  const who = (i: PlanItem) => (i.provider === "support_person" ? nameOf(i.supportPersonId) ?? "" : i.provider);

  if (audience.kind === "participant") {
    const contacts = input.people
      .filter((p) => p.phone && mayInvolve(input.consent, p, "contact", input.at))
      .map((p) => ({ name: p.name, phone: p.phone! }));
    return {
      allowed: true,
      participantName: `${displayName} ${input.participant.lastName}`,
      workGoal: input.participant.workGoal,
      items: current.map((i) => ({ id: i.id, kind: i.kind, description: i.description, who: who(i), provider: i.provider, when: i.frequency, status: i.status })),
      contacts,
      specialist: input.specialist,
      hardDayHelpers: current.filter((i) => i.kind === "after_hard_day").map(who).filter(Boolean),
      redisclosureNotice: false,
    };
  }

  const reader = input.people.find((p) => p.id === audience.supportPersonId);
  if (!reader || !mayInvolve(input.consent, reader, "receivePlan", input.at)) return EMPTY;
  const visible = current.filter((i) => i.supportPersonId === reader.id || i.sharedWithSupports);
  return {
    allowed: true,
    participantName: displayName,
    workGoal: mayShare(input.consent, reader, "employment_goals", input.at) ? input.participant.workGoal : null,
    items: visible.map((i) => ({ id: i.id, kind: i.kind, description: i.description, who: who(i), provider: i.provider, when: i.frequency, status: i.status })),
    contacts: [],
    specialist: input.specialist,
    hardDayHelpers: visible.filter((i) => i.kind === "after_hard_day").map(who).filter(Boolean),
    redisclosureNotice: mayShare(input.consent, reader, PART2_CATEGORY, input.at),
  };
}

import { mayInvolve, type ConsentHistory, type PersonFacts } from "../consent/check.ts";
import { disclosable, disclosedCategories, needsRedisclosureNotice, type DisclosurePiece, type Reader } from "../consent/disclosure.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { PlanItem } from "./model.ts";

export interface TakeHomePerson extends PersonFacts {
  name: string;
  phone: string | null;
}

export interface TakeHomeInput {
  participant: { firstName: string; preferredName: string | null; lastName: string; workGoal: string | null; schoolGoal: string | null };
  specialist: { name: string; email: string };
  items: readonly PlanItem[];
  people: readonly TakeHomePerson[];
  consent: ConsentHistory;
  at: Date;
}

/**
 * One person to turn to after a hard day. `name` is null for the treatment team
 * and, in a support person's copy, for another support person, whose name that
 * copy does not carry; `isReader` marks the reader of a support person's copy.
 */
export interface HardDayHelper {
  provider: PlanItem["provider"];
  name: string | null;
  isReader: boolean;
}

export type Audience = { kind: "participant" } | { kind: "support"; supportPersonId: string };

export interface TakeHomePlan {
  /** False when this reader may see nothing at all; then every other field is empty. */
  allowed: boolean;
  participantName: string;
  workGoal: string | null;
  /** The school or training goal ("work or school"), under the same consent as the work goal. */
  schoolGoal: string | null;
  items: {
    id: string; kind: PlanItem["kind"]; description: string;
    /** Who helps; null in a support person's copy when it is another support person, whose name it must not carry. */
    who: string | null;
    provider: PlanItem["provider"]; when: string | null; status: PlanItem["status"];
  }[];
  contacts: { name: string; phone: string }[];
  specialist: { name: string; email: string } | null;
  /** Who listens after a hard day, as this reader may see them (the "after a hard day" items of the copy). */
  hardDayHelpers: HardDayHelper[];
  /** An included piece discloses substance use treatment: the copy carries the 42 CFR 2.32 redisclosure notice. */
  redisclosureNotice: boolean;
  /** Every consent category this copy discloses (for the audit row of the disclosure). */
  discloses: ConsentCategory[];
}

const EMPTY: TakeHomePlan = { allowed: false, participantName: "", workGoal: null, schoolGoal: null, items: [], contacts: [], specialist: null, hardDayHelpers: [], redisclosureNotice: false, discloses: [] };

const SHOWN_STATUSES = new Set(["proposed", "agreed", "active", "paused"]);

/** The work goal and the school or training goal as pieces: each tells the participant's goals for work. */
const WORK_GOAL_CATEGORIES = ["employment_goals"] as const satisfies readonly ConsentCategory[];

type ItemPiece = DisclosurePiece & { item: PlanItem };

/**
 * The plan a reader takes home, assembled only from pieces that reader may see
 * (consent by content, docs/decisions/0010-consent-by-content.md). The participant
 * sees all of it, with everyone's name. A support person sees, while a grant lets
 * them receive the plan, their own items and the ones the participant chose to
 * share, each only if its categories are covered for receiving the plan; the work
 * goal only under employment goals. A support person's copy names only them, the
 * participant and staff: another support's name can itself disclose (a sponsor's
 * name says substance use). The consent check runs at `at`.
 */
export function buildTakeHomePlan(input: TakeHomeInput, audience: Audience): TakeHomePlan {
  const nameOf = (id: string | null) => input.people.find((p) => p.id === id)?.name ?? null;
  const displayName = input.participant.preferredName ?? input.participant.firstName;
  const current = input.items.filter((i) => SHOWN_STATUSES.has(i.status) && !i.dismissedAt);
  const toPiece = (item: PlanItem): ItemPiece => ({ categories: item.discloses, item });
  const helperFor = (i: PlanItem, readerId: string | null): HardDayHelper => ({
    provider: i.provider,
    name: i.provider === "specialist" ? input.specialist.name : i.provider === "support_person" && (readerId === null || i.supportPersonId === readerId) ? nameOf(i.supportPersonId) : null,
    isReader: readerId !== null && i.provider === "support_person" && i.supportPersonId === readerId,
  });
  // Each helper once, in plan order (unnamed support persons count as one "someone close").
  const hardDayHelpers = (items: readonly PlanItem[], readerId: string | null): HardDayHelper[] => {
    const seen = new Set<string>();
    const helpers = items.filter((i) => i.kind === "after_hard_day" && i.provider !== "participant").map((i) => helperFor(i, readerId));
    return helpers.filter((helper) => {
      const key = `${helper.provider}:${helper.name ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const goal = input.participant.workGoal ? [{ categories: WORK_GOAL_CATEGORIES, goal: input.participant.workGoal }] : [];
  const schoolGoal = input.participant.schoolGoal ? [{ categories: WORK_GOAL_CATEGORIES, goal: input.participant.schoolGoal }] : [];

  if (audience.kind === "participant") {
    const who = (i: PlanItem) => (i.provider === "support_person" ? nameOf(i.supportPersonId) ?? "" : i.provider);
    const contacts = input.people
      .filter((p) => p.phone && mayInvolve(input.consent, p, "contact", input.at))
      .map((p) => ({ name: p.name, phone: p.phone! }));
    return {
      allowed: true,
      participantName: `${displayName} ${input.participant.lastName}`,
      workGoal: input.participant.workGoal,
      schoolGoal: input.participant.schoolGoal,
      items: current.map((i) => ({ id: i.id, kind: i.kind, description: i.description, who: who(i), provider: i.provider, when: i.frequency, status: i.status })),
      contacts,
      specialist: input.specialist,
      hardDayHelpers: hardDayHelpers(current, null),
      // The participant's own record is not a disclosure under Part 2.
      redisclosureNotice: false,
      discloses: disclosedCategories([...current.map(toPiece), ...goal, ...schoolGoal]),
    };
  }

  const person = input.people.find((p) => p.id === audience.supportPersonId);
  if (!person || !mayInvolve(input.consent, person, "receivePlan", input.at)) return EMPTY;
  const reader: Reader = { kind: "support_person", person };
  const offered = current.filter((i) => i.supportPersonId === person.id || i.sharedWithSupports).map(toPiece);
  const items = disclosable(input.consent, reader, offered, "receivePlan", input.at).map((p) => p.item);
  const goalShown = disclosable(input.consent, reader, goal, "receivePlan", input.at);
  const schoolGoalShown = disclosable(input.consent, reader, schoolGoal, "receivePlan", input.at);
  const included = [...items.map(toPiece), ...goalShown, ...schoolGoalShown];
  const who = (i: PlanItem) => {
    if (i.provider !== "support_person") return i.provider;
    return i.supportPersonId === person.id ? person.name : null;
  };
  return {
    allowed: true,
    participantName: displayName,
    workGoal: goalShown[0]?.goal ?? null,
    schoolGoal: schoolGoalShown[0]?.goal ?? null,
    items: items.map((i) => ({ id: i.id, kind: i.kind, description: i.description, who: who(i), provider: i.provider, when: i.frequency, status: i.status })),
    contacts: [],
    specialist: input.specialist,
    hardDayHelpers: hardDayHelpers(items, person.id),
    redisclosureNotice: needsRedisclosureNotice(included),
    discloses: disclosedCategories(included),
  };
}

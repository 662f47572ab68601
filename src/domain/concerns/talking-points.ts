import type { GlossaryTerm } from "../../i18n/glossary.ts";
import type { MessageKey } from "../../i18n/index.ts";
import { CONCERN_TYPES, type Concern, type ConcernType } from "./model.ts";

/**
 * For each kind of concern: talking points for the specialist and the next
 * actions the app offers. The words live in the catalog under
 * concern.talk.<type>.<n> and concern.action.<action>; this table says which apply.
 * Every type starts with listening: validate first, then inform.
 */
export const NEXT_ACTIONS = ["refer_benefits_counselor", "plan_separate_conversation", "add_plan_item", "plan_support_meeting"] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export interface TalkingPoints {
  /** Catalog keys, in the order to bring them up. */
  points: MessageKey[];
  actions: NextAction[];
  /**
   * Social Security's official names for what a point says in plain words, linked
   * to the glossary beside it: the family hears the plain words, and can look up
   * the term a letter from Social Security will use.
   */
  terms?: Partial<Record<MessageKey, GlossaryTerm[]>>;
}

// talking-points.test.ts checks that the catalog has exactly these keys for each type. Not
// filtered by the catalog here: in the browser this table is built before the page's
// catalog has loaded (decision 0046), and a filter then kept none of the points.
const points = (type: ConcernType, count: number) => Array.from({ length: count }, (_, i) => `concern.talk.${type}.${i + 1}` as MessageKey);

export const TALKING_POINTS: Record<ConcernType, TalkingPoints> = {
  losing_benefits: {
    points: ["concern.talk.listen", ...points("losing_benefits", 7)],
    actions: ["refer_benefits_counselor", "add_plan_item"],
    terms: {
      "concern.talk.losing_benefits.2": ["ssi"],
      "concern.talk.losing_benefits.3": ["ssdi", "expeditedReinstatement"],
      "concern.talk.losing_benefits.4": ["section1619b"],
      "concern.talk.losing_benefits.5": ["benefitsCounselor"],
      "concern.talk.losing_benefits.7": ["wageReport", "payStub"],
    },
  },
  relapse: { points: ["concern.talk.listen", ...points("relapse", 5)], actions: ["add_plan_item", "plan_separate_conversation", "plan_support_meeting"] },
  work_stress: { points: ["concern.talk.listen", ...points("work_stress", 3)], actions: ["add_plan_item", "plan_support_meeting"] },
  goal_disagreement: { points: ["concern.talk.listen", ...points("goal_disagreement", 3)], actions: ["plan_separate_conversation", "plan_support_meeting"] },
  hours_or_job_kind: { points: ["concern.talk.listen", ...points("hours_or_job_kind", 3)], actions: ["refer_benefits_counselor", "plan_separate_conversation"] },
  justice_involvement: { points: ["concern.talk.listen", ...points("justice_involvement", 3)], actions: ["add_plan_item", "plan_support_meeting"] },
  transport: { points: ["concern.talk.listen", ...points("transport", 3)], actions: ["add_plan_item"] },
  // Opened by the app when a job ends (src/domain/jobs): the ending is a step, and the search for the next job starts.
  job_loss: { points: ["concern.talk.listen", ...points("job_loss", 4)], actions: ["plan_support_meeting", "add_plan_item"] },
  other: { points: ["concern.talk.listen", ...points("other", 2)], actions: ["add_plan_item", "plan_separate_conversation"] },
};

export function talkingPointsFor(type: ConcernType): TalkingPoints {
  return TALKING_POINTS[type];
}

/**
 * The kinds of concern to prepare for when planning a meeting: those the participant
 * raised that are not resolved yet, and any the specialist says the meeting is about
 * (unknown names are ignored), in the order of CONCERN_TYPES.
 */
export function concernTypesToPrepare(concerns: readonly Pick<Concern, "type" | "status">[], asked: readonly string[] = []): ConcernType[] {
  const wanted = new Set<string>([...concerns.filter((c) => c.status !== "resolved").map((c) => c.type), ...asked]);
  return CONCERN_TYPES.filter((type) => wanted.has(type));
}

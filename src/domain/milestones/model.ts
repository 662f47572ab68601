import { z } from "zod";
import { isoDate, optionalText } from "../schema-fields.ts";
import { CONSENT_CATEGORIES, type ConsentCategory } from "../consent/model.ts";

export const MILESTONE_KINDS = [
  "career_profile_done", "resume_ready", "first_employer_contact", "interview", "job_offer", "first_day", "first_paycheck",
  "thirty_days", "ninety_days", "raise", "school_enrolment",
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** Wins on the way to a job tell what the job search is about; wins at work tell about the job (consent by content). */
const JOB_WINS: readonly MilestoneKind[] = ["job_offer", "first_day", "first_paycheck", "thirty_days", "ninety_days", "raise"];

/** What a win discloses when no one says otherwise: job wins are job details, the others employment goals. */
export function defaultWinDisclosure(kind: MilestoneKind): ConsentCategory[] {
  return JOB_WINS.includes(kind) ? ["job_details"] : ["employment_goals"];
}

const disclosesField = z.array(z.enum(CONSENT_CATEGORIES, { error: "consent.categories.invalid" })).max(CONSENT_CATEGORIES.length)
  .transform((c) => [...new Set(c)]);

export const milestoneInputSchema = z.strictObject({
  kind: z.enum(MILESTONE_KINDS, { error: "milestone.kind.invalid" }),
  occurredOn: isoDate("milestone.occurredOn.invalid"),
  note: optionalText(1000),
  celebrateWith: z.array(z.string().trim().max(100)).max(30).default([]).transform((ids) => [...new Set(ids)]),
  /** What the win (its kind and note) discloses; left out, the default for its kind (defaultWinDisclosure). */
  discloses: disclosesField.optional(),
});
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;

export const encouragementInputSchema = z.strictObject({
  text: z.string().trim().min(1, { error: "milestone.encouragement.required" }).max(1000, { error: "common.tooLong" }),
  fromLabel: z.string().trim().min(1, { error: "milestone.encouragement.from.required" }).max(200, { error: "common.tooLong" }),
  supportPersonId: optionalText(100),
  milestoneId: optionalText(100),
  /** What the note discloses; left out, what its win does, or employment goals. */
  discloses: disclosesField.optional(),
});
export type EncouragementInput = z.infer<typeof encouragementInputSchema>;

export const encouragementNoteSchema = z.object({ id: z.string(), fromLabel: z.string(), text: z.string(), createdAt: z.string(), discloses: z.array(z.enum(CONSENT_CATEGORIES)) });

export const milestoneSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  kind: z.enum(MILESTONE_KINDS),
  occurredOn: z.string(),
  note: z.string().nullable(),
  source: z.enum(["manual", "event"]),
  celebrateWith: z.array(z.object({ supportPersonId: z.string(), name: z.string() })),
  encouragement: z.array(encouragementNoteSchema),
  /** The consent categories the win discloses: only supports who may see all of them are told. */
  discloses: z.array(z.enum(CONSENT_CATEGORIES)),
  createdAt: z.string(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** The wins page's facts: wins newest first, notes about no one win, and who may be told about a new one. */
export const milestonesViewSchema = z.object({
  milestones: z.array(milestoneSchema),
  generalNotes: z.array(encouragementNoteSchema),
  celebrateOptions: z.array(z.object({ id: z.string(), name: z.string(), categories: z.array(z.enum(CONSENT_CATEGORIES)) })),
});

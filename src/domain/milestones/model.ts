import { z } from "zod";

export const MILESTONE_KINDS = [
  "career_profile_done", "resume_ready", "first_employer_contact", "interview", "job_offer", "first_day", "first_paycheck",
  "thirty_days", "ninety_days", "raise", "school_enrolment",
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

const optionalText = (max: number) => z.string().trim().max(max, { error: "common.tooLong" }).nullish().transform((v) => (v ? v : null));

export const milestoneInputSchema = z.strictObject({
  kind: z.enum(MILESTONE_KINDS, { error: "milestone.kind.invalid" }),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "milestone.occurredOn.invalid" }),
  note: optionalText(1000),
  celebrateWith: z.array(z.string().trim().max(100)).max(30).default([]).transform((ids) => [...new Set(ids)]),
});
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;

export const encouragementInputSchema = z.strictObject({
  text: z.string().trim().min(1, { error: "milestone.encouragement.required" }).max(1000, { error: "common.tooLong" }),
  fromLabel: z.string().trim().min(1, { error: "milestone.encouragement.from.required" }).max(200, { error: "common.tooLong" }),
  supportPersonId: optionalText(100),
  milestoneId: optionalText(100),
});
export type EncouragementInput = z.infer<typeof encouragementInputSchema>;

export const encouragementNoteSchema = z.object({ id: z.string(), fromLabel: z.string(), text: z.string(), createdAt: z.string() });

export const milestoneSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  kind: z.enum(MILESTONE_KINDS),
  occurredOn: z.string(),
  note: z.string().nullable(),
  source: z.enum(["manual", "event"]),
  celebrateWith: z.array(z.object({ supportPersonId: z.string(), name: z.string() })),
  encouragement: z.array(encouragementNoteSchema),
  createdAt: z.string(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** The wins page's facts: wins newest first, notes about no one win, and who may be told about a new one. */
export const milestonesViewSchema = z.object({
  milestones: z.array(milestoneSchema),
  generalNotes: z.array(encouragementNoteSchema),
  celebrateOptions: z.array(z.object({ id: z.string(), name: z.string() })),
});

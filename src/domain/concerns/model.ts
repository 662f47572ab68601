import { z } from "zod";
import { optionalText } from "../schema-fields.ts";
import { CONSENT_CATEGORIES, disclosureCategoriesSchema, type ConsentCategory } from "../consent/model.ts";

export const CONCERN_TYPES = [
  "losing_benefits", "relapse", "work_stress", "goal_disagreement", "hours_or_job_kind", "justice_involvement", "transport", "job_loss", "other",
] as const;
export type ConcernType = (typeof CONCERN_TYPES)[number];

export const CONCERN_STATUSES = ["open", "in_progress", "resolved"] as const;

/** Who raised a concern or said something in a meeting: a support person, or one of these. */
export const SPEAKERS = ["participant", "specialist", "support_person", "other"] as const;


export const concernInputSchema = z.strictObject({
  type: z.enum(CONCERN_TYPES, { error: "concern.type.invalid" }),
  description: z.string().trim().min(1, { error: "concern.description.required" }).max(2000, { error: "common.tooLong" }),
  raisedBy: z.enum(SPEAKERS, { error: "concern.raisedBy.invalid" }).default("participant"),
  supportPersonId: optionalText(100),
  meetingId: optionalText(100),
  mitigationPlan: optionalText(4000),
  clientKey: optionalText(100),
  /** What the concern tells about the participant; none chosen takes the usual for its type. */
  discloses: disclosureCategoriesSchema,
}).transform((concern) => ({ ...concern, discloses: concern.discloses.length ? concern.discloses : [...USUAL_CONCERN_DISCLOSURE[concern.type]] }));
export type ConcernInput = z.infer<typeof concernInputSchema>;

export const concernUpdateSchema = z.strictObject({
  status: z.enum(CONCERN_STATUSES, { error: "concern.status.invalid" }),
  mitigationPlan: optionalText(4000),
  /** A new choice of what the concern tells; left out, it stays as it was. */
  discloses: disclosureCategoriesSchema.optional(),
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});
export type ConcernUpdate = z.infer<typeof concernUpdateSchema>;

export const concernSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  meetingId: z.string().nullable(),
  type: z.enum(CONCERN_TYPES),
  description: z.string(),
  raisedBy: z.enum(SPEAKERS),
  supportPersonId: z.string().nullable(),
  raisedByName: z.string().nullable(),
  status: z.enum(CONCERN_STATUSES),
  mitigationPlan: z.string().nullable(),
  /** The consent categories the concern discloses (consent by content); [] reaches no support person. */
  discloses: z.array(z.enum(CONSENT_CATEGORIES)),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Concern = z.infer<typeof concernSchema>;

/**
 * What a concern of each type plainly tells, taken when the specialist chooses
 * nothing (consent by content). A worry about relapse is substance use treatment
 * information under 42 CFR Part 2; a worry no category covers stays unshared.
 */
export const USUAL_CONCERN_DISCLOSURE: Record<ConcernType, readonly ConsentCategory[]> = {
  losing_benefits: ["benefits_income"],
  relapse: ["substance_use_treatment"],
  work_stress: ["job_details"],
  goal_disagreement: ["employment_goals"],
  hours_or_job_kind: ["work_schedule", "job_details"],
  justice_involvement: [],
  transport: ["work_schedule"],
  job_loss: ["job_details"],
  other: [],
};

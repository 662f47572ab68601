import { z } from "zod";
import { optionalText } from "../schema-fields.ts";

export const CONCERN_TYPES = [
  "losing_benefits", "relapse", "work_stress", "goal_disagreement", "hours_or_job_kind", "justice_involvement", "transport", "other",
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
});
export type ConcernInput = z.infer<typeof concernInputSchema>;

export const concernUpdateSchema = z.strictObject({
  status: z.enum(CONCERN_STATUSES, { error: "concern.status.invalid" }),
  mitigationPlan: optionalText(4000),
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
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Concern = z.infer<typeof concernSchema>;

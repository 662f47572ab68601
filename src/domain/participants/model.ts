import { z } from "zod";
import { optionalText } from "../schema-fields.ts";

import { LANGUAGES, SITUATION_FLAGS } from "./vocabulary.ts";
export { LANGUAGES, SITUATION_FLAGS, type SituationFlag } from "./vocabulary.ts";


export const pastJobSchema = z.object({
  title: z.string().trim().min(1, { error: "participant.pastJobs.title.required" }).max(200, { error: "common.tooLong" }),
  employer: optionalText(200),
  years: optionalText(50),
  notes: optionalText(1000),
});
export type PastJob = z.infer<typeof pastJobSchema>;

/** One schema for the participant form, the API body and the OpenAPI document. */
export const participantInputSchema = z.strictObject({
  firstName: z.string().trim().min(1, { error: "participant.firstName.required" }).max(100, { error: "common.tooLong" }),
  lastName: z.string().trim().min(1, { error: "participant.lastName.required" }).max(100, { error: "common.tooLong" }),
  preferredName: optionalText(100),
  phone: z.string().trim().max(40, { error: "common.tooLong" })
    .regex(/^[0-9+() .-]*$/, { error: "participant.phone.invalid" }).nullish().transform((v) => (v ? v : null)),
  email: z.union([z.literal(""), z.email({ error: "participant.email.invalid" }).max(254, { error: "common.tooLong" })])
    .nullish().transform((v) => (v ? v.toLowerCase() : null)),
  preferredLanguage: z.enum(LANGUAGES, { error: "participant.preferredLanguage.invalid" }).default("en"),
  specialistId: z.string().trim().max(100).nullish().transform((v) => (v ? v : null)),
  workGoal: optionalText(2000),
  /** "Work or school": a class, course, degree or training the person wants, beside or instead of a job. */
  schoolGoal: optionalText(2000),
  jobPreferences: optionalText(2000),
  strengths: optionalText(2000),
  interests: optionalText(2000),
  education: optionalText(2000),
  pastJobs: z.array(pastJobSchema).max(30, { error: "participant.pastJobs.tooMany" }).default([]),
  situationFlags: z.array(z.enum(SITUATION_FLAGS, { error: "participant.situationFlags.invalid" })).max(SITUATION_FLAGS.length).default([]),
});
export type ParticipantInput = z.infer<typeof participantInputSchema>;

export const participantUpdateSchema = participantInputSchema.extend({
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});
export type ParticipantUpdate = z.infer<typeof participantUpdateSchema>;

export const versionOnlySchema = z.strictObject({
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});

export const caseloadQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
  status: z.enum(["active", "archived"]).catch("active").default("active"),
});
export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;

export const CASELOAD_PAGE_SIZE = 25;

export const participantSchema = z.object({
  id: z.string(),
  specialistId: z.string(),
  specialistName: z.string(),
  teamId: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.enum(LANGUAGES),
  status: z.enum(["active", "archived"]),
  workGoal: z.string().nullable(),
  schoolGoal: z.string().nullable(),
  jobPreferences: z.string().nullable(),
  strengths: z.string().nullable(),
  interests: z.string().nullable(),
  education: z.string().nullable(),
  pastJobs: z.array(pastJobSchema),
  situationFlags: z.array(z.enum(SITUATION_FLAGS)),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type Participant = z.infer<typeof participantSchema>;

export const participantSummarySchema = participantSchema.pick({
  id: true, firstName: true, lastName: true, preferredName: true, specialistId: true, specialistName: true, status: true, workGoal: true, updatedAt: true, version: true,
});
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

/** One page of the caseload, as the caseload query answers it. */
export const caseloadPageSchema = z.object({
  participants: z.array(participantSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});

/** The fields a person edits; used to show both sides of a conflict. */
export const EDITABLE_FIELDS = [
  "firstName", "lastName", "preferredName", "phone", "email", "preferredLanguage",
  "workGoal", "schoolGoal", "jobPreferences", "strengths", "interests", "education", "pastJobs", "situationFlags",
] as const satisfies readonly (keyof ParticipantInput & keyof Participant)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the specialist does with a strength named at a meeting: keep it in the career profile, or remove it. */
export const NAMED_STRENGTH_DECISIONS = ["kept", "removed"] as const;
export type NamedStrengthDecision = (typeof NAMED_STRENGTH_DECISIONS)[number];

/** One schema for the keep-or-remove form and the API body. */
export const namedStrengthReviewSchema = z.strictObject({
  decision: z.enum(NAMED_STRENGTH_DECISIONS, { error: "seedsCareer.named.review.invalid" }),
});

/** A strength someone named at a meeting, as the career profile shows it: with who said it and when. */
export const namedStrengthSchema = z.object({
  id: z.string().describe("The meeting entry's id"),
  text: z.string(),
  speaker: z.enum(["participant", "specialist", "support_person", "other"]),
  speakerName: z.string().nullable().describe("The support person's name when a support person said it"),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingOn: z.string().describe("The meeting's day (YYYY-MM-DD)"),
  review: z.enum(NAMED_STRENGTH_DECISIONS).nullable().describe("Null until the specialist keeps or removes it; removed strengths are not listed"),
});
export type NamedStrength = z.infer<typeof namedStrengthSchema>;

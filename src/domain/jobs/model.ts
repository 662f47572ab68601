import { z } from "zod";
import { checkbox, isoDate, optionalText } from "../schema-fields.ts";

/** How a job ended. */
export const JOB_END_REASONS = ["quit", "laid_off", "fired", "temporary_ended", "other"] as const;
export type JobEndReason = (typeof JOB_END_REASONS)[number];

/**
 * A decimal amount typed in a form ("15.50", "20") or sent as a number by the API,
 * kept as an integer count of hundredths (cents of a dollar, hundredths of an
 * hour) so sums stay exact. Blank means not given.
 */
const hundredths = (invalidKey: string, max: number) =>
  z.union([z.number(), z.string().trim()]).nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return null;
      const text = typeof v === "number" ? String(v) : v;
      if (!/^\d{1,6}(\.\d{1,2})?$/.test(text)) {
        ctx.addIssue({ code: "custom", message: invalidKey });
        return z.NEVER;
      }
      const value = Math.round(Number(text) * 100);
      if (value > max * 100) {
        ctx.addIssue({ code: "custom", message: invalidKey });
        return z.NEVER;
      }
      return value;
    });

const jobFields = {
  employer: z.string().trim().min(1, { error: "job.employer.required" }).max(200, { error: "common.tooLong" }),
  title: z.string().trim().min(1, { error: "job.title.required" }).max(200, { error: "common.tooLong" }),
  startedOn: isoDate("job.startedOn.invalid"),
  /** Hours a week, up to two decimals. */
  hoursPerWeek: hundredths("job.hours.invalid", 100),
  /** Dollars an hour, up to two decimals. */
  hourlyWage: hundredths("job.wage.invalid", 1000),
  competitive: checkbox,
  integrated: checkbox,
};

export const jobInputSchema = z.strictObject(jobFields);
export type JobInput = z.infer<typeof jobInputSchema>;

export const jobUpdateSchema = z.strictObject({ ...jobFields, version: z.coerce.number({ error: "common.version.required" }).int().min(1) });
export type JobUpdate = z.infer<typeof jobUpdateSchema>;

/** Ending a job: when and how. "Other" needs a word on what happened. */
export const jobEndSchema = z.strictObject({
  endedOn: isoDate("job.endedOn.invalid"),
  endReason: z.enum(JOB_END_REASONS, { error: "job.endReason.invalid" }),
  endNote: optionalText(2000),
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
}).superRefine((end, ctx) => {
  if (end.endReason === "other" && !end.endNote) ctx.addIssue({ code: "custom", path: ["endNote"], message: "job.endNote.required" });
});
export type JobEnd = z.infer<typeof jobEndSchema>;

/** The end of a job cannot come before its start (the same day is a job that lasted a day). */
export function endsBeforeStart(startedOn: string, endedOn: string): boolean {
  return endedOn < startedOn;
}

export const jobSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  employer: z.string(),
  title: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  /** Hundredths of an hour a week. */
  hoursHundredths: z.number().int().nullable(),
  hourlyWageCents: z.number().int().nullable(),
  competitive: z.boolean(),
  integrated: z.boolean(),
  endReason: z.enum(JOB_END_REASONS).nullable(),
  endNote: z.string().nullable(),
  /** The job-loss follow-up opened when the job ended. */
  followUpConcernId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof jobSchema>;

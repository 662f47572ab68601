import { z } from "zod";
import { isoDate, optionalDate } from "../schema-fields.ts";

/**
 * What a supervisor and a specialist worked on (the practice's coaching themes):
 * looking at one's own assumptions about families, practising a conversation by
 * role play, handling conflict, or anything else.
 */
export const COACHING_TOPICS = ["assumptions", "role_play", "conflict", "other"] as const;
export type CoachingTopic = (typeof COACHING_TOPICS)[number];

export const coachingNoteInputSchema = z.strictObject({
  metOn: isoDate("coaching.metOn.invalid"),
  topic: z.enum(COACHING_TOPICS, { error: "coaching.topic.invalid" }),
  note: z.string().trim().min(1, { error: "coaching.note.required" }).max(4000, { error: "common.tooLong" }),
  followUpOn: optionalDate("coaching.followUpOn.invalid"),
});
export type CoachingNoteInput = z.infer<typeof coachingNoteInputSchema>;

/** Marking a follow-up done, over the version the person saw. */
export const followUpDoneSchema = z.strictObject({
  noteId: z.string().trim().min(1).max(100),
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});

export const coachingNoteSchema = z.object({
  id: z.string(),
  specialistId: z.string(),
  supervisorId: z.string(),
  supervisorName: z.string(),
  metOn: z.string(),
  topic: z.enum(COACHING_TOPICS),
  note: z.string(),
  followUpOn: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
  version: z.number().int(),
});
export type CoachingNote = z.infer<typeof coachingNoteSchema>;

/** A specialist a coaching page is about, with the follow-ups still open between them and the reader. */
export interface CoachedSpecialist {
  id: string;
  name: string;
  openFollowUps: number;
}

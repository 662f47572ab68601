import { z } from "zod";
import { checkbox, isoDate } from "../schema-fields.ts";
import { CONSENT_CATEGORIES, disclosureCategoriesSchema } from "../consent/model.ts";

/** How a contact happened. */
export const CONTACT_METHODS = ["in_person", "phone", "text", "email", "video"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** How many of the latest notes the participant's overview shows. */
export const LATEST_NOTES_ON_OVERVIEW = 3;

const contactNoteFields = {
  contactedOn: isoDate("contactNote.contactedOn.invalid"),
  method: z.enum(CONTACT_METHODS, { error: "contactNote.method.invalid" }),
  withParticipant: checkbox,
  supportPersonIds: z.array(z.string().trim().min(1).max(100)).max(50).default([]).transform((ids) => [...new Set(ids)]),
  summary: z.string().trim().min(1, { error: "contactNote.summary.required" }).max(4000, { error: "common.tooLong" }),
  /** The consent categories the contact touched; a support person named must hold consent for each. */
  discloses: disclosureCategoriesSchema,
};

/** A contact is with someone: the participant, a support person of the network, or both. */
function withSomeone(note: { withParticipant: boolean; supportPersonIds: string[] }, ctx: z.RefinementCtx) {
  if (!note.withParticipant && note.supportPersonIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["supportPersonIds"], message: "contactNote.who.required" });
  }
}

export const contactNoteInputSchema = z.strictObject(contactNoteFields).superRefine(withSomeone);
export type ContactNoteInput = z.infer<typeof contactNoteInputSchema>;

export const contactNoteUpdateSchema = z.strictObject({ ...contactNoteFields, version: z.coerce.number({ error: "common.version.required" }).int().min(1) }).superRefine(withSomeone);
export type ContactNoteUpdate = z.infer<typeof contactNoteUpdateSchema>;

export const contactNoteDeleteSchema = z.strictObject({ version: z.coerce.number({ error: "common.version.required" }).int().min(1) });

export const contactNoteSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  contactedOn: z.string(),
  method: z.enum(CONTACT_METHODS),
  withParticipant: z.boolean(),
  /** The support persons the contact was with, by name as the network holds them now. */
  people: z.array(z.object({ supportPersonId: z.string(), name: z.string() })),
  summary: z.string(),
  discloses: z.array(z.enum(CONSENT_CATEGORIES)),
  version: z.number().int(),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactNote = z.infer<typeof contactNoteSchema>;

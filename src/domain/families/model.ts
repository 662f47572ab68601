import { z } from "zod";
import { checkbox, optionalText } from "../schema-fields.ts";

/**
 * A support person's agreement to be contacted by another family: what of their
 * own contact details they let the other family have. Their name is always given;
 * an introduction is nothing without it.
 */
export const familyAgreementSchema = z.strictObject({
  sharePhone: checkbox,
  shareEmail: checkbox,
});
export type FamilyAgreementInput = z.infer<typeof familyAgreementSchema>;

/** Whose agreement staff record or withdraw on a participant's record: the participant's ("participant") or a support person's by id. */
export const familyAgreementSubjectSchema = z.strictObject({
  subject: z.string().trim().min(1, { error: "families.subject.required" }).max(100),
  sharePhone: checkbox,
  shareEmail: checkbox,
});
export type FamilyAgreementSubjectInput = z.infer<typeof familyAgreementSubjectSchema>;

export const familyWithdrawSchema = z.strictObject({
  subject: z.string().trim().min(1, { error: "families.subject.required" }).max(100),
});
export type FamilyWithdrawInput = z.infer<typeof familyWithdrawSchema>;

/** Staff introduce two support persons of two different participants. */
export const familyIntroductionSchema = z.strictObject({
  firstSupportPersonId: z.string().trim().min(1, { error: "families.introduce.first.required" }).max(100),
  secondSupportPersonId: z.string().trim().min(1, { error: "families.introduce.second.required" }).max(100),
  note: optionalText(1000),
});
export type FamilyIntroductionInput = z.infer<typeof familyIntroductionSchema>;

export const familyAgreementViewSchema = z.object({
  id: z.string(),
  /** null: the participant's own agreement. */
  supportPersonId: z.string().nullable(),
  sharePhone: z.boolean(),
  shareEmail: z.boolean(),
  agreedAt: z.string(),
  /** "staff", "support_person" or "participant": who said yes. */
  agreedByKind: z.enum(["staff", "support_person", "participant"]),
  agreedByName: z.string().nullable(),
});
export type FamilyAgreementView = z.infer<typeof familyAgreementViewSchema>;

/** The other family as one support person sees an introduction: only what the other agreed to share. */
export const introducedFamilySchema = z.object({
  introductionId: z.string(),
  introducedAt: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
});
export type IntroducedFamily = z.infer<typeof introducedFamilySchema>;

/** An introduction as staff see it on a participant's record or the introductions page. */
export const familyIntroductionViewSchema = z.object({
  id: z.string(),
  introducedAt: z.string(),
  note: z.string().nullable(),
  first: z.object({ participantId: z.string(), supportPersonId: z.string(), name: z.string() }),
  second: z.object({ participantId: z.string(), supportPersonId: z.string(), name: z.string() }),
});
export type FamilyIntroductionView = z.infer<typeof familyIntroductionViewSchema>;

/** Who agreed, from the stored `agreed_by`: a staff user id, or `support_person:<id>` / `participant:<id>`. */
export function agreedByKind(agreedBy: string): "staff" | "support_person" | "participant" {
  if (agreedBy.startsWith("support_person:")) return "support_person";
  if (agreedBy.startsWith("participant:")) return "participant";
  return "staff";
}

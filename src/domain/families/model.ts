import { z } from "zod";
import { checkbox, optionalText } from "../schema-fields.ts";

/** Yes (agree, or change what is shared) or stop (withdraw). */
export const FAMILY_ANSWERS = ["yes", "stop"] as const;
const answerField = z.enum(FAMILY_ANSWERS, { error: "families.answer.invalid" });

/**
 * A person's own answer on their page. A support person also says what of their
 * contact details the other family may have; their name is always given, an
 * introduction is nothing without it. The participant shares nothing of their own.
 */
export const familyOwnAnswerSchema = z.strictObject({
  answer: answerField,
  sharePhone: checkbox,
  shareEmail: checkbox,
});
export type FamilyOwnAnswer = z.infer<typeof familyOwnAnswerSchema>;

/** The same answer recorded by staff on a participant's record: whose it is, the participant's ("participant") or a support person's by id. */
export const familyAgreementAnswerSchema = z.strictObject({
  subject: z.string().trim().min(1, { error: "families.subject.required" }).max(100),
  answer: answerField,
  sharePhone: checkbox,
  shareEmail: checkbox,
});
export type FamilyAgreementAnswer = z.infer<typeof familyAgreementAnswerSchema>;

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

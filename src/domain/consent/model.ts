import { z } from "zod";
import { checkbox, isoDate, optionalDate, optionalText } from "../schema-fields.ts";

/** Information a participant may agree to share (PRODUCT.md capability 3). */
export const CONSENT_CATEGORIES = [
  "employment_goals",
  "job_details",
  "work_schedule",
  "benefits_income",
  "mental_health_treatment",
  "substance_use_treatment",
] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** 42 CFR Part 2: substance use treatment records need a consent of their own. */
export const PART2_CATEGORY: ConsentCategory = "substance_use_treatment";

export const SIGNED_METHODS = ["in_app", "paper"] as const;

/** Things a grant may allow besides sharing information. */
export const INVOLVEMENTS = ["attendMeetings", "receivePlan", "contact"] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];


/** The terms of a release: what, with which involvement, from when and until when. */
const termsFields = {
  categories: z.array(z.enum(CONSENT_CATEGORIES, { error: "consent.categories.invalid" }))
    .min(1, { error: "consent.categories.required" }).max(CONSENT_CATEGORIES.length)
    .transform((c) => [...new Set(c)]),
  purpose: z.string().trim().min(1, { error: "consent.purpose.required" }).max(1000, { error: "common.tooLong" }),
  mayAttendMeetings: checkbox,
  mayReceivePlan: checkbox,
  mayBeContacted: checkbox,
  startsOn: isoDate("consent.startsOn.invalid"),
  expiresOn: optionalDate("consent.expiresOn.invalid"),
  expiryEvent: optionalText(300),
};

function termsRules(terms: { categories: string[]; startsOn: string; expiresOn: string | null; expiryEvent: string | null }, ctx: z.RefinementCtx) {
  if (terms.categories.includes(PART2_CATEGORY) && terms.categories.length > 1) {
    ctx.addIssue({ code: "custom", path: ["categories"], message: "consent.categories.part2Alone" });
  }
  if (!terms.expiresOn && !terms.expiryEvent) {
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "consent.expiry.required" });
  }
  if (terms.expiresOn && terms.expiresOn < terms.startsOn) {
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "consent.expiresOn.beforeStart" });
  }
}

/** The terms alone, as a blank form to sign on paper carries them before anything is recorded. */
export const consentTermsSchema = z.strictObject(termsFields).superRefine(termsRules);

export const consentGrantInputSchema = z.strictObject({
  supportPersonId: z.string().trim().min(1, { error: "consent.supportPerson.required" }).max(100),
  ...termsFields,
  signedMethod: z.enum(SIGNED_METHODS, { error: "consent.signedMethod.invalid" }),
  signatureName: optionalText(200),
  signedOn: isoDate("consent.signedOn.invalid"),
  participantConfirmed: checkbox,
}).superRefine((grant, ctx) => {
  termsRules(grant, ctx);
  if (grant.signedMethod === "in_app") {
    if (!grant.signatureName) ctx.addIssue({ code: "custom", path: ["signatureName"], message: "consent.signatureName.required" });
    if (!grant.participantConfirmed) ctx.addIssue({ code: "custom", path: ["participantConfirmed"], message: "consent.participantConfirmed.required" });
  }
});
export type ConsentGrantInput = z.infer<typeof consentGrantInputSchema>;

/** A paper consent's scan sent in a JSON body, base64-encoded (the page uploads the file itself). */
export const consentScanSchema = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  contentType: z.string().trim().max(100),
  contentBase64: z.base64({ error: "consent.scan.invalid" }),
});

/** A grant recorded through the API: the form's fields, and the scan of a paper signature in the same body. */
export const consentGrantRequestSchema = consentGrantInputSchema.safeExtend({ scan: consentScanSchema.optional() });

/** Which grants to list: every one, or one person's. */
export const consentGrantsQuerySchema = z.object({
  supportPersonId: z.string().trim().max(100).optional().describe("Only this person's grants"),
});

export const consentRevocationInputSchema = z.strictObject({
  /** A single category to withdraw, or none to revoke the whole grant. */
  category: z.union([z.literal(""), z.enum(CONSENT_CATEGORIES, { error: "consent.categories.invalid" })]).nullish().transform((v) => (v ? v : null)),
  reason: optionalText(500),
});
export type ConsentRevocationInput = z.infer<typeof consentRevocationInputSchema>;

/** Recording that the event a grant ends on has happened ("when the job search ends"). */
export const grantEventInputSchema = z.strictObject({
  occurredOn: isoDate("consent.event.occurredOn.invalid"),
  note: z.string().trim().min(1, { error: "consent.event.note.required" }).max(500, { error: "common.tooLong" }),
});
export type GrantEventInput = z.infer<typeof grantEventInputSchema>;

export const consentGrantSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  supportPersonId: z.string(),
  categories: z.array(z.enum(CONSENT_CATEGORIES)),
  purpose: z.string(),
  mayAttendMeetings: z.boolean(),
  mayReceivePlan: z.boolean(),
  mayBeContacted: z.boolean(),
  startsOn: z.string(),
  expiresOn: z.string().nullable(),
  expiryEvent: z.string().nullable(),
  signedMethod: z.enum(SIGNED_METHODS),
  signatureName: z.string().nullable(),
  signedOn: z.string(),
  participantConfirmed: z.boolean(),
  hasScan: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  revocations: z.array(z.object({ id: z.string(), category: z.enum(CONSENT_CATEGORIES).nullable(), revokedAt: z.string(), reason: z.string().nullable() })),
  /** The event the grant ends on, once recorded as having happened. */
  event: z.object({ occurredOn: z.string(), note: z.string(), recordedBy: z.string(), recordedAt: z.string() }).nullable(),
  /** When the recorded event ended the grant. */
  endedAt: z.string().nullable(),
  /** The grant this one renews, and the grant that renewed this one. */
  renewsGrantId: z.string().nullable(),
  renewedByGrantId: z.string().nullable(),
  /** Worked out at the moment of reading. */
  status: z.enum(["active", "not_started", "expired", "ended", "revoked"]),
  activeCategories: z.array(z.enum(CONSENT_CATEGORIES)),
});
export type ConsentGrant = z.infer<typeof consentGrantSchema>;

/**
 * The consent categories a piece that can leave the agency discloses (consent by
 * content, disclosure.ts). Chosen where the piece is written; an empty list means
 * "not shared with any support person until a specialist reviews it".
 */
export const disclosureCategoriesSchema = z.array(z.enum(CONSENT_CATEGORIES, { error: "consent.categories.invalid" }))
  .max(CONSENT_CATEGORIES.length).default([]).transform((c) => [...new Set(c)]);

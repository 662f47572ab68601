import { z } from "zod";
import { optionalText } from "../schema-fields.ts";
import { CONSENT_CATEGORIES } from "../consent/model.ts";

/** The kinds of resource the directory holds. */
export const RESOURCE_KINDS = ["family_group", "class", "peer_mentor", "community_place", "other"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * A resource is program information, not health information; but being offered
 * one can say something about the participant's health (a substance use group).
 * `category` is the consent category such an offer reveals, or "none".
 */
const categoryField = z.union([z.literal("none"), z.enum(CONSENT_CATEGORIES)], { error: "resource.category.invalid" })
  .transform((v) => (v === "none" ? null : v));

/** The languages the resource is offered in, as people write them ("English, Spanish, Vietnamese"). */
const languagesField = z.string().trim().max(200, { error: "common.tooLong" }).optional()
  .transform((v) => (v ?? "").split(",").map((l) => l.trim()).filter((l) => l.length > 0));

const resourceFields = {
  name: z.string().trim().min(1, { error: "resource.name.required" }).max(200, { error: "common.tooLong" }),
  kind: z.enum(RESOURCE_KINDS, { error: "resource.kind.invalid" }),
  description: z.string().trim().min(1, { error: "resource.description.required" }).max(2000, { error: "common.tooLong" }),
  contact: optionalText(300),
  address: optionalText(300),
  languages: languagesField,
  category: categoryField,
};

export const resourceInputSchema = z.strictObject(resourceFields);
export type ResourceInput = z.infer<typeof resourceInputSchema>;

export const resourceUpdateSchema = z.strictObject({
  ...resourceFields,
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});
export type ResourceUpdate = z.infer<typeof resourceUpdateSchema>;

export const resourceRetireSchema = z.strictObject({
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
});

/** Offering a resource: to the participant ("participant") or to one support person by id. */
export const resourceOfferSchema = z.strictObject({
  resourceId: z.string().trim().min(1, { error: "resource.offer.resource.required" }).max(100),
  to: z.string().trim().min(1, { error: "resource.offer.to.required" }).max(100),
});
export type ResourceOfferInput = z.infer<typeof resourceOfferSchema>;

export const resourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  description: z.string(),
  contact: z.string().nullable(),
  address: z.string().nullable(),
  languages: z.array(z.string()),
  category: z.enum(CONSENT_CATEGORIES).nullable(),
  retiredAt: z.string().nullable(),
  version: z.number().int(),
});
export type Resource = z.infer<typeof resourceSchema>;

/** A resource as an offer shows it to the person it was offered to. */
export interface OfferedResource {
  offerId: string;
  offeredAt: string;
  resource: Resource;
  /** Whom it was offered to: the participant, or a support person by name. */
  to: { kind: "participant" } | { kind: "support_person"; supportPersonId: string; name: string };
}

import { z } from "zod";
import { checkbox, optionalText } from "../schema-fields.ts";
import { CLOSENESS, CONTACT_CHANNELS, RELATIONSHIP_KINDS, RELATIONSHIP_STATUSES, SUPPORT_KINDS } from "./vocabulary.ts";


const supportPersonFields = z.strictObject({
  name: z.string().trim().min(1, { error: "network.name.required" }).max(200, { error: "common.tooLong" }),
  relationshipKind: z.enum(RELATIONSHIP_KINDS, { error: "network.relationshipKind.invalid" }),
  relationshipOther: optionalText(100),
  /** Where a professional works (a benefits office, a clinic); may itself disclose, like any note. */
  organization: optionalText(200),
  closeness: z.enum(CLOSENESS, { error: "network.closeness.invalid" }),
  status: z.enum(RELATIONSHIP_STATUSES, { error: "network.status.invalid" }).default("supportive"),
  phone: z.string().trim().max(40, { error: "common.tooLong" }).regex(/^[0-9+() .-]*$/, { error: "network.phone.invalid" })
    .nullish().transform((v) => (v ? v : null)),
  email: z.union([z.literal(""), z.email({ error: "network.email.invalid" }).max(254, { error: "common.tooLong" })])
    .nullish().transform((v) => (v ? v.toLowerCase() : null)),
  preferredChannel: z.union([z.literal(""), z.enum(CONTACT_CHANNELS, { error: "network.preferredChannel.invalid" })]).nullish().transform((v) => (v ? v : null)),
  helpKinds: z.array(z.enum(SUPPORT_KINDS, { error: "network.helpKinds.invalid" })).max(SUPPORT_KINDS.length).default([]).transform((k) => [...new Set(k)]),
  /** What "other" help means; required when "other" is among the kinds of help, dropped when it is not. */
  helpOther: optionalText(200),
  notes: optionalText(2000),
  firstCall: checkbox,
  /** The guided discovery prompt this person came from, if any. */
  discoveredFrom: z.string().trim().max(100).nullish().transform((v) => (v ? v : null)),
});

/** What a support person may correct about themselves on their own page: how to reach them. */
export const ownContactSchema = supportPersonFields.pick({ phone: true, email: true, preferredChannel: true });
export type OwnContactInput = z.infer<typeof ownContactSchema>;

function relationshipNamed(person: { relationshipKind: string; relationshipOther: string | null; helpKinds: readonly string[]; helpOther: string | null }, ctx: z.RefinementCtx) {
  if (person.relationshipKind === "other" && !person.relationshipOther) {
    ctx.addIssue({ code: "custom", path: ["relationshipOther"], message: "network.relationshipOther.required" });
  }
  if (person.helpKinds.includes("other") && !person.helpOther) {
    ctx.addIssue({ code: "custom", path: ["helpOther"], message: "seedsNetwork.helpOther.required" });
  }
}

/** "Other" help is kept only with its words, and its words only with "other". */
function otherHelpKept<T extends { helpKinds: string[]; helpOther: string | null }>(person: T): T {
  return { ...person, helpOther: person.helpKinds.includes("other") ? person.helpOther : null };
}

/** One schema for the support person form, the API body and the OpenAPI document. */
export const supportPersonInputSchema = supportPersonFields.superRefine(relationshipNamed).transform(otherHelpKept);
export type SupportPersonInput = z.infer<typeof supportPersonInputSchema>;

export const supportPersonUpdateSchema = supportPersonFields
  .extend({ version: z.coerce.number({ error: "common.version.required" }).int().min(1) })
  .superRefine(relationshipNamed).transform(otherHelpKept);
export type SupportPersonUpdate = z.infer<typeof supportPersonUpdateSchema>;

export const supportPersonEndSchema = z.strictObject({
  version: z.coerce.number({ error: "common.version.required" }).int().min(1),
  reason: optionalText(500),
});

export const supportPersonSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  name: z.string(),
  relationshipKind: z.enum(RELATIONSHIP_KINDS),
  relationshipOther: z.string().nullable(),
  organization: z.string().nullable(),
  closeness: z.enum(CLOSENESS),
  status: z.enum(RELATIONSHIP_STATUSES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullable(),
  helpKinds: z.array(z.enum(SUPPORT_KINDS)),
  helpOther: z.string().nullable().describe("What \"other\" help means; null unless \"other\" is among helpKinds"),
  notes: z.string().nullable(),
  firstCall: z.boolean(),
  discoveredFrom: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportPerson = z.infer<typeof supportPersonSchema>;

/** The network at the moment of reading: current and past supports, and who holds consent right now. */
export const supportNetworkSchema = z.object({
  current: z.array(supportPersonSchema),
  ended: z.array(supportPersonSchema),
  withConsent: z.array(z.string()).describe("Ids of current supports holding an active consent at the moment of reading"),
});

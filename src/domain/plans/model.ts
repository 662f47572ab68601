import { z } from "zod";
import { SUPPORT_KINDS } from "../network/vocabulary.ts";

export const PROVIDERS = ["support_person", "specialist", "treatment_team", "participant"] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PLAN_STATUSES = ["proposed", "agreed", "active", "paused", "done"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

const optionalText = (max: number) => z.string().trim().max(max, { error: "common.tooLong" }).nullish().transform((v) => (v ? v : null));
const optionalDate = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "plan.date.invalid" })]).nullish().transform((v) => (v ? v : null));
const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional()
  .transform((v) => v === true || v === "on" || v === "true");

const planItemFields = z.strictObject({
  kind: z.enum(SUPPORT_KINDS, { error: "plan.kind.invalid" }),
  description: z.string().trim().min(1, { error: "plan.description.required" }).max(1000, { error: "common.tooLong" }),
  provider: z.enum(PROVIDERS, { error: "plan.provider.invalid" }),
  supportPersonId: optionalText(100),
  frequency: optionalText(200),
  startsOn: optionalDate,
  endsOn: optionalDate,
  status: z.enum(PLAN_STATUSES, { error: "plan.status.invalid" }).default("proposed"),
  notes: optionalText(2000),
  /** The participant chose to let every consented support see this item. */
  sharedWithSupports: checkbox,
});

function planItemRules(item: { provider: Provider; supportPersonId: string | null; startsOn: string | null; endsOn: string | null }, ctx: z.RefinementCtx) {
  if (item.provider === "support_person" && !item.supportPersonId) {
    ctx.addIssue({ code: "custom", path: ["supportPersonId"], message: "plan.supportPerson.required" });
  }
  if (item.startsOn && item.endsOn && item.endsOn < item.startsOn) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "plan.endsOn.beforeStart" });
  }
}

export const planItemInputSchema = planItemFields.superRefine(planItemRules);
export type PlanItemInput = z.infer<typeof planItemInputSchema>;

export const planItemUpdateSchema = planItemFields
  .extend({ version: z.coerce.number({ error: "common.version.required" }).int().min(1) })
  .superRefine(planItemRules);
export type PlanItemUpdate = z.infer<typeof planItemUpdateSchema>;

/** A commitment made in a meeting becomes a plan item of this kind; its words and who made it come from the meeting. */
export const commitmentToPlanItemSchema = planItemFields.pick({ kind: true });

export const planItemSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  kind: z.enum(SUPPORT_KINDS),
  description: z.string(),
  provider: z.enum(PROVIDERS),
  supportPersonId: z.string().nullable(),
  providerName: z.string().nullable(),
  frequency: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  notes: z.string().nullable(),
  sharedWithSupports: z.boolean(),
  sourceEntryId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

/** One saved version of a plan item: what changed, who, when. */
export const planItemVersionSchema = z.object({
  version: z.number().int(), changedFields: z.array(z.string()), item: planItemSchema, changedAt: z.string(), changedBy: z.string(),
});

/** Whose copy of the take-home plan: the participant's, or with `for` a support person's. */
export const takeHomeQuerySchema = z.object({
  for: z.string().trim().min(1).max(100).optional().describe("A support person's id"),
});

export const takeHomePlanSchema = z.object({
  allowed: z.boolean().describe("False when this reader may see nothing; every other field is then empty"),
  participantName: z.string(),
  workGoal: z.string().nullable(),
  items: z.array(planItemSchema.pick({ id: true, kind: true, description: true, provider: true, status: true }).extend({ who: z.string(), when: z.string().nullable() })),
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
  specialist: z.object({ name: z.string(), email: z.string() }).nullable(),
  hardDayHelpers: z.array(z.string()),
  redisclosureNotice: z.boolean().describe("The reader holds a substance use treatment consent: the copy must carry the 42 CFR Part 2 redisclosure notice"),
});

export const EDITABLE_PLAN_FIELDS = [
  "kind", "description", "provider", "supportPersonId", "frequency", "startsOn", "endsOn", "status", "notes", "sharedWithSupports",
] as const satisfies readonly (keyof PlanItemInput & keyof PlanItem)[];

import { z } from "zod";
import { checkbox, optionalDate, optionalText } from "../schema-fields.ts";
import { CONSENT_CATEGORIES, PART2_CATEGORY, disclosureCategoriesSchema, type ConsentCategory } from "../consent/model.ts";
import { SUPPORT_KINDS, type SupportKind } from "../network/vocabulary.ts";

export const PROVIDERS = ["support_person", "specialist", "treatment_team", "participant"] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PLAN_STATUSES = ["proposed", "agreed", "active", "paused", "done"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];


const planItemFields = z.strictObject({
  kind: z.enum(SUPPORT_KINDS, { error: "plan.kind.invalid" }),
  description: z.string().trim().min(1, { error: "plan.description.required" }).max(1000, { error: "common.tooLong" }),
  provider: z.enum(PROVIDERS, { error: "plan.provider.invalid" }),
  supportPersonId: optionalText(100),
  frequency: optionalText(200),
  startsOn: optionalDate("plan.date.invalid"),
  endsOn: optionalDate("plan.date.invalid"),
  status: z.enum(PLAN_STATUSES, { error: "plan.status.invalid" }).default("proposed"),
  notes: optionalText(2000),
  /** The participant chose to let every consented support see this item. */
  sharedWithSupports: checkbox,
  /**
   * When the support person who helps is reminded of it by message (issue 12): a
   * wall-clock time in the program's zone, kept like a meeting's with a nominal Z.
   */
  reminderAt: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "plan.reminderAt.invalid" })])
    .nullish().transform((v) => (v ? `${v}:00.000Z` : null)),
  /** What the item tells about the participant (consent by content); [] reaches no support person. */
  discloses: disclosureCategoriesSchema,
  /**
   * The specialist read the 42 CFR Part 2 warning before an item that discloses
   * substance use treatment is shared. Asked on every save that leaves it shared;
   * not stored.
   */
  part2Confirmed: checkbox,
});

function planItemRules(item: {
  provider: Provider; supportPersonId: string | null; startsOn: string | null; endsOn: string | null;
  sharedWithSupports: boolean; discloses: ConsentCategory[]; part2Confirmed: boolean;
}, ctx: z.RefinementCtx) {
  if (item.provider === "support_person" && !item.supportPersonId) {
    ctx.addIssue({ code: "custom", path: ["supportPersonId"], message: "plan.supportPerson.required" });
  }
  if (item.startsOn && item.endsOn && item.endsOn < item.startsOn) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "plan.endsOn.beforeStart" });
  }
  if (item.sharedWithSupports && item.discloses.includes(PART2_CATEGORY) && !item.part2Confirmed) {
    ctx.addIssue({ code: "custom", path: ["part2Confirmed"], message: "plan.part2Confirmed.required" });
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
  /** When the support person is reminded (wall clock with a nominal Z), or null; absent in records made before messages. */
  reminderAt: z.string().nullable().optional(),
  /** The consent categories the item discloses; [] until a specialist reviews it, and then it reaches no support person. */
  discloses: z.array(z.enum(CONSENT_CATEGORIES)),
  sourceEntryId: z.string().nullable(),
  /** Set when its meeting commitment was dismissed: kept in the plan and its history, shown to no support person. */
  dismissedAt: z.string().nullable().optional(),
  dismissedReason: z.string().nullable().optional(),
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
  schoolGoal: z.string().nullable().describe("The school or training goal, shown under the same consent as the work goal"),
  items: z.array(planItemSchema.pick({ id: true, kind: true, description: true, provider: true, status: true }).extend({
    who: z.string().nullable().describe("Who helps; null in a support person's copy when another support person helps, whose name that copy does not carry"),
    when: z.string().nullable(),
  })),
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
  specialist: z.object({ name: z.string(), email: z.string() }).nullable(),
  hardDayHelpers: z.array(z.object({
    provider: planItemSchema.shape.provider,
    name: z.string().nullable().describe("Null for the treatment team, and in a support person's copy for another support person"),
    isReader: z.boolean().describe("This helper is the support person reading the copy"),
  })).describe("Who listens after a hard day"),
  redisclosureNotice: z.boolean().describe("A piece of this copy discloses substance use treatment: the copy must carry the 42 CFR Part 2 redisclosure notice"),
  discloses: z.array(z.enum(CONSENT_CATEGORIES)).describe("Every consent category this copy discloses"),
});

export const EDITABLE_PLAN_FIELDS = [
  "kind", "description", "provider", "supportPersonId", "frequency", "startsOn", "endsOn", "status", "notes", "sharedWithSupports", "discloses", "reminderAt",
] as const satisfies readonly (keyof PlanItemInput & keyof PlanItem)[];

/**
 * What an item of this kind of help usually tells, preselected in the form for the
 * specialist to confirm or change. Never substance use treatment: that mark is
 * always chosen on purpose.
 */
export const USUAL_DISCLOSURE: Record<SupportKind, readonly ConsentCategory[]> = {
  rides: ["work_schedule"],
  wake_up_calls: ["work_schedule"],
  reminders: ["work_schedule"],
  resume_applications: ["employment_goals"],
  id_documents: ["employment_goals"],
  clothes: ["employment_goals"],
  bank_account: ["benefits_income"],
  budgeting: ["benefits_income"],
  encouragement: ["employment_goals"],
  after_hard_day: ["employment_goals"],
  paperwork: ["employment_goals"],
  interview_schedules: ["work_schedule"],
  job_leads: ["employment_goals"],
  other: [],
};

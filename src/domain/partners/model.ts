import { z } from "zod";
import { disclosureCategoriesSchema, type ConsentCategory } from "../consent/model.ts";
import { SUPPORT_KINDS, type ContactChannel, type SupportKind } from "../network/vocabulary.ts";
import { isoDate, optionalText } from "../schema-fields.ts";

/** A support person's answer to an invitation, from their own page. "pending" is not an answer. */
export const PARTNER_RESPONSES = ["yes", "no", "maybe"] as const;
export const rsvpSchema = z.strictObject({
  response: z.enum(PARTNER_RESPONSES, { error: "supportPage.rsvp.invalid" }),
  note: optionalText(300),
});
export type RsvpInput = z.infer<typeof rsvpSchema>;

/** A support person's word on their own commitment. */
export const COMMITMENT_REPORTS = ["done", "cant_this_week"] as const;
export type CommitmentReport = (typeof COMMITMENT_REPORTS)[number];
export const commitmentReportSchema = z.strictObject({
  report: z.enum(COMMITMENT_REPORTS, { error: "supportPage.commitment.invalid" }),
});

/** Encouragement sent back: held on the record for the specialist or the participant to pass on. */
export const encouragementBackSchema = z.strictObject({
  text: z.string().trim().min(1, { error: "supportPage.encourage.required" }).max(1000, { error: "common.tooLong" }),
});

/** Stepping out of the network: said once, on purpose. */
export const stepOutSchema = z.strictObject({
  confirm: z.literal("yes", { error: "supportPage.stepOut.confirm" }),
});

/** The `ended_reason` of someone who stepped out of the network themselves, from their own page. */
export const STEPPED_OUT = "stepped_out";

/** A need posted for the network: a ride on Tuesday at 8:30, a wake-up call, help with ID papers. */
export const helpRequestInputSchema = z.strictObject({
  kind: z.enum(SUPPORT_KINDS, { error: "help.kind.invalid" }),
  description: z.string().trim().min(1, { error: "help.description.required" }).max(300, { error: "common.tooLong" }),
  neededOn: isoDate("help.neededOn.invalid"),
  neededTime: z.union([z.literal(""), z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "help.neededTime.invalid" })])
    .nullish().transform((v) => (v ? v : null)),
  /** What the request tells whoever reads it; a ride to a new job tells job details. */
  discloses: disclosureCategoriesSchema,
});
export type HelpRequestInput = z.infer<typeof helpRequestInputSchema>;

/** "cancelled" is a withdrawn request: the specialist or the participant took it back before anyone claimed it. */
export const HELP_REQUEST_STATUSES = ["open", "claimed", "done", "cancelled"] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

export interface HelpRequest {
  id: string;
  kind: SupportKind;
  description: string;
  neededOn: string;
  neededTime: string | null;
  discloses: ConsentCategory[];
  status: HelpRequestStatus;
  postedAt: string;
  claimedBy: { id: string; name: string } | null;
  claimedAt: string | null;
  planItemId: string | null;
  doneAt: string | null;
  cancelledAt: string | null;
  /** What the reader of the list may do with this request now. */
  can: HelpRequestActions;
}

/** What the specialist or the participant may do with one help request (see `helpRequestActions`). */
export interface HelpRequestActions {
  withdraw: boolean;
  markDone: boolean;
}

/** A help request as the API answers it: the same facts as the pages. */
export const helpRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(SUPPORT_KINDS),
  description: z.string(),
  neededOn: z.string(),
  neededTime: z.string().nullable(),
  discloses: z.array(z.string()),
  status: z.enum(HELP_REQUEST_STATUSES),
  postedAt: z.string(),
  claimedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  claimedAt: z.string().nullable(),
  planItemId: z.string().nullable(),
  doneAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  can: z.object({ withdraw: z.boolean(), markDone: z.boolean() }),
});

/**
 * What support persons did on their own pages, as the specialist reads it: their
 * answers to invitations, their word on their commitments, the notes of
 * encouragement waiting to be passed on, and who stepped out of the network.
 */
export const partnerActionsSchema = z.object({
  rsvps: z.array(z.object({
    meetingId: z.string(), meetingTitle: z.string(), scheduledAt: z.string(), supportPersonId: z.string(), name: z.string(),
    response: z.enum(PARTNER_RESPONSES), note: z.string().nullable(), respondedAt: z.string(),
  })),
  commitmentMarks: z.array(z.object({
    planItemId: z.string(), description: z.string(), supportPersonId: z.string(), name: z.string(), report: z.enum(COMMITMENT_REPORTS), at: z.string(),
  })),
  encouragement: z.array(z.object({ id: z.string(), supportPersonId: z.string(), name: z.string(), text: z.string(), createdAt: z.string() })),
  stepOuts: z.array(z.object({ supportPersonId: z.string(), name: z.string(), at: z.string() })),
});
export type PartnerActions = z.infer<typeof partnerActionsSchema>;

/** The support person's page: only what their consent lets through, piece by piece. */
export interface SupportPage {
  person: { id: string; name: string; phone: string | null; email: string | null; preferredChannel: ContactChannel | null };
  participant: { firstName: string };
  specialist: { name: string; email: string; phone: string | null };
  workGoal: string | null;
  /** The school or training goal, under the same consent as the work goal. */
  schoolGoal: string | null;
  /** Planned meetings they may answer, and cancelled ones shown as called off; `changed` once the time or details moved. */
  meetings: { id: string; title: string; scheduledAt: string; durationMinutes: number; place: string; response: string; responseNote: string | null; status: "planned" | "cancelled"; changed: boolean }[];
  commitments: { id: string; kind: SupportKind; description: string; frequency: string | null; startsOn: string | null; endsOn: string | null; report: CommitmentReport | null; reportAt: string | null; reminderAt?: string | null }[];
  wins: { id: string; kind: string; occurredOn: string; note: string | null }[];
  helpRequests: { id: string; kind: SupportKind; description: string; neededOn: string; neededTime: string | null }[];
}

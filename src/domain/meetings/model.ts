import { z } from "zod";
import { checkbox, optionalText } from "../schema-fields.ts";
import { CONSENT_CATEGORIES, PART2_CATEGORY, type ConsentCategory } from "../consent/model.ts";

export const MEETING_KINDS = ["support", "reconnection", "benefits", "separate"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ["planned", "in_progress", "held", "cancelled"] as const;
export const RESPONSES = ["pending", "yes", "no", "maybe"] as const;
export type InviteResponse = (typeof RESPONSES)[number];

/**
 * The steps of running a support meeting, in order (PRODUCT.md capability 4). Job
 * ideas and career planning follow the strengths just named (issue 14; migration
 * 0026 moved the meetings already past that point one step on).
 */
export const MEETING_STEPS = ["welcome", "strengths", "career", "concerns", "ideas", "commitments", "next_steps"] as const;
export type MeetingStep = (typeof MEETING_STEPS)[number];

/** What a meeting entry records; concerns are their own records, linked to the meeting. */
export const ENTRY_KINDS = ["strength", "job_idea", "idea", "commitment", "next_step", "note"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];


/**
 * What a meeting's title, place and agenda disclose when no one has said otherwise
 * (consent by content): a support or reconnection meeting is about the job search, a
 * benefits meeting about benefits and income. A separate conversation has no default:
 * the specialist says what it is about. Substance use treatment is never a default;
 * it is marked on its own.
 */
export function defaultMeetingDisclosure(kind: MeetingKind): ConsentCategory[] {
  if (kind === "benefits") return ["benefits_income"];
  if (kind === "support" || kind === "reconnection") return ["employment_goals"];
  return [];
}

/** The categories a meeting discloses, as chosen where it is planned or edited. */
const disclosesField = z.array(z.enum(CONSENT_CATEGORIES, { error: "consent.categories.invalid" })).max(CONSENT_CATEGORIES.length)
  .transform((c) => [...new Set(c)]);

/** 42 CFR Part 2: a meeting marked substance use treatment goes to invitees only after an explicit confirmation. */
function part2Confirmation(m: { discloses?: ConsentCategory[]; confirmSubstanceUse: boolean }, invitees: number, ctx: z.RefinementCtx) {
  if (m.discloses?.includes(PART2_CATEGORY) && invitees > 0 && !m.confirmSubstanceUse) {
    ctx.addIssue({ code: "custom", path: ["confirmSubstanceUse"], message: "meeting.discloses.confirmSubstanceUse" });
  }
}

/** The fields of a meeting as planned, and as edited. */
const meetingFields = {
  kind: z.enum(MEETING_KINDS, { error: "meeting.kind.invalid" }),
  title: z.string().trim().min(1, { error: "meeting.title.required" }).max(200, { error: "common.tooLong" }),
  scheduledAt: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, { error: "meeting.scheduledAt.invalid" }),
  durationMinutes: z.coerce.number({ error: "meeting.duration.invalid" }).int({ error: "meeting.duration.invalid" }).min(15, { error: "meeting.duration.invalid" }).max(480, { error: "meeting.duration.invalid" }).default(60),
  place: z.string().trim().min(1, { error: "meeting.place.required" }).max(300, { error: "common.tooLong" }),
  inviteeIds: z.array(z.string().trim().max(100)).max(30).default([]).transform((ids) => [...new Set(ids)]),
  refreshments: optionalText(300),
  seating: optionalText(300),
  agenda: z.array(z.string().trim().max(300, { error: "common.tooLong" })).max(20).default([]).transform((items) => items.filter(Boolean)),
  /** For a separate conversation: the participant's permission, recorded in their words. */
  separatePermission: optionalText(500),
  checkedWithParticipant: checkbox,
  /** What the title, place and agenda disclose; left out, the default for the kind (defaultMeetingDisclosure). */
  discloses: disclosesField.optional(),
  confirmSubstanceUse: checkbox,
};

function meetingRules(m: { kind: MeetingKind; separatePermission: string | null; inviteeIds: string[]; discloses?: ConsentCategory[]; confirmSubstanceUse: boolean }, ctx: z.RefinementCtx) {
  if (m.kind === "separate" && !m.separatePermission) {
    ctx.addIssue({ code: "custom", path: ["separatePermission"], message: "meeting.separatePermission.required" });
  }
  part2Confirmation(m, m.inviteeIds.length, ctx);
}

export const meetingInputSchema = z.strictObject(meetingFields).superRefine(meetingRules);
export type MeetingInput = z.infer<typeof meetingInputSchema>;

const versionField = z.coerce.number({ error: "common.version.required" }).int().min(1);

/**
 * Editing a planned meeting: everything it was planned with, the invitees as they
 * should now be (added and taken off by the difference), and the version the editor
 * started from, so two people editing never overwrite each other.
 */
export const meetingUpdateSchema = z.strictObject({ ...meetingFields, version: versionField }).superRefine(meetingRules);
export type MeetingUpdateInput = z.infer<typeof meetingUpdateSchema>;

/** Who came: the invitees ticked; the others did not. */
export const meetingAttendanceSchema = z.strictObject({
  cameIds: z.array(z.string().trim().max(100)).max(30).default([]).transform((ids) => [...new Set(ids)]),
});

/** Whose copy of the minutes: left out, the whole summary for staff. */
export const meetingMinutesQuerySchema = z.strictObject({ for: z.string().trim().min(1).max(100).optional() });

const minutesLine = z.object({ text: z.string(), by: z.string().nullable(), whenText: z.string().nullable() });

/** A held meeting's minutes, as minutes.ts makes them for one reader. */
export const meetingMinutesSchema = z.object({
  meetingId: z.string(), title: z.string(), scheduledAt: z.string(), place: z.string(), heldAt: z.string().nullable(),
  came: z.array(z.string()),
  strengths: z.array(minutesLine),
  concerns: z.array(minutesLine.extend({ type: z.string(), plan: z.string().nullable() })),
  ideas: z.array(minutesLine), commitments: z.array(minutesLine), nextSteps: z.array(minutesLine),
  leftOut: z.boolean(), discloses: z.array(z.enum(CONSENT_CATEGORIES)), part2Notice: z.boolean(),
});

/** Calling a planned meeting off: kept on the record as cancelled, never deleted. */
export const meetingCancelSchema = z.strictObject({ version: versionField });

/**
 * The date checks of planning and running a meeting (issue 11: a meeting dated in
 * 1999 was saved, and one for 10 December was marked held on 1 December). Times are
 * wall clocks where the meeting is held: `nowThere` is the program zone's wall clock
 * now (src/domain/program/time-zone.ts), `scheduledAt` the meeting's, both ISO.
 */
export function schedulingProblem(scheduledAt: string, nowThere: string): "meeting.scheduledAt.past" | null {
  return scheduledAt.slice(0, 16) < nowThere.slice(0, 16) ? "meeting.scheduledAt.past" : null;
}

/** A meeting is held on its day or later: never finished before the day it is planned for. */
export function mayBeHeld(scheduledAt: string, nowThere: string): boolean {
  return nowThere.slice(0, 10) >= scheduledAt.slice(0, 10);
}

/** Which of a meeting's invitations change when these fields do: their holders get an update (SEQUENCE + 1). */
export const INVITATION_FIELDS = ["title", "scheduledAt", "durationMinutes", "place", "refreshments", "agenda", "discloses"] as const;

/** Marking, or changing, what a planned meeting discloses, over the version it was read at. */
export const meetingDisclosureInputSchema = z.strictObject({
  discloses: disclosesField,
  confirmSubstanceUse: checkbox,
  version: versionField,
});
export type MeetingDisclosureInput = z.infer<typeof meetingDisclosureInputSchema>;

export const inviteResponseSchema = z.strictObject({
  supportPersonId: z.string().trim().min(1).max(100),
  response: z.enum(RESPONSES, { error: "meeting.response.invalid" }),
});

export const meetingEntryInputSchema = z.strictObject({
  kind: z.enum(ENTRY_KINDS, { error: "meeting.entry.kind.invalid" }),
  text: z.string().trim().min(1, { error: "meeting.entry.text.required" }).max(2000, { error: "common.tooLong" }),
  speaker: z.enum(["participant", "specialist", "support_person", "other"], { error: "meeting.entry.speaker.invalid" }).default("participant"),
  supportPersonId: optionalText(100),
  whenText: optionalText(200),
  /** A random key the form makes once; sending the same key twice saves once. */
  clientKey: z.string().trim().min(8, { error: "meeting.entry.clientKey.invalid" }).max(100),
});
export type MeetingEntryInput = z.infer<typeof meetingEntryInputSchema>;

/** The agenda step to show; one past the last step finishes the meeting. */
export const meetingStepSchema = z.strictObject({
  step: z.coerce.number().int().min(0).max(MEETING_STEPS.length),
});

export const meetingSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  scheduledAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string(),
  refreshments: z.string().nullable(),
  seating: z.string().nullable(),
  agenda: z.array(z.string()),
  separatePermission: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  currentStep: z.number().int(),
  heldAt: z.string().nullable(),
  version: z.number().int(),
  /** The calendar SEQUENCE its invitees' files are at: 0 as planned, one more per change. */
  sequence: z.number().int(),
  cancelledAt: z.string().nullable(),
  /** People taken off the list: they may be handed the cancellation for their calendar. */
  removedInvitees: z.array(z.object({ supportPersonId: z.string(), name: z.string(), removedAt: z.string() })),
  /** The consent categories its title, place and agenda disclose; empty until reviewed (then it reaches no one). */
  discloses: z.array(z.enum(CONSENT_CATEGORIES)),
  invitees: z.array(z.object({
    supportPersonId: z.string(), name: z.string(), response: z.enum(RESPONSES), respondedAt: z.string().nullable(),
    /** What the invitee wrote with their answer, on their own page (migration 0012). */
    responseNote: z.string().nullable(),
    /** Noted at the meeting: true came, false did not, null not noted. */
    attended: z.boolean().nullable(),
  })),
  entries: z.array(z.object({
    id: z.string(), kind: z.enum(ENTRY_KINDS), text: z.string(), speaker: z.string(), supportPersonId: z.string().nullable(),
    speakerName: z.string().nullable(), whenText: z.string().nullable(), planItemId: z.string().nullable(), createdAt: z.string(),
    discloses: z.array(z.enum(CONSENT_CATEGORIES)),
    /** A commitment staff set aside: kept, marked dismissed; null while it stands. */
    dismissedAt: z.string().nullable(),
    dismissedReason: z.string().nullable(),
  })),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingSummarySchema = meetingSchema.pick({ id: true, kind: true, title: true, scheduledAt: true, status: true, place: true });

/** Who may be invited now, and who may not and why. */
export const invitableSupportsSchema = z.object({
  invitable: z.array(z.object({ id: z.string(), name: z.string() })),
  notInvitable: z.array(z.object({ id: z.string(), name: z.string(), reason: z.enum(["no_meeting_consent", "do_not_contact", "not_covered", "unreviewed"]) })),
});

/** The agenda a support meeting starts from, in the participant's words later. */
export const DEFAULT_AGENDA_KEYS = MEETING_STEPS.map((s) => `meeting.step.${s}`);

/** Setting a meeting commitment aside: the reason is optional. One schema for the form, the API and OpenAPI. */
export const commitmentDismissSchema = z.strictObject({
  reason: optionalText(500),
});
export type CommitmentDismissInput = z.infer<typeof commitmentDismissSchema>;

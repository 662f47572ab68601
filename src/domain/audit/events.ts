import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { ROLES } from "../auth/permissions.ts";
import { REFERRAL_OUTCOMES, REPORT_METHODS } from "../benefits/records.ts";
import { CONCERN_STATUSES, CONCERN_TYPES } from "../concerns/model.ts";
import { CONSENT_CATEGORIES, SIGNED_METHODS } from "../consent/model.ts";
import { CONTACT_METHODS } from "../contacts/model.ts";
import { JOB_END_REASONS } from "../jobs/model.ts";
import { COACHING_TOPICS } from "../coaching/model.ts";
import { RESOURCE_KINDS } from "../resources/model.ts";
import { ADVOCACY_ENTRIES } from "../advocacy/model.ts";
import { ENTRY_KINDS, MEETING_KINDS, MEETING_STEPS, RESPONSES } from "../meetings/model.ts";
import { MILESTONE_KINDS } from "../milestones/model.ts";
import { RELATIONSHIP_STATUSES, SUPPORT_KINDS } from "../network/vocabulary.ts";
import { NAMED_STRENGTH_DECISIONS } from "../participants/model.ts";
import { PROVIDERS } from "../plans/model.ts";
import { LINK_REFUSALS, LINK_SUBJECT_KINDS } from "../links/model.ts";
import { OWN_RECORD_PAGES, RECORD_COPY_FORMATS } from "../portal/model.ts";
import { PASSWORD_REFUSALS } from "../participant-sign-in/model.ts";
import { MESSAGE_CHANNELS, MESSAGE_KINDS } from "../messages/model.ts";
import { AUDIT_ACTIONS } from "./model.ts";

/**
 * Who an audit row names as having acted. Staff act through their signed-in
 * account; the app itself, a command line or an unknown person signing in go by
 * a label; a support person or the participant (the partner pages) go by the id
 * of their record in this program, with the kind in front so it never reads as
 * a staff account.
 */
export type AuditActor =
  | Actor
  | { userId: null; label: string }
  | { kind: "support_person" | "participant"; id: string; label: string };

export function auditActorColumns(actor: AuditActor): { actor_id: string | null; actor_label: string } {
  if (!("kind" in actor)) return { actor_id: null, actor_label: actor.label };
  switch (actor.kind) {
    case "staff": return { actor_id: actor.userId, actor_label: actor.email };
    case "support_person": return "id" in actor
      ? { actor_id: `support_person:${actor.id}`, actor_label: actor.label }
      : { actor_id: `support_person:${actor.supportPersonId}`, actor_label: actor.name };
    case "participant": return "id" in actor
      ? { actor_id: `participant:${actor.id}`, actor_label: actor.label }
      : { actor_id: `participant:${actor.participantId}`, actor_label: actor.name };
  }
}

const id = z.string().min(1).max(200);
const ids = z.array(id);
const fieldNames = z.array(z.string().min(1).max(100));
const version = z.number().int().min(1);
const count = z.number().int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const category = z.enum(CONSENT_CATEGORIES);
/** An event that says everything in its envelope (who, what, which participant). */
const noDetails = z.strictObject({}).optional();

/**
 * What a piece of the record shown to someone disclosed, and to whom: the
 * participant's "who has seen what" reads these. Staff readers are named too, so
 * a disclosure to the treatment team is traced the same way.
 */
export const disclosureSchema = z.strictObject({
  readerKind: z.enum(["support_person", "participant", "staff"]),
  readerId: id,
  categories: z.array(category),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

const event = <const A extends string, D extends z.ZodType>(action: A, details: D) =>
  z.strictObject({ action: z.literal(action), details });

/**
 * Every kind of audit event and the details it carries. `recordAudit` takes only
 * an event that fits one of these, so a reader of the log (the admin page, the
 * participant's disclosure history) knows each row's shape from its action.
 */
export const auditEventSchema = z.discriminatedUnion("action", [
  event("participant.list", z.strictObject({ search: z.enum(["yes", "no"]), status: z.enum(["active", "archived"]), page: z.number().int().min(1), shown: ids })),
  event("participant.read", noDetails),
  event("participant.create", z.strictObject({ specialistId: id })),
  event("participant.update", z.strictObject({ fields: fieldNames, fromVersion: version })),
  event("participant.archive", noDetails),
  event("participant.restore", noDetails),
  event("participant.move", z.strictObject({ fromSpecialistId: id, toSpecialistId: id, messagesReaddressed: count })),

  event("network.read", noDetails),
  event("support_person.create", z.strictObject({ discoveredFrom: z.string().max(100).nullable(), status: z.enum(RELATIONSHIP_STATUSES) })),
  event("support_person.update", z.strictObject({ fields: fieldNames, status: z.enum(RELATIONSHIP_STATUSES) })),
  event("support_person.end", noDetails),

  event("consent.read", z.strictObject({ supportPersonId: id.nullable(), blankForm: z.literal(true).optional(), categories: z.array(category).readonly().optional() })),
  event("consent.grant", z.strictObject({ supportPersonId: id, categories: z.array(category).min(1), signedMethod: z.enum(SIGNED_METHODS) })),
  event("consent.revoke", z.strictObject({ category: z.union([category, z.literal("whole grant")]), supportPersonId: id })),
  event("consent.renew", z.strictObject({ supportPersonId: id, categories: z.array(category).min(1), signedMethod: z.enum(SIGNED_METHODS), renewsGrantId: id })),
  event("consent.event", z.strictObject({ supportPersonId: id, event: z.string().max(300), occurredOn: z.string().max(10), endedAt: z.string().max(40) })),
  event("document.read", noDetails),

  // A concerns list is read as part of the meetings it came from.
  event("meeting.read", z.strictObject({ concerns: count }).optional()),
  event("meeting.create", z.strictObject({ kind: z.enum(MEETING_KINDS), invitees: ids, discloses: z.array(category).optional() })),
  event("meeting.update", z.union([
    z.strictObject({ step: z.union([z.enum(MEETING_STEPS), z.literal("finished")]) }),
    // Marked with what it tells: from which version, and the calendar sequence it is now at (older rows have neither).
    z.strictObject({ discloses: z.array(category), fromVersion: version.optional(), sequence: count.optional() }),
    // An edit or reschedule: the fields changed, the invitees added and removed, the calendar sequence it is now at.
    z.strictObject({ fields: fieldNames, fromVersion: version, sequence: count, added: ids, removed: ids }),
  ])),
  event("meeting.attendance", z.strictObject({ came: ids })),
  event("meeting.minutes_share", z.strictObject({ disclosure: disclosureSchema })),
  event("meeting.cancel", z.strictObject({ fromVersion: version, sequence: count })),
  event("meeting.respond", z.strictObject({ supportPersonId: id, response: z.enum(RESPONSES) })),
  event("meeting.invitation_send", z.strictObject({ channel: z.string().min(1).max(50), sentTo: ids, refused: ids, disclosure: disclosureSchema.optional() })),
  event("meeting.entry", z.strictObject({ kind: z.enum(ENTRY_KINDS) })),
  // A commitment set aside or brought back: which, and whether a reason was given; never the reason's words.
  event("commitment.dismiss", z.strictObject({ entryId: id, planItemId: id.nullable(), withReason: z.boolean() })),
  event("commitment.restore", z.strictObject({ entryId: id, planItemId: id.nullable() })),
  // A strength named at a meeting kept in or removed from the career profile; its words stay on the meeting's record.
  event("career_strength.review", z.strictObject({ meetingId: id, decision: z.enum(NAMED_STRENGTH_DECISIONS) })),
  event("concern.create", z.strictObject({ type: z.enum(CONCERN_TYPES), meetingId: id.nullable() })),
  event("concern.update", z.strictObject({ status: z.enum(CONCERN_STATUSES) })),
  // Contact notes: who the contact was with and what it touched, never its summary.
  event("contact_note.read", z.strictObject({ notes: count })),
  event("contact_note.create", z.strictObject({ method: z.enum(CONTACT_METHODS), supportPersonIds: ids, discloses: z.array(category) })),
  event("contact_note.update", z.strictObject({ fromVersion: version, supportPersonIds: ids, discloses: z.array(category) })),
  event("contact_note.delete", z.strictObject({ version })),
  // Jobs (issue 15): what kind of job and how it ended, never the employer, title or wage.
  event("job.read", z.strictObject({ jobs: count })),
  event("job.create", z.strictObject({ competitive: z.boolean(), integrated: z.boolean() })),
  event("job.update", z.strictObject({ fromVersion: version })),
  event("job.end", z.strictObject({ fromVersion: version, endReason: z.enum(JOB_END_REASONS), followUpConcernId: id })),
  // Reports and the supervisor's home: the period, the team or specialist chosen and the form; the figures stay out of the log.
  event("report.read", z.strictObject({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), teamId: id.nullable(), specialistId: id.nullable(),
    form: z.enum(["page", "csv", "home", "api"]), specialists: count,
  })),
  // Coaching notes (issue 15): between whom and on what theme, never what was said.
  event("coaching_note.read", z.strictObject({ notes: count })),
  event("coaching_note.create", z.strictObject({ specialistId: id, topic: z.enum(COACHING_TOPICS), followUp: z.boolean() })),
  event("coaching_note.follow_up_done", z.strictObject({ specialistId: id, fromVersion: version })),
  // The resource directory, and a resource offered to someone: an offer to a support person is a disclosure.
  event("resource.create", z.strictObject({ kind: z.enum(RESOURCE_KINDS), category: category.nullable() })),
  event("resource.update", z.strictObject({ fromVersion: version, fields: fieldNames, retired: z.boolean() })),
  event("resource.offer", z.strictObject({ resourceId: id, disclosure: disclosureSchema })),
  event("advocacy.create", z.strictObject({ entry: z.enum(ADVOCACY_ENTRIES) })),
  // Families connecting (decision 0044): agreeing and withdrawing, by the person or recorded by staff; an
  // introduction gives one support person's name (and what they chose to share) to a support person of
  // another participant, so it is recorded as a disclosure on the participant whose supporter was named.
  event("family.agree", z.strictObject({ subject: z.enum(["participant", "support_person"]), supportPersonId: id.nullable(), sharePhone: z.boolean(), shareEmail: z.boolean() })),
  event("family.withdraw", z.strictObject({ subject: z.enum(["participant", "support_person"]), supportPersonId: id.nullable(), introductionsEnded: count })),
  event("family.introduce", z.strictObject({ introductionId: id, supportPersonId: id, shared: z.array(z.enum(["name", "phone", "email"])), disclosure: disclosureSchema })),

  event("plan.read", z.union([
    z.strictObject({ history: z.literal(true) }),
    // The take-home copy: the participant's own, or `support:<id>` for one support person's.
    z.strictObject({ takeHome: z.union([z.literal("participant"), z.string().regex(/^support:.+/)]), allowed: z.boolean(), disclosure: disclosureSchema.optional() }),
  ]).optional()),
  event("plan_item.create", z.strictObject({ kind: z.enum(SUPPORT_KINDS), provider: z.enum(PROVIDERS), sourceEntryId: id.nullable() })),
  event("plan_item.update", z.strictObject({ fields: fieldNames })),

  event("milestone.create", z.strictObject({ kind: z.enum(MILESTONE_KINDS), discloses: z.array(category).optional(), disclosure: disclosureSchema.optional() })),
  event("milestone.share", z.strictObject({ disclosure: disclosureSchema })),
  event("milestone.read", noDetails),
  event("encouragement.create", noDetails),

  // A shared estimate, opened again: whether its support person may still see it.
  event("benefits.read", z.strictObject({ copyFor: id, allowed: z.boolean(), disclosure: disclosureSchema.optional() }).optional()),
  event("benefits.reminders", z.strictObject({ shown: ids })),
  // Version 0 is the profile before its first save.
  event("benefits_profile.update", z.strictObject({ fields: fieldNames, fromVersion: z.number().int().min(0) })),
  event("benefits_referral.create", z.strictObject({ outcome: z.enum(REFERRAL_OUTCOMES) })),
  event("benefits_referral.update", z.strictObject({ fields: fieldNames, outcome: z.enum(REFERRAL_OUTCOMES) })),
  event("pay_stub.create", z.strictObject({ payDate: day })),
  event("pay_stub.void", z.strictObject({ reason: z.string().min(1).max(500) })),
  event("earnings_report.create", z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), method: z.enum(REPORT_METHODS) })),
  event("benefits_estimate.share", z.strictObject({ supportPersonId: id, year: z.number().int(), scenarios: count, disclosure: disclosureSchema.optional() })),
  event("message_preferences.update", z.strictObject({ personKind: z.enum(["support_person", "participant"]), fields: fieldNames })),
  event("text.opt_out", z.strictObject({ keyword: z.string().regex(/^[A-Z]{1,12}$/), personKind: z.enum(["support_person", "participant"]).nullable() })),
  event("text.opt_in", z.strictObject({ keyword: z.string().regex(/^[A-Z]{1,12}$/), personKind: z.enum(["support_person", "participant"]).nullable() })),
  event("text.reply_refused", z.strictObject({ reason: z.enum(["signature"]) })),
  event("program.update", z.strictObject({ fields: fieldNames, logo: z.enum(["kept", "replaced", "removed"]), fromVersion: z.number().int().min(0) })),

  // The specialist's day (issue 14 §1): which participants the home page or the calendar named, never what it said.
  event("day.home", z.strictObject({ view: z.enum(["caseload", "summary"]), shown: ids })),
  event("calendar.read", z.strictObject({ view: z.enum(["week", "month"]), from: day, to: day, shown: ids })),
  event("calendar_feed.issue", z.strictObject({ replaced: count })),
  event("calendar_feed.revoke", z.strictObject({ revoked: count })),
  // A calendar app fetching the feed: how many meetings went out, and for whom.
  event("calendar_feed.fetch", z.strictObject({ feedId: id, meetings: count, shown: ids })),
  // An export discloses many records at once: who is in it is kept (to account for each record's disclosures), never what it said.
  event("caseload.export", z.strictObject({
    form: z.enum(["page", "api", "cli"]), search: z.enum(["yes", "no"]), status: z.enum(["active", "archived"]), rows: count, exported: ids,
  })),
  event("caseload.import", z.strictObject({
    dryRun: z.boolean(), lines: count, created: count, updated: count, unchanged: count, supportAdded: count, supportUpdated: count,
  })),
  event("benefit_year.create", z.strictObject({ year: z.number().int(), replaced: z.boolean(), unverified: fieldNames })),

  // Rows from before two-factor (migration 0010) have no details.
  event("user.sign_in", z.strictObject({ secondFactor: z.enum(["none", "totp", "recovery_code"]), failedAttemptsBefore: count }).optional()),
  // Personal links (decision 0022): the token itself is never in a row.
  event("link.issue", z.strictObject({
    subjectKind: z.enum(LINK_SUBJECT_KINDS), supportPersonId: id.nullable(), expiresAt: z.iso.datetime(), replaced: count,
    // How the link went to its holder (decision 0032): null when printed or read out. Absent on rows from before.
    sentBy: z.enum(MESSAGE_CHANNELS).nullable().optional(),
  })),
  event("link.revoke", z.strictObject({ subjectKind: z.enum(LINK_SUBJECT_KINDS), supportPersonId: id.nullable(), by: z.enum(["staff", "participant"]), ended: count })),
  event("link.open", z.strictObject({ subjectKind: z.enum(LINK_SUBJECT_KINDS), subjectId: id })),
  event("link.refused", z.strictObject({ subjectKind: z.enum(LINK_SUBJECT_KINDS), reason: z.enum(LINK_REFUSALS) })),
  event("link.sign_out", noDetails),
  // A participant's own password (decision 0031): never the password, never which half of a failed sign-in was wrong.
  event("participant_password.set", z.strictObject({ changed: z.boolean(), sessionsEnded: count })),
  event("participant_password.remove", z.strictObject({ sessionsEnded: count })),
  event("participant_password.sign_in", noDetails),
  event("participant_password.sign_in_failed", z.strictObject({ reason: z.enum(["wrong_email_or_password", ...PASSWORD_REFUSALS]) })),

  // The support person's own page: every view and action is a disclosure to them,
  // naming the categories of what the page showed (the participant's "who has seen what").
  event("support_page.read", z.strictObject({
    disclosure: disclosureSchema,
    // schoolGoal is absent from rows written before the page showed it.
    shown: z.strictObject({ workGoal: z.boolean(), schoolGoal: z.boolean().optional(), meetings: ids, commitments: ids, wins: ids, helpRequests: ids }),
  })),
  event("support_page.respond", z.strictObject({ meetingId: id, response: z.enum(RESPONSES), disclosure: disclosureSchema })),
  event("support_page.commitment", z.strictObject({ planItemId: id, report: z.enum(["done", "cant_this_week"]), disclosure: disclosureSchema })),
  event("support_page.encourage", z.strictObject({ disclosure: disclosureSchema })),
  event("support_page.claim", z.strictObject({ helpRequestId: id, planItemId: id, disclosure: disclosureSchema })),
  event("support_page.contact", z.strictObject({ fields: fieldNames, disclosure: disclosureSchema })),
  event("support_page.step_out", z.strictObject({ disclosure: disclosureSchema })),
  event("help_request.create", z.strictObject({ kind: z.enum(SUPPORT_KINDS), neededOn: day, discloses: z.array(category) })),
  event("help_request.cancel", noDetails),
  // Marked done by the specialist or the participant; the plan item the claim made is done with it.
  event("help_request.done", z.strictObject({ planItemId: id.nullable() })),
  event("help_request.read", noDetails),
  // The specialist reads what support persons did on their own pages (the API's partner actions).
  event("partner_actions.read", noDetails),

  // Messages (decision 0025): a message sent is a disclosure to its reader of the categories it carried;
  // one withheld at sending says why; an administrator's retry and the queue page are staff actions.
  event("message.send", z.strictObject({ messageId: id, kind: z.enum(MESSAGE_KINDS), channel: z.enum(MESSAGE_CHANNELS), provider: z.string().min(1).max(100), disclosure: disclosureSchema })),
  event("message.withhold", z.strictObject({ messageId: id, kind: z.enum(MESSAGE_KINDS), channel: z.enum(MESSAGE_CHANNELS), reason: z.enum(["no_consent", "opted_out"]) })),
  event("message.retry", z.strictObject({ messageId: id })),
  event("message.opt_out", z.strictObject({ readerKind: z.enum(["participant", "support_person", "staff"]), channel: z.enum(MESSAGE_CHANNELS) })),
  event("message.read_queue", z.strictObject({ view: z.string().min(1).max(50), shown: count })),

  // The participant's own pages: which page they read, and the copy of their record they took (HIPAA right of access).
  event("own_record.read", z.strictObject({ page: z.enum(OWN_RECORD_PAGES) })),
  event("own_record.export", z.strictObject({ format: z.enum(RECORD_COPY_FORMATS) })),
  // The record sent to the program's own health record as FHIR (decision 0043): a disclosure of the categories it
  // carried; what it left out, and the Part 2 consent the staff member recorded with it, if any.
  event("fhir.export", z.strictObject({
    resources: count, categories: z.array(category),
    leftOut: z.strictObject({ part2: count, unreviewed: count }), part2ConsentSignedOn: day.nullable(),
  })),
  // Someone the participant would like to add; the name stays in its row, not in the log.
  event("support_suggestion.create", noDetails),
  event("support_suggestion.follow_up", noDetails),

  event("user.sign_in_failed", noDetails),
  event("user.sign_out", noDetails),
  event("user.sign_out_all", noDetails),
  event("user.invite", z.strictObject({ email: z.string().min(1).max(254), role: z.enum(ROLES), teamId: id.nullable(), expiresAt: z.string().min(1) })),
  // The role as the invitation row stored it.
  event("user.accept_invitation", z.strictObject({ invitationId: id, role: z.string().min(1), teamId: id.nullable() })),
  event("user.create", z.strictObject({ email: z.string().min(1).max(254), role: z.enum(ROLES), teamId: id.nullable() })),
  event("user.change_role", z.strictObject({
    from: z.strictObject({ role: z.string().min(1), teamId: id.nullable() }),
    to: z.strictObject({ role: z.enum(ROLES), teamId: id.nullable() }),
    fromVersion: version,
  })),
  // A staff member's own interface language (locale codes as stored).
  event("user.change_phone", z.strictObject({ cleared: z.boolean() })),
  event("user.change_language", z.strictObject({ from: z.string().min(2).max(20), to: z.string().min(2).max(20) })),
  // Changing a password ends the person's other sessions; a reset (link or command line) ends all, and
  // turns two-factor off when it cannot be carried over (the secret is sealed with the old password).
  event("user.change_password", z.strictObject({ sessionsEnded: count, twoFactorOff: z.boolean() })),
  event("user.password_reset_issue", z.strictObject({ expiresAt: z.iso.datetime(), voided: count })),
  event("user.password_reset_use", z.strictObject({ resetId: id, sessionsEnded: count, twoFactorOff: z.boolean() })),
  event("user.two_factor_enable", z.strictObject({ recoveryCodes: count })),
  event("user.two_factor_disable", noDetails),
  event("user.deactivate", z.strictObject({ sessionsEnded: count, tokensRevoked: count, fromVersion: version })),
  event("user.reactivate", z.strictObject({ fromVersion: version })),
  event("token.create", z.strictObject({ name: z.string().min(1).max(200), expiresAt: z.iso.datetime() })),
  event("token.revoke", noDetails),

  event("audit.list", z.strictObject({
    filter: z.strictObject({
      actor: z.string().optional(), action: z.enum(AUDIT_ACTIONS).optional(), participant: z.string().optional(),
      from: z.string().optional(), to: z.string().optional(), page: z.number().int().min(1),
    }),
    shown: count,
  })),
  // An attempt the policy refused: answered like "not found", recorded so it leaves a trace.
  event("access.refused", z.strictObject({ action: z.string().min(1).max(100), entityType: z.string().min(1).max(100), reason: z.string().min(1).max(500) })),
  event("data.seed", z.strictObject({ participants: count.optional(), scale: count.optional(), teams: count.optional(), users: count.optional() }).optional()),
  event("data.restore", z.strictObject({ file: z.string().min(1), backupCreatedAt: z.string().min(1), sourceKind: z.string().min(1), rows: count, chainOk: z.boolean() })),
]);

/** One audit event's action and its details, as a caller writes them. */
export type AuditEventBody = z.input<typeof auditEventSchema>;

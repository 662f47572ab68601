import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { auditActorColumns, auditEventSchema, disclosureSchema, type AuditEventBody } from "./events.ts";
import { AUDIT_ACTIONS, type AuditAction } from "./model.ts";

type DetailsOf<A extends AuditAction> = Extract<AuditEventBody, { action: A }>["details"];

/**
 * For every action: details as the command that records it writes them, and a
 * wrong version of them with the reason it is wrong. The mapped type makes a
 * new action fail to compile here until it has its example.
 */
const EXAMPLES: { [A in AuditAction]: { real: DetailsOf<A>; wrong: unknown; because: string } } = {
  "participant.list": { real: { search: "no", status: "active", page: 1, shown: ["p-1", "p-2"] }, wrong: { search: "Quinn", status: "active", page: 1, shown: [] }, because: "the search text itself is never logged, only whether there was one" },
  "participant.read": { real: undefined, wrong: { workGoal: "Baker" }, because: "a read carries no record content" },
  "participant.create": { real: { specialistId: "u-1" }, wrong: {}, because: "the caseload it went to is required" },
  "participant.update": { real: { fields: ["workGoal"], fromVersion: 1 }, wrong: { fields: ["workGoal"], fromVersion: 0 }, because: "versions start at 1" },
  "participant.archive": { real: undefined, wrong: { reason: "moved away" }, because: "archiving has no details" },
  "participant.restore": { real: {}, wrong: { fields: [] }, because: "restoring has no details" },
  "participant.move": { real: { fromSpecialistId: "u-1", toSpecialistId: "u-2", messagesReaddressed: 0 }, wrong: { fromSpecialistId: "u-1", toSpecialistId: "u-2" }, because: "a move says how many waiting messages followed it" },
  "network.read": { real: undefined, wrong: { names: ["Maria"] }, because: "a read carries no names" },
  "support_person.create": { real: { discoveredFrom: "network.discovery.wakeUp", status: "supportive" }, wrong: { discoveredFrom: null, status: "friendly" }, because: "the status is one of the relationship statuses" },
  "support_person.update": { real: { fields: ["phone"], status: "do_not_contact" }, wrong: { fields: "phone", status: "supportive" }, because: "fields is a list" },
  "support_person.end": { real: undefined, wrong: { reason: "passed away" }, because: "the reason stays on the record, not in the log" },
  "consent.read": { real: { supportPersonId: "s-1", blankForm: true, categories: ["job_details"] }, wrong: { supportPersonId: "s-1", categories: ["everything"] }, because: "categories are the consent categories" },
  "consent.grant": { real: { supportPersonId: "s-1", categories: ["employment_goals", "work_schedule"], signedMethod: "paper" }, wrong: { supportPersonId: "s-1", categories: [], signedMethod: "paper" }, because: "a grant covers at least one category" },
  "consent.revoke": { real: { category: "whole grant", supportPersonId: "s-1" }, wrong: { category: "all", supportPersonId: "s-1" }, because: "a revocation names one category or the whole grant" },
  "consent.renew": { real: { supportPersonId: "s-1", categories: ["employment_goals"], signedMethod: "in_app", renewsGrantId: "g-1" }, wrong: { supportPersonId: "s-1", categories: ["employment_goals"], signedMethod: "in_app" }, because: "a renewal names the grant it follows" },
  "consent.event": { real: { supportPersonId: "s-1", event: "when the job search ends", occurredOn: "2026-05-01", endedAt: "2026-05-02T00:00:00.000Z" }, wrong: { supportPersonId: "s-1", event: "when the job search ends" }, because: "the day it happened and when the grant ended are required" },
  "document.read": { real: undefined, wrong: { filename: "consent.pdf" }, because: "a read carries no file name" },
  "milestone.share": { real: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["job_details"] } }, wrong: {}, because: "a share names its reader and what reached them" },
  "meeting.read": { real: { concerns: 2 }, wrong: { concerns: -1 }, because: "a count is never negative" },
  "meeting.create": { real: { kind: "support", invitees: ["s-1", "s-2"] }, wrong: { kind: "party", invitees: [] }, because: "the kind is one of the meeting kinds" },
  "meeting.update": { real: { step: "finished" }, wrong: { step: 3 }, because: "the step is named, not numbered" },
  "meeting.cancel": { real: { fromVersion: 3, sequence: 2 }, wrong: { fromVersion: 3, sequence: 2, reason: "Rosa is sick" }, because: "why a meeting was called off is not kept in the log" },
  "meeting.attendance": { real: { came: ["s-1"] }, wrong: { came: "s-1" }, because: "who came is a list of ids" },
  "meeting.minutes_share": {
    real: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["employment_goals"] } },
    wrong: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["diagnosis"] } },
    because: "a copy of the minutes names the consent categories it disclosed",
  },
  "meeting.respond": { real: { supportPersonId: "s-1", response: "yes" }, wrong: { supportPersonId: "s-1", response: "sure" }, because: "a response is one of the invitation responses" },
  "meeting.invitation_send": {
    real: { channel: "calendar", sentTo: ["s-1"], refused: ["s-2"], disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["employment_goals"] } },
    wrong: { channel: "calendar", sentTo: ["s-1"], refused: [], disclosure: { readerKind: "neighbour", readerId: "s-1", categories: [] } },
    because: "a reader is a support person, the participant or staff",
  },
  "career_strength.review": { real: { meetingId: "m-1", decision: "removed" }, wrong: { meetingId: "m-1", decision: "removed", text: "Always on time" }, because: "the strength's words stay on the meeting's record" },
  "meeting.entry": { real: { kind: "commitment" }, wrong: { kind: "commitment", text: "Ride on Mondays" }, because: "the entry's text stays on the record" },
  "commitment.dismiss": { real: { entryId: "e-1", planItemId: null, withReason: true }, wrong: { entryId: "e-1", planItemId: null, withReason: true, reason: "He moved away" }, because: "the reason's words stay on the record" },
  "commitment.restore": { real: { entryId: "e-1", planItemId: "i-1" }, wrong: { entryId: "" , planItemId: null }, because: "the entry is named" },
  "concern.create": { real: { type: "transport", meetingId: null }, wrong: { type: "transport" }, because: "the meeting is named, or null" },
  "concern.update": { real: { status: "resolved" }, wrong: { status: "closed" }, because: "the status is one of the concern statuses" },
  "contact_note.read": { real: { notes: 4 }, wrong: { notes: 4, summaries: ["Called Maria"] }, because: "a read carries no note content" },
  "contact_note.create": { real: { method: "phone", supportPersonIds: ["s-1"], discloses: ["job_details"] }, wrong: { method: "fax", supportPersonIds: [], discloses: [] }, because: "the method is one of the contact methods" },
  "contact_note.update": { real: { fromVersion: 1, supportPersonIds: [], discloses: [] }, wrong: { fromVersion: 1, supportPersonIds: [], discloses: [], summary: "Met at the café" }, because: "the summary stays on the record, not in the log" },
  "contact_note.delete": { real: { version: 2 }, wrong: { version: 0 }, because: "versions start at 1" },
  "job.read": { real: { jobs: 2 }, wrong: { jobs: 2, employers: ["Hardware store"] }, because: "a read carries no employer" },
  "job.create": { real: { competitive: true, integrated: true }, wrong: { competitive: true, integrated: true, wageCents: 1500 }, because: "the wage stays on the record" },
  "job.update": { real: { fromVersion: 1 }, wrong: { fromVersion: 0 }, because: "versions start at 1" },
  "job.end": { real: { fromVersion: 2, endReason: "laid_off", followUpConcernId: "c-1" }, wrong: { fromVersion: 2, endReason: "sacked", followUpConcernId: "c-1" }, because: "the reason is one of the end reasons" },
  "report.read": { real: { from: "2026-01-01", to: "2026-03-31", teamId: "t-1", specialistId: null, form: "csv", specialists: 3 }, wrong: { from: "2026-01-01", to: "2026-03-31", teamId: "t-1", specialistId: null, form: "csv", specialists: 3, jobStarts: 4 }, because: "the figures stay out of the log" },
  "coaching_note.read": { real: { notes: 3 }, wrong: { notes: 3, topics: ["conflict"] }, because: "a read carries no note content" },
  "coaching_note.create": { real: { specialistId: "u-1", topic: "role_play", followUp: true }, wrong: { specialistId: "u-1", topic: "role_play", followUp: true, note: "Practised asking about family" }, because: "what was said in coaching stays on the note, not in the log" },
  "coaching_note.follow_up_done": { real: { specialistId: "u-1", fromVersion: 1 }, wrong: { specialistId: "u-1", fromVersion: 0 }, because: "versions start at 1" },
  "resource.create": { real: { kind: "family_group", category: null }, wrong: { kind: "family_group", category: "diagnosis" }, because: "the category is a consent category or none" },
  "resource.update": { real: { fromVersion: 1, fields: ["contact"], retired: false }, wrong: { fromVersion: 1, fields: "contact", retired: false }, because: "fields is a list" },
  "resource.offer": { real: { resourceId: "r-1", disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["substance_use_treatment"] } }, wrong: { resourceId: "r-1" }, because: "an offer names whom it reached and what it revealed" },
  "advocacy.create": { real: { entry: "speaker" }, wrong: { entry: "speaker", name: "Rosa" }, because: "names stay on the log page, not in the audit details" },
  "family.agree": { real: { subject: "support_person", supportPersonId: "s-1", sharePhone: true, shareEmail: false }, wrong: { subject: "support_person", supportPersonId: "s-1", sharePhone: true, shareEmail: false, phone: "555-0100" }, because: "what is shared is said by yes or no, never the number itself" },
  "family.withdraw": { real: { subject: "participant", supportPersonId: null, introductionsEnded: 1 }, wrong: { subject: "family", supportPersonId: null, introductionsEnded: 1 }, because: "the one withdrawing is the participant or a support person" },
  "family.introduce": { real: { introductionId: "i-1", supportPersonId: "s-1", shared: ["name", "phone"], disclosure: { readerKind: "support_person", readerId: "s-9", categories: [] } }, wrong: { introductionId: "i-1", supportPersonId: "s-1", shared: ["name"] }, because: "an introduction names whom the supporter's details reached" },
  "plan.read": {
    real: { takeHome: "support:s-1", allowed: true, disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["work_schedule"] } },
    wrong: { takeHome: "sponsor", allowed: true },
    because: "a take-home copy is the participant's or support:<id>",
  },
  "plan_item.create": { real: { kind: "rides", provider: "support_person", sourceEntryId: null }, wrong: { kind: "rides", provider: "uncle", sourceEntryId: null }, because: "the provider is one of the providers" },
  "plan_item.update": { real: { fields: ["status", "notes"] }, wrong: { fields: [""] }, because: "a field has a name" },
  "milestone.create": {
    real: { kind: "job_offer", disclosure: { readerKind: "support_person", readerId: "s-3", categories: ["job_details"] } },
    wrong: { kind: "promotion" },
    because: "the kind is one of the milestone kinds",
  },
  "milestone.read": { real: undefined, wrong: { milestones: 3 }, because: "a read has no details" },
  "link.issue": { real: { subjectKind: "support_person", supportPersonId: "s-1", expiresAt: "2026-03-01T00:00:00.000Z", replaced: 1, sentBy: "text" }, wrong: { subjectKind: "support_person", supportPersonId: "s-1", token: "abc", expiresAt: "2026-03-01T00:00:00.000Z", replaced: 0 }, because: "the token itself never goes in the log" },
  "link.revoke": { real: { subjectKind: "support_person", supportPersonId: "s-1", by: "participant", ended: 1 }, wrong: { subjectKind: "support_person", supportPersonId: "s-1", by: "neighbour", ended: 1 }, because: "a link is taken back by staff or the participant" },
  "link.open": { real: { subjectKind: "participant", subjectId: "p-1" }, wrong: { subjectKind: "guest", subjectId: "p-1" }, because: "a link opens a support person's or the participant's page" },
  "link.refused": { real: { subjectKind: "support_person", reason: "no_consent" }, wrong: { subjectKind: "support_person", reason: "tired" }, because: "the reason is one of the link refusals" },
  "participant_password.set": { real: { changed: false, sessionsEnded: 0 }, wrong: { changed: false, sessionsEnded: 0, password: "hunter2hunter2" }, because: "a password is never logged" },
  "participant_password.remove": { real: { sessionsEnded: 1 }, wrong: { sessionsEnded: 1, hash: "$argon2id$" }, because: "not even the hash of a password is logged" },
  "participant_password.sign_in": { real: undefined, wrong: { email: "ana@example.org" }, because: "the row's actor already says who signed in" },
  "participant_password.sign_in_failed": { real: { reason: "option_off" }, wrong: { reason: "wrong_password" }, because: "the log does not say which half of a failed sign-in was wrong" },
  "link.sign_out": { real: undefined, wrong: { linkId: "l-1" }, because: "leaving the page has no details" },
  "support_page.read": {
    real: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["employment_goals"] }, shown: { workGoal: true, meetings: ["m-1"], commitments: [], wins: [], helpRequests: [] } },
    wrong: { shown: { workGoal: true, meetings: [], commitments: [], wins: [], helpRequests: [] } },
    because: "a view of the page is a disclosure and names its reader",
  },
  "support_page.respond": { real: { meetingId: "m-1", response: "maybe", disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, wrong: { meetingId: "m-1", response: "perhaps", disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, because: "the answer is one of the invitation responses" },
  "support_page.commitment": { real: { planItemId: "i-1", report: "cant_this_week", disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["job_details"] } }, wrong: { planItemId: "i-1", report: "later", disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, because: "a report is done or can't this week" },
  "support_page.encourage": { real: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, wrong: { text: "Go Pat!" }, because: "the note's text stays on the record" },
  "support_page.claim": { real: { helpRequestId: "h-1", planItemId: "i-1", disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["job_details"] } }, wrong: { helpRequestId: "h-1", disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, because: "a claim names the plan item it became" },
  "support_page.contact": { real: { fields: ["phone"], disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, wrong: { phone: "555-0100" }, because: "the new number stays on the record" },
  "support_page.step_out": { real: { disclosure: { readerKind: "support_person", readerId: "s-1", categories: [] } }, wrong: { reason: "busy" }, because: "stepping out carries only the disclosure" },
  "help_request.create": { real: { kind: "rides", neededOn: "2026-03-03", discloses: ["job_details"] }, wrong: { kind: "rides", neededOn: "Tuesday", discloses: [] }, because: "the day needed is an ISO date" },
  "help_request.cancel": { real: undefined, wrong: { reason: "x" }, because: "a cancellation has no details" },
  "help_request.done": { real: { planItemId: "i-1" }, wrong: { planItemId: 7 }, because: "the plan item it finished is named by id" },
  "help_request.read": { real: undefined, wrong: { ids: ["h-1"] }, because: "reading the list has no details" },
  "partner_actions.read": { real: undefined, wrong: { shown: 3 }, because: "reading what partners did has no details" },
  "message.send": {
    real: { messageId: "m-1", kind: "meeting_planned", channel: "email", provider: "smtp", disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["employment_goals"] } },
    wrong: { messageId: "m-1", kind: "meeting_planned", channel: "email", provider: "smtp" },
    because: "a message sent is a disclosure and must name its reader and categories",
  },
  "message.withhold": { real: { messageId: "m-1", kind: "win_shared", channel: "text", reason: "no_consent" }, wrong: { messageId: "m-1", kind: "win_shared", channel: "text", reason: "busy" }, because: "a withheld message says one of the known reasons" },
  "message.retry": { real: { messageId: "m-1" }, wrong: {}, because: "a retry names its message" },
  "message.opt_out": { real: { readerKind: "support_person", channel: "email" }, wrong: { readerKind: "support_person", channel: "pigeon" }, because: "an opt-out names a channel the outbox has" },
  "message.read_queue": { real: { view: "failed", shown: 3 }, wrong: { view: "failed" }, because: "the queue page says how many rows it showed" },
  "encouragement.create": { real: undefined, wrong: { text: "So proud of you" }, because: "the note's text stays on the record" },
  "benefits.read": { real: { copyFor: "s-1", allowed: false }, wrong: { copyFor: "s-1" }, because: "whether the copy may still be seen is recorded" },
  "benefits.reminders": { real: { shown: ["p-1"] }, wrong: { shown: "p-1" }, because: "shown is a list" },
  "benefits_profile.update": { real: { fields: ["hasSsi", "ssiMonthly"], fromVersion: 0 }, wrong: { fields: ["ssiMonthly"] }, because: "the version it changed is required" },
  "benefits_referral.create": { real: { outcome: "waiting" }, wrong: { outcome: "pending" }, because: "the outcome is one of the referral outcomes" },
  "benefits_referral.update": { real: { fields: ["outcome"], outcome: "met" }, wrong: { fields: ["outcome"], outcome: "done" }, because: "the outcome is one of the referral outcomes" },
  "pay_stub.create": { real: { payDate: "2026-03-13" }, wrong: { payDate: "March 13" }, because: "the pay date is an ISO date" },
  "pay_stub.void": { real: { reason: "Entered twice" }, wrong: { reason: "" }, because: "voiding says why" },
  "earnings_report.create": { real: { month: "2026-03", method: "mobile_app" }, wrong: { month: "2026-03", method: "fax" }, because: "the method is one of the report methods" },
  "benefits_estimate.share": {
    real: { supportPersonId: "s-1", year: 2026, scenarios: 2, disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["benefits_income"] } },
    wrong: { supportPersonId: "s-1", year: 2026, scenarios: 2, disclosure: { readerKind: "support_person", readerId: "s-1", categories: ["income"] } },
    because: "disclosed categories are consent categories",
  },
  "benefit_year.create": { real: { year: 2027, replaced: false, unverified: ["sga"] }, wrong: { year: "2027", replaced: false, unverified: [] }, because: "the year is a number" },
  "message_preferences.update": { real: { personKind: "support_person", fields: ["channel", "remindMeetings"] }, wrong: { personKind: "support_person", fields: ["channel"], email: "gloria@example.org" }, because: "the new address stays on the record" },
  "text.opt_out": { real: { keyword: "STOP", personKind: "participant" }, wrong: { keyword: "Stop texting me about my appointments", personKind: "participant" }, because: "only the recognised word is kept, never a message" },
  "text.opt_in": { real: { keyword: "START", personKind: null }, wrong: { keyword: "START", personKind: null, from: "+13125550142" }, because: "the number is not written in the log" },
  "text.reply_refused": { real: { reason: "signature" }, wrong: { reason: "signature", body: "STOP" }, because: "a refused request's content is not kept" },
  "program.update": { real: { fields: ["timeZone"], logo: "kept", fromVersion: 0 }, wrong: { fields: ["timeZone"], logo: "new.png", fromVersion: 0 }, because: "the logo is described, never named or stored in the log" },
  "day.home": { real: { view: "caseload", shown: ["p-1"] }, wrong: { view: "caseload", shown: ["p-1"], concerns: ["No bus on Sundays"] }, because: "the home page's audit row names participants, never what it listed about them" },
  "calendar.read": { real: { view: "week", from: "2026-03-09", to: "2026-03-16", shown: ["p-1"] }, wrong: { view: "day", from: "2026-03-09", to: "2026-03-10", shown: [] }, because: "the calendar has a week and a month view only" },
  "calendar_feed.issue": { real: { replaced: 1 }, wrong: { replaced: 1, token: "cal_abc" }, because: "the feed's token is never written to the log" },
  "calendar_feed.revoke": { real: { revoked: 1 }, wrong: { revoked: -1 }, because: "a count is never negative" },
  "caseload.export": { real: { form: "page", search: "no", status: "active", rows: 2, exported: ["p-1", "p-2"] }, wrong: { form: "page", search: "no", status: "active", rows: 1, exported: ["p-1"], names: ["Ana Cruz"] }, because: "an export names who was in it, never what it said about them" },
  "caseload.import": { real: { dryRun: false, lines: 3, created: 2, updated: 1, unchanged: 0, supportAdded: 1, supportUpdated: 0 }, wrong: { dryRun: false, lines: 3, names: ["Ana"] }, because: "an import is counted, never copied into the log" },
  "calendar_feed.fetch": { real: { feedId: "f-1", meetings: 3, shown: ["p-1"] }, wrong: { feedId: "f-1", meetings: 3 }, because: "a fetch names the participants whose meetings went to the calendar app" },
  "user.change_phone": { real: { cleared: false }, wrong: { phone: "555-0100" }, because: "the number itself is not copied into the log" },
  "user.sign_in": { real: { secondFactor: "totp", failedAttemptsBefore: 2 }, wrong: { secondFactor: "totp", failedAttemptsBefore: 0, code: "123456" }, because: "the code typed is never logged" },
  "user.sign_in_failed": { real: undefined, wrong: { tried: "hunter2" }, because: "a failed password is never logged" },
  "user.sign_out": { real: undefined, wrong: { sessions: 1 }, because: "signing out has no details" },
  "user.sign_out_all": { real: undefined, wrong: { sessions: 3 }, because: "signing out everywhere has no details" },
  "user.invite": { real: { email: "new@example.org", role: "specialist", teamId: "t-1", expiresAt: "2026-12-08T10:00:00.000Z" }, wrong: { email: "new@example.org", role: "owner", teamId: null, expiresAt: "2026-12-08T10:00:00.000Z" }, because: "the role is one of the roles" },
  "user.accept_invitation": { real: { invitationId: "i-1", role: "specialist", teamId: "t-1" }, wrong: { invitationId: "i-1", role: "specialist", teamId: "t-1", password: "x" }, because: "the chosen password is never logged" },
  "user.create": { real: { email: "admin@example.org", role: "admin", teamId: null }, wrong: { email: "admin@example.org", role: "admin" }, because: "the team is named, or null" },
  "user.change_role": {
    real: { from: { role: "specialist", teamId: "t-1" }, to: { role: "supervisor", teamId: "t-1" }, fromVersion: 2 },
    wrong: { from: "specialist", to: "supervisor", fromVersion: 2 },
    because: "each side names a role and a team",
  },
  "user.change_language": { real: { from: "en", to: "es" }, wrong: { to: "es" }, because: "the change names both languages" },
  "user.change_password": { real: { sessionsEnded: 2, twoFactorOff: false }, wrong: { sessionsEnded: 2, twoFactorOff: false, password: "new one" }, because: "a password is never logged" },
  "user.password_reset_issue": { real: { expiresAt: "2026-12-02T10:00:00.000Z", voided: 1 }, wrong: { expiresAt: "2026-12-02T10:00:00.000Z", voided: 0, link: "/password-reset/abc" }, because: "the link's secret is never logged" },
  "user.password_reset_use": { real: { resetId: "r-1", sessionsEnded: 3, twoFactorOff: true }, wrong: { sessionsEnded: 3, twoFactorOff: true }, because: "the use names the link it spent" },
  "user.two_factor_enable": { real: { recoveryCodes: 10 }, wrong: { recoveryCodes: 10, secret: "JBSWY3DPEHPK3PXP" }, because: "the secret is never logged" },
  "user.two_factor_disable": { real: undefined, wrong: { code: "123456" }, because: "turning two-factor off has no details" },
  "user.deactivate": { real: { sessionsEnded: 2, tokensRevoked: 1, fromVersion: 4 }, wrong: { sessionsEnded: 1.5, tokensRevoked: 0, fromVersion: 4 }, because: "sessions are counted whole" },
  "user.reactivate": { real: { fromVersion: 5 }, wrong: undefined, because: "the version it changed is required" },
  "token.create": { real: { name: "Reporting script", expiresAt: "2027-03-01T10:00:00.000Z" }, wrong: { name: "Reporting script", expiresAt: "2027-03-01T10:00:00.000Z", token: "allies_abc" }, because: "a token's secret is never logged" },
  "own_record.read": { real: { page: "privacy" }, wrong: { page: "everything" }, because: "the page is one of the participant's own pages" },
  "own_record.export": { real: { format: "json" }, wrong: { format: "docx" }, because: "the copy is a PDF or JSON" },
  "fhir.export": {
    real: { resources: 6, categories: ["employment_goals"], leftOut: { part2: 1, unreviewed: 0 }, part2ConsentSignedOn: null },
    wrong: { resources: 6, categories: ["employment_goals"] },
    because: "an export to the health record says what it left out and on which Part 2 consent it relied",
  },
  "support_suggestion.create": { real: undefined, wrong: { name: "Aunt Rosa" }, because: "the name stays in its row, not in the log" },
  "support_suggestion.follow_up": { real: undefined, wrong: { note: "called her" }, because: "following up has no details" },
  "token.revoke": { real: undefined, wrong: { name: "x" }, because: "revoking has no details" },
  "audit.list": { real: { filter: { action: "participant.read", actor: "sup1", page: 1 }, shown: 12 }, wrong: { filter: { action: "participant.delete", page: 1 }, shown: 0 }, because: "a filter names a real action" },
  "access.refused": { real: { action: "read", entityType: "participant", reason: "not on the actor's caseload or team" }, wrong: { action: "read", entityType: "participant" }, because: "a refusal says why" },
  "data.seed": { real: { scale: 1000, teams: 10, users: 120 }, wrong: { participants: "many" }, because: "counts are numbers" },
  "data.restore": {
    real: { file: "nightly.allies-backup", backupCreatedAt: "2026-11-30T02:00:00.000Z", sourceKind: "postgres", rows: 52011, chainOk: true },
    wrong: { file: "nightly.allies-backup", backupCreatedAt: "2026-11-30T02:00:00.000Z", sourceKind: "postgres", rows: 52011 },
    because: "whether the restored chain verifies is recorded",
  },
};

describe("audit event schemas", () => {
  it("has one event kind for each action the log can be filtered by, and no other", () => {
    const kinds = auditEventSchema.options.map((option) => option.shape.action.value);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  for (const action of AUDIT_ACTIONS) {
    const example = EXAMPLES[action];
    it(`${action}: accepts what its command writes, refuses details where ${example.because}`, () => {
      expect(auditEventSchema.safeParse({ action, details: example.real }).success).toBe(true);
      expect(auditEventSchema.safeParse({ action, details: example.wrong }).success).toBe(false);
    });
  }

  it("refuses an action that is not in the list", () => {
    expect(auditEventSchema.safeParse({ action: "participant.delete" }).success).toBe(false);
  });

  it("refuses details meant for another action", () => {
    expect(auditEventSchema.safeParse({ action: "participant.update", details: EXAMPLES["consent.grant"].real }).success).toBe(false);
  });

  it("keeps the two shapes of a plan read apart", () => {
    expect(auditEventSchema.safeParse({ action: "plan.read" }).success).toBe(true);
    expect(auditEventSchema.safeParse({ action: "plan.read", details: { history: true } }).success).toBe(true);
    expect(auditEventSchema.safeParse({ action: "plan.read", details: { history: true, takeHome: "participant", allowed: true } }).success).toBe(false);
  });
});

describe("disclosure details", () => {
  it("name the reader and the categories disclosed", () => {
    const disclosure = { readerKind: "participant", readerId: "p-1", categories: ["employment_goals", "substance_use_treatment"] };
    expect(disclosureSchema.parse(disclosure)).toEqual(disclosure);
    expect(disclosureSchema.safeParse({ readerKind: "participant", categories: [] }).success).toBe(false);
  });

  it("may ride on the events that put something in a reader's hands, and only those", () => {
    const disclosure = { readerKind: "staff", readerId: "u-1", categories: ["job_details"] };
    expect(auditEventSchema.safeParse({ action: "milestone.create", details: { kind: "first_day", disclosure } }).success).toBe(true);
    expect(auditEventSchema.safeParse({ action: "participant.read", details: { disclosure } }).success).toBe(false);
  });
});

describe("audit actors", () => {
  const staff: Actor = { kind: "staff", userId: "u-1", email: "spec1@example.org", name: "Spec One", role: "specialist", teamId: "t-1", permissions: [], locale: "en" };

  it("names staff by their account and email", () => {
    expect(auditActorColumns(staff)).toEqual({ actor_id: "u-1", actor_label: "spec1@example.org" });
  });

  it("names the app or a command line by its label alone", () => {
    expect(auditActorColumns({ userId: null, label: "allies create-user" })).toEqual({ actor_id: null, actor_label: "allies create-user" });
  });

  it("names a support person or the participant by their record, never as a staff account", () => {
    expect(auditActorColumns({ kind: "support_person", id: "s-1", label: "Maria Lopez" })).toEqual({ actor_id: "support_person:s-1", actor_label: "Maria Lopez" });
    expect(auditActorColumns({ kind: "participant", id: "p-1", label: "Pat Quinn" })).toEqual({ actor_id: "participant:p-1", actor_label: "Pat Quinn" });
  });

  it("names a support person or participant acting for themselves the same way, from their actor", () => {
    expect(auditActorColumns({ kind: "support_person", supportPersonId: "s-1", participantId: "p-1", name: "Maria Lopez", locale: "en" }))
      .toEqual({ actor_id: "support_person:s-1", actor_label: "Maria Lopez" });
    expect(auditActorColumns({ kind: "participant", participantId: "p-1", name: "Pat Quinn", locale: "en" })).toEqual({ actor_id: "participant:p-1", actor_label: "Pat Quinn" });
  });
});

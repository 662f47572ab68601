import { addDemoJobs } from "./demo-jobs.ts";
import type { Db } from "../index.ts";
import type { StaffActor } from "../../domain/auth/actor.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { localeFor } from "../../i18n/index.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import type { AuthorizedParticipant } from "../../domain/access/model.ts";
import { createSupportPerson } from "../../domain/network/network.server.ts";
import { supportPersonInputSchema } from "../../domain/network/model.ts";
import { recordConsentGrant, recordGrantEvent, renewConsentGrant } from "../../domain/consent/consent.server.ts";
import { consentGrantInputSchema, grantEventInputSchema } from "../../domain/consent/model.ts";
import { saveBenefitsProfile, createReferral } from "../../domain/benefits/profile.server.ts";
import { addPayStub } from "../../domain/benefits/earnings.server.ts";
import { benefitsProfileInputSchema, payStubInputSchema, referralInputSchema } from "../../domain/benefits/records.ts";
import {
  addMeetingEntry, cancelMeeting, createMeeting, recordAttendance, recordResponse, setMeetingStep, updateMeeting,
} from "../../domain/meetings/meetings.server.ts";
import { MEETING_STEPS, meetingEntryInputSchema, meetingInputSchema, meetingUpdateSchema } from "../../domain/meetings/model.ts";
import { createPlanItem } from "../../domain/plans/plans.server.ts";
import { createParticipant } from "../../domain/participants/participants.server.ts";
import { participantInputSchema } from "../../domain/participants/model.ts";
import { saveProgramSettings } from "../../domain/program/program.server.ts";
import { changePhone } from "../../domain/users/users.server.ts";
import { programSettingsInputSchema } from "../../domain/program/model.ts";
import { planItemInputSchema } from "../../domain/plans/model.ts";
import { addMilestone } from "../../domain/milestones/milestones.server.ts";
import { milestoneInputSchema } from "../../domain/milestones/model.ts";
import { createConcern } from "../../domain/concerns/concerns.server.ts";
import { concernInputSchema } from "../../domain/concerns/model.ts";
import { authorizeOwnRecord } from "../../domain/portal/access.server.ts";
import { supportSuggestionInputSchema } from "../../domain/portal/model.ts";
import { suggestSupport, withdrawMyConsent } from "../../domain/portal/privacy.server.ts";
import { issuePersonalLink } from "../../domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../domain/links/model.ts";
import { setOwnPassword } from "../../domain/participant-sign-in/passwords.server.ts";
import { postHelpRequest } from "../../domain/partners/help-requests.server.ts";
import { helpRequestInputSchema } from "../../domain/partners/model.ts";
import { startPdf, writeText } from "../../pdf/text.server.ts";

/** A day counted from `today`, as "YYYY-MM-DD". */
function day(today: Date, offsetDays: number): string {
  return new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `offset` months from today's, as "YYYY-MM-DD". */
function monthStart(today: Date, offset: number): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
}

export async function actorFor(db: Db, email: string): Promise<StaffActor> {
  const user = await db.selectFrom("users").select(["id", "email", "name", "role", "team_id", "locale"]).where("email", "=", email).executeTakeFirstOrThrow();
  const permissions = await db.selectFrom("role_permissions").select("permission").where("role", "=", user.role).execute();
  return { kind: "staff", userId: user.id, email: user.email, name: user.name, role: user.role as StaffActor["role"], teamId: user.team_id, permissions: permissions.map((p) => p.permission), locale: localeFor(user.locale) };
}

export function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo data: could not add ${what}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * A few worked examples on the demo specialist's caseload, so the app shows what
 * it is for from the first sign-in: a support network with consents, a meeting
 * coming up, a job support plan, a concern, wins, and SSI and SSDI earnings to
 * report. Written through the domain commands, so every record is valid and
 * audited as if the specialist had entered it; dates count from today, so the
 * consents are current and the reminders due whenever the demo is started.
 */
/** The demo participant who signs in with a password (README, demo sign-ins). */
export const DEMO_PARTICIPANT_EMAIL = "participant@example.org";
export const DEMO_PARTICIPANT_PASSWORD = "allies-demo-me";

/** What the demo prints at start: the paths of a support person's and a participant's live personal links. */
export interface DemoStories { supportLinkPath: string | null; participantLinkPath?: string | null }

export async function addDemoStories(db: Db, today = new Date()): Promise<DemoStories> {
  const admin = await actorFor(db, "admin@example.org");
  must(await saveProgramSettings(db, admin, programSettingsInputSchema.parse({
    name: "Eastside Supported Employment", address: "200 River Street, Suite 3\nSpringfield, IL 62701", phone: "555-0110",
    timeZone: "America/Chicago", participantPasswords: true, version: 0,
  }), null, systemMeta), "the program settings");
  const sam = await actorFor(db, "specialist@example.org");
  // Printed on invitations and shown on a support person's page as the way to reach the specialist.
  await changePhone(db, sam, { phone: "555-0112" }, systemMeta);
  const caseload = await db.selectFrom("participants").select(["id", "first_name", "last_name"])
    .where("specialist_id", "=", sam.userId).where("status", "=", "active")
    .orderBy("last_name").orderBy("first_name").orderBy("id").limit(3).execute();
  const [first, second, third] = caseload;
  if (!first || !second || !third) return { supportLinkPath: null };
  const meta = systemMeta;
  const authorized = async (participantId: string): Promise<AuthorizedParticipant> => {
    const access = await authorizeParticipant(db, sam, participantId, "update", meta);
    if (!access) throw new Error(`The demo specialist cannot work with participant ${participantId}`);
    return access;
  };
  const [firstAccess, secondAccess, thirdAccess] = [await authorized(first.id), await authorized(second.id), await authorized(third.id)];
  const person = async (access: AuthorizedParticipant, input: Record<string, unknown>) =>
    must(await createSupportPerson(db, access, supportPersonInputSchema.parse(input), meta), "a support person").person;
  const grant = async (access: AuthorizedParticipant, supportPersonId: string, categories: string[], signer: string, involvement: { meetings: boolean; plan: boolean }) =>
    must(await recordConsentGrant(db, access, consentGrantInputSchema.parse({
      supportPersonId, categories, purpose: "To help me find a job and keep it.",
      mayAttendMeetings: involvement.meetings, mayReceivePlan: involvement.plan, mayBeContacted: true,
      startsOn: day(today, -30), expiresOn: day(today, 335), signedMethod: "in_app", signatureName: signer, signedOn: day(today, -30), participantConfirmed: true,
    }), null, meta), "a consent grant");

  // 1. On SSI, working a few hours: a close family, a meeting next week, a plan, pay to report.
  const name1 = `${first.first_name} ${first.last_name}`;
  const mom = await person(firstAccess, {
    name: "Gloria Reyes", relationshipKind: "relative", relationshipOther: null, closeness: "inner", status: "supportive",
    phone: "555-0141", preferredChannel: "phone", helpKinds: ["rides", "encouragement", "budgeting"], firstCall: true,
    notes: "Mother. Worries about losing SSI; wants to help with rides.",
  });
  const friend = await person(firstAccess, {
    name: "Tasha Green", relationshipKind: "friend", closeness: "friends", status: "supportive",
    phone: "555-0187", preferredChannel: "text", helpKinds: ["wake_up_calls", "after_hard_day"],
  });
  const sponsor = await person(firstAccess, { name: "Walt (AA sponsor)", relationshipKind: "sponsor", closeness: "community", status: "supportive", preferredChannel: "in_person", helpKinds: ["encouragement"] });
  await person(firstAccess, { name: "Uncle Ray", relationshipKind: "relative", closeness: "friends", status: "lost_touch", notes: "Used to fix cars together. Maybe reach out later." });
  await grant(firstAccess, mom.id, ["employment_goals", "job_details", "work_schedule", "benefits_income"], name1, { meetings: true, plan: true });
  const tashasGrant = await grant(firstAccess, friend.id, ["employment_goals", "work_schedule"], name1, { meetings: true, plan: true });
  // 42 CFR Part 2: substance use treatment needs a consent of its own; Walt's covers only that.
  await grant(firstAccess, sponsor.id, ["substance_use_treatment"], name1, { meetings: true, plan: true });
  // A professional guest: the benefits counselor, recorded with role and organization and a grant of his own
  // (benefits and goals, meetings, no plan copies), so he can come to the meeting about more hours.
  const counselor = await person(firstAccess, {
    name: "Lee Carter", relationshipKind: "benefits_counselor", organization: "Work Incentives Planning and Assistance", closeness: "services",
    status: "supportive", phone: "555-0199", email: "lee.carter@wipa.example.org", preferredChannel: "email",
  });
  await grant(firstAccess, counselor.id, ["employment_goals", "benefits_income"], name1, { meetings: true, plan: false });
  must(await saveBenefitsProfile(db, firstAccess, benefitsProfileInputSchema.parse({
    hasSsi: true, hasMedicaid: true, hasSnap: true, ssiMonthly: "994", version: 0,
  }), meta), "a benefits profile");
  must(await createReferral(db, firstAccess, referralInputSchema.parse({
    referredOn: day(today, -20), counselorName: "Lee Carter, CWIC", organization: "Work Incentives Planning and Assistance", outcome: "waiting",
  }), meta), "a benefits counselor referral");
  const lastMonth = monthStart(today, -1);
  for (const [offset, gross] of [[13, "412.50"], [27, "396.00"]] as const) {
    const payDate = new Date(lastMonth.getTime() + offset * 86_400_000);
    must(await addPayStub(db, firstAccess, payStubInputSchema.parse({
      payDate: day(payDate, 0), periodStart: day(payDate, -16), periodEnd: day(payDate, -3), hours: "30", gross, employer: "Green Leaf Grocery",
    }), meta), "a pay stub");
  }
  must(await createConcern(db, firstAccess, concernInputSchema.parse({
    type: "losing_benefits", description: "Gloria is afraid more hours will stop the SSI check and Medicaid.", raisedBy: "support_person", supportPersonId: mom.id,
    mitigationPlan: "Benefits counselor appointment; show the estimate at 15 and 20 hours.",
  }), meta), "a concern");
  must(await createMeeting(db, firstAccess, meetingInputSchema.parse({
    kind: "support", title: "Planning for more hours", scheduledAt: `${day(today, 7)}T17:30`, durationMinutes: 60,
    // The agenda tells about benefits: Gloria's and the counselor's consents cover them, Tasha's does not, so she is not invited to this one.
    place: "Eastside library, study room 2", inviteeIds: [mom.id, counselor.id], refreshments: "Coffee and cookies", seating: "Round table",
    agenda: ["Welcome and why we are meeting", "What is going well", "Worries about benefits", "Ideas", "Who will do what", "Next steps"],
    discloses: ["employment_goals", "benefits_income"],
  }), meta), "a meeting");
  // Held where the place itself tells about treatment: only the sponsor, whose consent covers it, is invited.
  must(await createMeeting(db, firstAccess, meetingInputSchema.parse({
    kind: "support", title: "Fitting work around treatment", scheduledAt: `${day(today, 10)}T10:00`, durationMinutes: 45,
    place: "Eastside Recovery Center, room B", inviteeIds: [sponsor.id], agenda: ["Treatment times and the shift schedule", "Who to call on a hard day"],
    discloses: ["substance_use_treatment"], confirmSubstanceUse: true,
  }), meta), "a meeting");
  // A meeting held last week, with who came and what was said: its minutes, and a copy for each who came.
  const daysAgo = (n: number, hour: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n, hour));
  const held = must(await createMeeting(db, firstAccess, meetingInputSchema.parse({
    kind: "support", title: "First family meeting", scheduledAt: `${day(today, -6)}T17:00`, durationMinutes: 60,
    place: "Eastside library, study room 2", inviteeIds: [mom.id, friend.id], refreshments: "Tea and fruit",
    agenda: ["Welcome", "Strengths", "Worries", "Ideas", "Who will do what", "Next steps"], discloses: ["employment_goals"],
  }), meta, daysAgo(8, 12)), "a meeting").meeting;
  must(await recordResponse(db, firstAccess, held.id, mom.id, "yes", meta), "a reply");
  must(await recordResponse(db, firstAccess, held.id, friend.id, "maybe", meta), "a reply");
  must(await recordAttendance(db, firstAccess, held.id, [mom.id, friend.id], meta), "who came");
  for (const [index, entry] of ([
    { kind: "strength", text: "Never late to anything that matters.", speaker: "support_person", supportPersonId: mom.id },
    { kind: "strength", text: "Good with customers; people remember a friendly face.", speaker: "support_person", supportPersonId: friend.id },
    { kind: "idea", text: "Ask the store for the same shift each week so rides are easy to plan.", speaker: "participant" },
    { kind: "commitment", text: "Text a wake-up reminder on work days.", speaker: "support_person", supportPersonId: friend.id, whenText: "Work days, 6:30 am" },
    { kind: "next_step", text: "Meet the benefits counselor before adding hours.", speaker: "specialist", whenText: "Within two weeks" },
  ] as const).entries()) {
    must(await addMeetingEntry(db, firstAccess, held.id, meetingEntryInputSchema.parse({ ...entry, clientKey: `demo-held-meeting-${index}` }), meta), "a meeting entry");
  }
  must(await createConcern(db, firstAccess, concernInputSchema.parse({
    type: "work_stress", description: "Long shifts felt tiring in the first weeks.", raisedBy: "participant", meetingId: held.id,
    mitigationPlan: "Start with four-hour shifts and check in after two weeks.",
  }), meta), "a concern");
  must(await setMeetingStep(db, firstAccess, held.id, MEETING_STEPS.length, meta, daysAgo(5, 1)), "a finished meeting");
  // Rescheduled once (its calendar files are the update), and one called off (kept, shown as cancelled).
  const moved = must(await createMeeting(db, firstAccess, meetingInputSchema.parse({
    kind: "support", title: "Checking in after two weeks", scheduledAt: `${day(today, 12)}T16:00`, durationMinutes: 45,
    place: "Green Leaf Grocery break room", inviteeIds: [friend.id], agenda: ["How the shifts are going", "Next steps"], discloses: ["employment_goals", "work_schedule"],
  }), meta), "a meeting").meeting;
  must(await updateMeeting(db, firstAccess, moved.id, meetingUpdateSchema.parse({
    kind: "support", title: moved.title, scheduledAt: `${day(today, 14)}T16:30`, durationMinutes: 45, place: moved.place, inviteeIds: [friend.id],
    agenda: moved.agenda, discloses: moved.discloses, version: moved.version,
  }), meta), "a rescheduled meeting");
  const calledOff = must(await createMeeting(db, firstAccess, meetingInputSchema.parse({
    kind: "support", title: "Practice interview", scheduledAt: `${day(today, 3)}T11:00`, durationMinutes: 30,
    place: "The agency, room 4", inviteeIds: [mom.id], agenda: ["Practice questions"], discloses: ["employment_goals"],
  }), meta), "a meeting").meeting;
  must(await cancelMeeting(db, firstAccess, calledOff.id, calledOff.version, meta), "a cancelled meeting");

  for (const item of [
    { kind: "rides", description: "A ride to the Saturday shift", provider: "support_person", supportPersonId: mom.id, frequency: "Saturdays, 7:15 am", status: "active", sharedWithSupports: true, discloses: ["work_schedule"] },
    { kind: "wake_up_calls", description: "A wake-up text on work days", provider: "support_person", supportPersonId: friend.id, frequency: "Work days, 6:30 am", status: "agreed", discloses: ["work_schedule"] },
    { kind: "after_hard_day", description: "Call Tasha after a hard shift", provider: "support_person", supportPersonId: friend.id, frequency: "When needed", status: "agreed", discloses: ["employment_goals"] },
    { kind: "budgeting", description: "Go over each paycheck and the SSI report together", provider: "specialist", frequency: "Every month", status: "active", discloses: ["benefits_income"] },
    // Shared, yet only Walt's copy shows it (with the Part 2 notice): Gloria's and Tasha's consents do not cover substance use treatment.
    {
      kind: "encouragement", description: "A call after the Thursday evening recovery meeting, to talk about the work week", provider: "support_person", supportPersonId: sponsor.id,
      frequency: "Thursdays", status: "agreed", sharedWithSupports: true, discloses: ["substance_use_treatment"], part2Confirmed: true,
    },
  ]) must(await createPlanItem(db, firstAccess, planItemInputSchema.parse(item), meta), "a plan item");
  must(await addMilestone(db, firstAccess, milestoneInputSchema.parse({
    // A first day is job details: Gloria's consent covers them, Tasha's does not.
    kind: "first_day", occurredOn: day(lastMonth, 2), note: "First shift stocking shelves went well.", celebrateWith: [mom.id],
  }), meta), "a milestone");

  // Gloria has her own page: a help request she can claim, and a live link (printed at start).
  must(await postHelpRequest(db, firstAccess, helpRequestInputSchema.parse({
    kind: "rides", description: "A ride to the job fair downtown", neededOn: day(today, 5), neededTime: "09:30", discloses: ["employment_goals"],
  }), meta), "a help request");
  const gloriaLink = await issuePersonalLink(db, firstAccess, { kind: "support_person", participantId: first.id, supportPersonId: mom.id }, meta);
  if (!gloriaLink.ok) throw new Error(`The demo could not make Gloria's link: ${gloriaLink.reason}`);

  // On their own page, the participant took back their work schedule from Tasha (her
  // copy of the plan loses the wake-up texts), and asked to add someone from the gym.
  const own = await authorizeOwnRecord(db, { kind: "participant", participantId: first.id, name: first.first_name, locale: "en" }, meta);
  if (!own) throw new Error("demo data: the participant's own record");
  must(await withdrawMyConsent(db, own, tashasGrant.grant.id, { category: "work_schedule", reason: null }, meta), "a withdrawal");
  must(await suggestSupport(db, own, supportSuggestionInputSchema.parse({
    name: "Coach Dee", howToReach: "At the Eastside gym, mornings", note: "She helped me train for the 5K. I think she would help me keep going.",
  }), meta), "a suggestion");
  // And their own link (7 days, never renewed), printed at start like Gloria's.
  const ownLink = await issuePersonalLink(db, firstAccess, { kind: "participant", participantId: first.id }, meta, PARTICIPANT_LINK_TERMS);
  if (!ownLink.ok) throw new Error(`The demo could not make the participant's link: ${ownLink.reason}`);
  // And a password of their own (decision 0031), to try the participant sign-in page:
  // the email on their record and the password in the README. Demo data only.
  await db.updateTable("participants").set({ email: DEMO_PARTICIPANT_EMAIL }).where("id", "=", first.id).execute();
  must(await setOwnPassword(db, own, "", { password: DEMO_PARTICIPANT_PASSWORD, confirm: DEMO_PARTICIPANT_PASSWORD }, meta), "the participant's password");

  // 2. Back from prison: a roommate who helps, a strained tie with the officer, a sister to reconnect with.
  const name2 = `${second.first_name} ${second.last_name}`;
  const roommate = await person(secondAccess, {
    name: "Jamal Price", relationshipKind: "roommate", closeness: "inner", status: "supportive", phone: "555-0163", preferredChannel: "text",
    helpKinds: ["rides", "clothes"], firstCall: true,
  });
  await person(secondAccess, { name: "Officer Dana Brooks", relationshipKind: "probation_officer", closeness: "services", status: "strained", phone: "555-0100", preferredChannel: "phone" });
  await person(secondAccess, { name: "Keisha (sister)", relationshipKind: "relative", closeness: "friends", status: "wants_to_reconnect", notes: "Has not talked in two years. Wants to try a phone call first." });
  await person(secondAccess, { name: "Marcus", relationshipKind: "street_family", closeness: "community", status: "do_not_contact", notes: "Asked us never to contact him." });
  // A consent that ended on its event (the job search ended), then renewed, signed again, for the job itself.
  const searchOnly = must(await recordConsentGrant(db, secondAccess, consentGrantInputSchema.parse({
    supportPersonId: roommate.id, categories: ["employment_goals"], purpose: "To help me find a job.", mayAttendMeetings: true, mayReceivePlan: false,
    mayBeContacted: true, startsOn: day(today, -60), expiryEvent: "when the job search ends", signedMethod: "in_app", signatureName: name2,
    signedOn: day(today, -60), participantConfirmed: true,
  }), null, meta), "a consent grant").grant;
  must(await recordGrantEvent(db, secondAccess, searchOnly.id, grantEventInputSchema.parse({
    occurredOn: day(today, -10), note: "Hired at Riverside Hardware; the job search is over.",
  }), meta), "a grant's event");
  must(await renewConsentGrant(db, secondAccess, searchOnly.id, consentGrantInputSchema.parse({
    supportPersonId: roommate.id, categories: ["employment_goals", "job_details"], purpose: "To help me keep my new job.", mayAttendMeetings: true,
    mayReceivePlan: false, mayBeContacted: true, startsOn: day(today, -9), expiresOn: day(today, 356), signedMethod: "in_app", signatureName: name2,
    signedOn: day(today, -9), participantConfirmed: true,
  }), null, meta), "a renewed consent grant");
  must(await createConcern(db, secondAccess, concernInputSchema.parse({
    type: "justice_involvement", description: "Worried employers will turn them down because of the record.", raisedBy: "participant",
    mitigationPlan: "Practice how to talk about the record; look for second-chance employers.",
  }), meta), "a concern");
  must(await addMilestone(db, secondAccess, milestoneInputSchema.parse({ kind: "resume_ready", occurredOn: day(today, -5), celebrateWith: [roommate.id] }), meta), "a milestone");

  // 3. On SSDI and working full time: the Trial Work Period counts up from the pay stubs.
  must(await saveBenefitsProfile(db, thirdAccess, benefitsProfileInputSchema.parse({
    hasSsdi: true, hasMedicare: true, ssdiMonthly: "1250", version: 0,
  }), meta), "a benefits profile");
  for (let back = 4; back >= 1; back--) {
    const month = monthStart(today, -back);
    must(await addPayStub(db, thirdAccess, payStubInputSchema.parse({
      payDate: day(month, 27), periodStart: day(month, 0), periodEnd: day(month, 24), hours: "120", gross: "1620.00", employer: "Riverside Hardware",
    }), meta), "a pay stub");
  }

  // 4. Names in three scripts (issue 13): the take-home copy, consent forms and minutes print them as written.
  const khai = must(await createParticipant(db, sam, participantInputSchema.parse({
    firstName: "Minh Khai", lastName: "Nguyễn", workGoal: "Cook in a restaurant kitchen",
  }), meta), "a participant").participant;
  const khaiAccess = await authorized(khai.id);
  const fatima = await person(khaiAccess, {
    name: "فاطمة الزهراء", relationshipKind: "friend", closeness: "inner", status: "supportive", phone: "555-0175", preferredChannel: "phone", helpKinds: ["rides"],
  });
  const xiuying = await person(khaiAccess, {
    name: "王秀英", relationshipKind: "neighbour", closeness: "friends", status: "supportive", preferredChannel: "in_person", helpKinds: ["encouragement"],
  });
  const khaiName = `${khai.firstName} ${khai.lastName}`;
  await grant(khaiAccess, fatima.id, ["employment_goals", "work_schedule"], khaiName, { meetings: true, plan: true });
  // Signed on paper at a home visit: the scan is kept with the grant, as a program would upload it.
  const scan = startPdf({ locale: "en", title: "Consent signed on paper" });
  writeText(scan.doc, `Consent to share employment goals with ${xiuying.name}, signed on paper by ${khaiName}.`);
  scan.doc.end();
  must(await recordConsentGrant(db, khaiAccess, consentGrantInputSchema.parse({
    supportPersonId: xiuying.id, categories: ["employment_goals"], purpose: "To help me find a job and keep it.",
    mayAttendMeetings: false, mayReceivePlan: true, mayBeContacted: true, startsOn: day(today, -30), expiresOn: day(today, 335),
    signedMethod: "paper", signedOn: day(today, -30),
  }), { filename: "consent-signed-on-paper.pdf", contentType: "application/pdf", bytes: await scan.done }, meta), "a consent signed on paper");
  for (const item of [
    { kind: "rides", description: "A ride to the kitchen on early shifts", provider: "support_person", supportPersonId: fatima.id, frequency: "Mondays, 6:30 am", status: "active", sharedWithSupports: true, discloses: ["work_schedule"] },
    { kind: "encouragement", description: "Tea and a talk after the first week", provider: "support_person", supportPersonId: xiuying.id, frequency: "Once", status: "agreed", sharedWithSupports: true, discloses: ["employment_goals"] },
  ]) must(await createPlanItem(db, khaiAccess, planItemInputSchema.parse(item), meta), "a plan item");
  await addDemoJobs(db, day(today, 0));
  return { supportLinkPath: gloriaLink.link.path, participantLinkPath: ownLink.link.path };
}

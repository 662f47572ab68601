import { migrateToLatest, openDatabase, type DbHandle } from "../../src/db/index.ts";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/authenticator.ts";
import { buildParticipant, buildTeam, buildUser } from "../../src/db/seed/factories.ts";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { hashPassword } from "../../src/domain/auth/password.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { Caller } from "./http.ts";
import { consentTerms, day, meetingAt, payPeriod } from "./dates.ts";

export const PASSWORD = "reliability-suite-pass";

/** Who may see the access subject's record, and how each person stands to it. */
export const ROLES = [
  { key: "specialistOwn", label: "specialist, own caseload", allowed: true },
  { key: "specialistSameTeam", label: "specialist, same team, other caseload", allowed: false },
  { key: "specialistOtherTeam", label: "specialist, other team", allowed: false },
  { key: "supervisorOwnTeam", label: "supervisor, own team", allowed: true },
  { key: "supervisorOtherTeam", label: "supervisor, other team", allowed: false },
  { key: "admin", label: "admin", allowed: true },
] as const;
export type RoleKey = (typeof ROLES)[number]["key"];

export interface Person {
  key: RoleKey | "rateLimited";
  id: string;
  email: string;
  teamId: string | null;
  token: string;
}

export interface ReliabilityWorld {
  database: DbHandle;
  people: Record<RoleKey | "rateLimited", Person>;
  /** Participants by whose caseload they are on, for the load's writers. */
  caseloads: Record<RoleKey, string[]>;
  /** A specialist each person may put new participants with. */
  assignTo: Record<RoleKey, string>;
}

/**
 * Two teams, a supervisor and two specialists in the first and one of each in the
 * second, an admin, and a few participants on every specialist's caseload. Built
 * with the same factories as the demo data and the tests.
 */
export async function buildReliabilityWorld(databaseUrl: string): Promise<ReliabilityWorld> {
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const db = database.db;
  const passwordHash = await hashPassword(PASSWORD);
  const team1 = await buildTeam(db, { name: "Riverside" });
  const team2 = await buildTeam(db, { name: "Hillcrest" });
  const users = {
    specialistOwn: await buildUser(db, { role: "specialist", teamId: team1.id, email: "spec1@reliability.test", name: "Spec One", passwordHash }),
    specialistSameTeam: await buildUser(db, { role: "specialist", teamId: team1.id, email: "spec1b@reliability.test", name: "Spec One-B", passwordHash }),
    specialistOtherTeam: await buildUser(db, { role: "specialist", teamId: team2.id, email: "spec2@reliability.test", name: "Spec Two", passwordHash }),
    supervisorOwnTeam: await buildUser(db, { role: "supervisor", teamId: team1.id, email: "sup1@reliability.test", name: "Sue One", passwordHash }),
    supervisorOtherTeam: await buildUser(db, { role: "supervisor", teamId: team2.id, email: "sup2@reliability.test", name: "Sue Two", passwordHash }),
    admin: await buildUser(db, { role: "admin", email: "admin@reliability.test", name: "Ada Admin", passwordHash, twoFactor: { secret: DEMO_TOTP_SECRET, password: PASSWORD } }),
    rateLimited: await buildUser(db, { role: "specialist", teamId: team2.id, email: "locked@reliability.test", name: "Lock Ed", passwordHash }),
  };
  const people = {} as ReliabilityWorld["people"];
  for (const [key, user] of Object.entries(users) as [RoleKey | "rateLimited", (typeof users)["admin"]][]) {
    const actor = await loadActor(db, user.id);
    if (!actor) throw new Error(`no actor for ${user.email}`);
    const { token } = await createApiToken(db, actor, "reliability", systemMeta);
    people[key] = { key, id: user.id, email: user.email, teamId: user.team_id, token };
  }
  const names = [["Pat", "Quinn"], ["Lee", "Morgan"], ["Kim", "Ortiz"], ["Ray", "Cho"], ["Val", "Nunez"], ["Bo", "Ibsen"]];
  const mine: Record<string, string[]> = {};
  for (const key of ["specialistOwn", "specialistSameTeam", "specialistOtherTeam"] as const) {
    mine[key] = [];
    for (const [i, [first, last]] of names.entries()) {
      const row = await buildParticipant(db, users[key].id, { firstName: first!, lastName: `${last}-${key.slice(10, 14)}${i}` });
      mine[key].push(row.id);
    }
  }
  const caseloads: ReliabilityWorld["caseloads"] = {
    specialistOwn: mine.specialistOwn!,
    specialistSameTeam: mine.specialistSameTeam!,
    specialistOtherTeam: mine.specialistOtherTeam!,
    supervisorOwnTeam: [...mine.specialistOwn!, ...mine.specialistSameTeam!],
    supervisorOtherTeam: mine.specialistOtherTeam!,
    admin: [...mine.specialistOwn!, ...mine.specialistSameTeam!, ...mine.specialistOtherTeam!],
  };
  const assignTo: ReliabilityWorld["assignTo"] = {
    specialistOwn: users.specialistOwn.id,
    specialistSameTeam: users.specialistSameTeam.id,
    specialistOtherTeam: users.specialistOtherTeam.id,
    supervisorOwnTeam: users.specialistSameTeam.id,
    supervisorOtherTeam: users.specialistOtherTeam.id,
    admin: users.specialistOwn.id,
  };
  return { database, people, caseloads, assignTo };
}

/** Signs everyone in once; each caller carries both the session and the token. */
export async function signInEveryone(world: ReliabilityWorld, baseUrl: string): Promise<Record<RoleKey, Caller>> {
  const callers = {} as Record<RoleKey, Caller>;
  for (const role of ROLES) {
    const person = world.people[role.key];
    callers[role.key] = await Caller.signedIn(baseUrl, role.label, person.email, PASSWORD, person.token);
  }
  return callers;
}

/** The records an API path or a page path can name, by the placeholder's name. */
export interface SubjectRecords {
  id: string;
  personId: string;
  grantId: string;
  referralId: string;
  stubId: string;
  meetingId: string;
  entryId: string;
  concernId: string;
  itemId: string;
  requestId: string;
  noteId: string;
  jobId: string;
  [name: string]: string;
}

/**
 * A participant on the own-caseload specialist's list with one of everything a
 * path can name: a support person with a paper consent (scan included) that allows
 * meetings, a benefits referral and pay stub, a meeting the support person is
 * invited to with a commitment they made in it, a concern, a plan item and an
 * open help request the support person may claim. Made
 * through the API, so each has its audit row like any other record.
 */
export async function buildSubject(owner: Caller, label: string) {
  const made = async (what: string, method: string, path: string, body: unknown, status = 201) => {
    const answer = await owner.api(method, path, body);
    if (answer.status !== status) throw new Error(`making the ${label} ${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.json;
  };
  const participant = (await made("participant", "POST", "/participants", { firstName: "Subject", lastName: `${label} Record`, workGoal: "Bakery work" })) as {
    id: string; version: number; firstName: string; lastName: string;
  };
  const base = `/participants/${participant.id}`;
  const supportPerson = (await made("support person", "POST", `${base}/support-persons`, {
    name: `Helper of ${label}`, relationshipKind: "relative", closeness: "inner", status: "supportive", helpKinds: ["rides"],
  })) as { id: string; version: number; name: string };
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
  const grant = (await made("consent", "POST", `${base}/consent-grants`, {
    supportPersonId: supportPerson.id, categories: ["employment_goals"], purpose: "Help with the job search",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
    // It ends on a date or on an event, whichever comes first, so recording the event can be tried.
    ...consentTerms(), expiryEvent: "when the job search ends", signedMethod: "paper",
    scan: { filename: "consent.pdf", contentType: "application/pdf", contentBase64: pdf },
  })) as { id: string };
  const referral = (await made("benefits referral", "POST", `${base}/benefits/referrals`, { referredOn: day(-20), counselorName: `Counselor of ${label}` })) as { id: string };
  const stub = (await made("pay stub", "POST", `${base}/benefits/pay-stubs`, {
    ...payPeriod(), hours: 20, gross: 300, employer: "Corner Bakery",
  })) as { id: string };
  const meeting = (await made("meeting", "POST", `${base}/meetings`, {
    kind: "support", title: `Meeting of ${label}`, scheduledAt: meetingAt(7), place: "The library", inviteeIds: [supportPerson.id], agenda: ["Strengths", "Next steps"],
  })) as { id: string };
  const withEntry = (await made("commitment", "POST", `${base}/meetings/${meeting.id}/entries`, {
    kind: "commitment", text: "Rides on Tuesdays", speaker: "support_person", supportPersonId: supportPerson.id, clientKey: `subject-${participant.id}`,
  }, 200)) as { entries: { id: string; kind: string }[] };
  const entry = withEntry.entries.find((e) => e.kind === "commitment");
  if (!entry) throw new Error(`the ${label} meeting did not keep its commitment`);
  const concern = (await made("concern", "POST", `${base}/concerns`, { type: "transport", description: "The bus does not run early" })) as { id: string };
  const item = (await made("plan item", "POST", `${base}/plan-items`, { kind: "wake_up_calls", description: "A call at seven", provider: "specialist" })) as { id: string };
  // A need the support person may see and claim: a ride, telling only what the consent covers.
  const request = (await made("help request", "POST", `${base}/help-requests`, { kind: "rides", description: "A ride to the interview", neededOn: day(3), discloses: ["employment_goals"] })) as { id: string };
  const note = (await made("contact note", "POST", `${base}/contact-notes`, {
    contactedOn: day(-2), method: "phone", withParticipant: true, supportPersonIds: [supportPerson.id], summary: "Called about the interview", discloses: ["employment_goals"],
  })) as { id: string };
  const job = (await made("job", "POST", `${base}/jobs`, { employer: "Corner Bakery", title: "Baker's helper", startedOn: day(-20), competitive: true, integrated: true })) as { id: string };
  const records: SubjectRecords = {
    id: participant.id, personId: supportPerson.id, grantId: grant.id, referralId: referral.id, stubId: stub.id,
    meetingId: meeting.id, entryId: entry.id, concernId: concern.id, itemId: item.id, requestId: request.id, noteId: note.id, jobId: job.id,
  };
  return { participant, supportPerson, grant, records };
}
export type Subject = Awaited<ReturnType<typeof buildSubject>>;

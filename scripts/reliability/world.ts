import { migrateToLatest, openDatabase, type DbHandle } from "../../src/db/index.ts";
import { buildParticipant, buildTeam, buildUser } from "../../src/db/seed/factories.ts";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { hashPassword } from "../../src/domain/auth/password.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { Caller } from "./http.ts";

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
    admin: await buildUser(db, { role: "admin", email: "admin@reliability.test", name: "Ada Admin", passwordHash }),
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

/** A participant on the own-caseload specialist's list, with a support person and a paper consent (scan included). */
export async function buildSubject(owner: Caller, label: string) {
  const created = await owner.api("POST", "/participants", { firstName: "Subject", lastName: `${label} Record`, workGoal: "Bakery work" });
  if (created.status !== 201) throw new Error(`creating the ${label} participant answered ${created.status}: ${created.text.slice(0, 300)}`);
  const participant = created.json as { id: string; version: number; firstName: string; lastName: string };
  const person = await owner.api("POST", `/participants/${participant.id}/support-persons`, {
    name: `Helper of ${label}`, relationshipKind: "relative", closeness: "inner", status: "supportive",
  });
  const supportPerson = person.status === 201 ? (person.json as { id: string; version: number; name: string }) : null;
  let grant: { id: string } | null = null;
  if (supportPerson) {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
    const recorded = await owner.api("POST", `/participants/${participant.id}/consent-grants`, {
      supportPersonId: supportPerson.id, categories: ["employment_goals"], purpose: "Help with the job search",
      mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
      startsOn: "2026-01-01", expiresOn: "2027-01-01", signedMethod: "paper", signedOn: "2026-01-01",
      scan: { filename: "consent.pdf", contentType: "application/pdf", contentBase64: pdf },
    });
    if (recorded.status === 201) grant = recorded.json as { id: string };
    else throw new Error(`recording the ${label} consent answered ${recorded.status}: ${recorded.text.slice(0, 300)}`);
  }
  return { participant, supportPerson, grant };
}
export type Subject = Awaited<ReturnType<typeof buildSubject>>;

import { randomUUID } from "node:crypto";
import { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import { ROLES, type ReliabilityWorld, type RoleKey } from "./world.ts";

const AREA = "access";

/**
 * Pages of the team's own practice (issue 15) that name a staff record rather than
 * a participant: their own checks, because who may open them is not the caseload rule.
 */
export const TEAM_PAGES = ["/coaching/:specialistId", "/resources/:resourceId", "/admin/users/:id/caseload", "/reports", "/reports.csv"];

/** Who may open the subject specialist's coaching: the specialist, their team's supervisor, the administrator. */
const COACHING_READERS: ReadonlySet<RoleKey> = new Set(["specialistOwn", "supervisorOwnTeam", "admin"]);
/** Who may move a specialist's caseload: their team's supervisor and the administrator, never the specialist. */
const CASELOAD_MOVERS: ReadonlySet<RoleKey> = new Set(["supervisorOwnTeam", "admin"]);
/** Who reads reports: supervisors (their own team) and the administrator. */
const REPORT_READERS: ReadonlySet<RoleKey> = new Set(["supervisorOwnTeam", "supervisorOtherTeam", "admin"]);
/** Who reads one team's report (the program's report links to each team's): that team's supervisor and the administrator. */
const TEAM_REPORT_READERS: ReadonlySet<RoleKey> = new Set(["supervisorOwnTeam", "admin"]);
/** Who keeps the directory: specialists and administrators. */
const RESOURCE_KEEPERS: ReadonlySet<RoleKey> = new Set(["specialistOwn", "specialistSameTeam", "specialistOtherTeam", "admin"]);

async function checkPage(
  results: Results, database: string, callers: Record<RoleKey, Caller>, template: string, realPath: string, missingPath: string,
  allowed: ReadonlySet<RoleKey>, secret: string | null,
): Promise<void> {
  const problems: string[] = [];
  for (const role of ROLES) {
    const caller = callers[role.key];
    const answer = await caller.page(realPath);
    if (allowed.has(role.key)) {
      if (answer.status !== 200) problems.push(`${role.label}: answered ${answer.status}`);
      else if (secret && !answer.text.includes(secret)) problems.push(`${role.label}: the page does not show the note`);
      continue;
    }
    const missing = await caller.page(missingPath);
    if (answer.status !== 404) problems.push(`${role.label}: answered ${answer.status}`);
    else if (missing.status !== 404) problems.push(`${role.label}: a missing record answered ${missing.status}`);
    if (secret && answer.text.includes(secret)) problems.push(`${role.label}: the refusal shows the note`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").page(realPath);
  if (anonymous.status !== 302 || !anonymous.headers.get("location")?.startsWith("/sign-in")) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `page ${template}`, problems.length === 0, problems.slice(0, 3).join("; ") || "allowed roles see it; others get the not-found page; signed out go to sign-in");
}

/**
 * A coaching note the own team's supervisor wrote for the subject specialist is
 * seen by exactly the specialist, that supervisor and the administrator: never
 * by another specialist or the other team's supervisor. The directory's edit page
 * opens for its keepers only.
 */
export async function checkTeamAccess(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<void> {
  const db = world.database.db;
  const now = new Date().toISOString();
  const secret = `Coaching note ${randomUUID()}`;
  await db.insertInto("coaching_notes").values({
    id: randomUUID(), specialist_id: world.people.specialistOwn.id, supervisor_id: world.people.supervisorOwnTeam.id, met_on: now.slice(0, 10),
    topic: "role_play", note: secret, follow_up_on: null, follow_up_done_at: null, version: 1, created_at: now, updated_at: now,
  }).execute();
  await checkPage(results, database, callers, "/coaching/:specialistId", `/coaching/${world.people.specialistOwn.id}`, `/coaching/${randomUUID()}`, COACHING_READERS, secret);

  const resourceId = randomUUID();
  await db.insertInto("resources").values({
    id: resourceId, name: "Reliability resource", kind: "class", description: "A class", contact: null, address: null, languages: "[]", category: null,
    retired_at: null, version: 1, created_by: world.people.admin.id, created_at: now, updated_by: world.people.admin.id, updated_at: now,
  }).execute();
  await checkPage(results, database, callers, "/resources/:resourceId", `/resources/${resourceId}`, `/resources/${randomUUID()}`, RESOURCE_KEEPERS, null);

  await checkPage(results, database, callers, "/admin/users/:id/caseload", `/admin/users/${world.people.specialistOwn.id}/caseload`, `/admin/users/${randomUUID()}/caseload`, CASELOAD_MOVERS, null);
  await checkPage(results, database, callers, "/reports", "/reports", "/no-such-page", REPORT_READERS, null);
  await checkPage(results, database, callers, "/reports.csv", "/reports.csv", "/no-such-page", REPORT_READERS, null);
  // Another team's id in the address is "not found", the same as a team nobody has.
  const ownTeam = world.people.supervisorOwnTeam.teamId!;
  await checkPage(results, database, callers, "/reports?team=:teamId", `/reports?team=${ownTeam}`, `/reports?team=${randomUUID()}`, TEAM_REPORT_READERS, null);
  await checkPage(results, database, callers, "/reports.csv?team=:teamId", `/reports.csv?team=${ownTeam}`, `/reports.csv?team=${randomUUID()}`, TEAM_REPORT_READERS, null);
}

/**
 * Moving a caseload through the API, without moving anything: the subject
 * specialist's caseload toward a specialist nobody has. Those who may move it are
 * told the target is wrong (422); everyone else gets "not found", the same as for
 * a specialist nobody has; signed out, 401. The world is left as it was.
 */
export async function checkCaseloadMoveOperation(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<void> {
  const problems: string[] = [];
  const body = { toSpecialistId: randomUUID(), which: "all" };
  const real = `/specialists/${world.people.specialistOwn.id}/caseload/move`;
  for (const role of ROLES) {
    const answer = await callers[role.key].api("POST", real, body);
    const expected = CASELOAD_MOVERS.has(role.key) ? 422 : 404;
    if (answer.status !== expected) problems.push(`${role.label}: answered ${answer.status}, not ${expected}`);
    const nobody = await callers[role.key].api("POST", `/specialists/${randomUUID()}/caseload/move`, body);
    if (nobody.status !== 404) problems.push(`${role.label}: a specialist nobody has answered ${nobody.status}`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").api("POST", real, body);
  if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, "API POST /specialists/{specialistId}/caseload/move", problems.length === 0,
    problems.slice(0, 3).join("; ") || "the team's supervisor and the admin reach it; everyone else gets not-found; signed out 401");
}

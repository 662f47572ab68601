import { randomUUID } from "node:crypto";
import { pagePaths } from "../../tests/support/page-paths.ts";
export { pagePaths };
import type { Db } from "../../src/db/index.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { claimHelpRequest } from "../../src/domain/partners/support-page.server.ts";
import { Caller, type Answer } from "./http.ts";
import { consentTerms } from "./dates.ts";
import { changedTables, contentDigest } from "./invariants.ts";
import { fillPath, validBody, type Operation } from "./openapi.ts";
import type { Results } from "./report.ts";
import { buildOwnPagesWorld, checkOwnPage, checkOwnWrongParticipant } from "./own-pages.ts";
import { PARTNER_PAGES, checkPartnerAccess } from "./partner-access.ts";
import { CASELOAD_PAGES, FEED_PAGES, checkDayAccess } from "./day-access.ts";
import { TEAM_PAGES, checkCaseloadMoveOperation, checkTeamAccess } from "./team-access.ts";
import { checkFamilyIntroductionOperation } from "./families-access.ts";
import { ROLES, buildSubject, type ReliabilityWorld, type RoleKey, type Subject, type SubjectRecords } from "./world.ts";

const AREA = "access";
const REFUSED = ROLES.filter((r) => !r.allowed);
const ALLOWED = ROLES.filter((r) => r.allowed);

/** What a page needs in its query to show anything: the blank consent form prints the terms chosen on the sign step. */
function blankConsentQuery(): string {
  const terms = consentTerms();
  return `?${new URLSearchParams([["categories", "employment_goals"], ["purpose", "Help with the job search"], ["mayAttendMeetings", "on"], ["startsOn", terms.startsOn], ["expiresOn", terms.expiresOn]])}`;
}
export const PAGE_QUERIES: Record<string, () => string> = {
  "/participants/:id/network/:personId/consent/blank": blankConsentQuery,
  "/participants/:id/network/:personId/consent/blank.pdf": blankConsentQuery,
};

/** Pages anyone may open, signed in or not; they name no record of the program. */
const PUBLIC_PAGES = new Set([
  "/sign-in", "/sign-out", "/invitations/:token", "/*", "/l", "/l/:token", "/l/sign-out", "/password-reset/:token", "/me/sign-in",
  // The language switch names no record; the unsubscribe page's signed token is its only permission (tested with the outbox).
  "/language/:locale", "/unsubscribe/:token", "/glossary",
]);

export function fillPage(path: string, records: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = records[name];
    if (value === undefined) throw new Error(`no record for :${name} in ${path}`);
    return encodeURIComponent(value);
  }) + (PAGE_QUERIES[path]?.() ?? "");
}

/** Takes out what differs between any two responses (nonces, the ids and paths asked for) so refusals compare by content. */
function normalize(text: string, varying: string[]): string {
  const nonces = [...text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]!);
  let out = text;
  for (const value of [...new Set([...nonces, ...varying])].filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(value).join(":varies");
  return out;
}

function same(a: Answer, b: Answer, varying: string[]): boolean {
  return a.status === b.status && normalize(a.text, varying) === normalize(b.text, varying) && a.headers.get("content-type") === b.headers.get("content-type");
}

/**
 * What a person sees of a page: the markup without scripts, preloads and styles.
 * Two different routes ship different modules, which says only which pages the app
 * has (its bundles are public anyway), not what a record holds.
 */
function visible(text: string): string {
  return text.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*>/g, "").replace(/ nonce="[^"]*"/g, "");
}

const is2xx = (status: number) => status >= 200 && status < 300;

/** Which active participants each kind of person should see: the oracle, written independently of the policy code. */
async function expectedVisible(db: Db, world: ReliabilityWorld, role: RoleKey): Promise<Set<string>> {
  const person = world.people[role];
  let query = db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id").select("p.id").where("p.status", "=", "active");
  if (role.startsWith("specialist")) query = query.where("p.specialist_id", "=", person.id);
  else if (role.startsWith("supervisor")) query = query.where("u.team_id", "=", person.teamId);
  return new Set((await query.execute()).map((r) => r.id));
}

async function listAll(caller: Caller, q = ""): Promise<Set<string> | string> {
  const seen = new Set<string>();
  for (let page = 1; page <= 200; page++) {
    const answer = await caller.api("GET", `/participants?page=${page}${q ? `&q=${encodeURIComponent(q)}` : ""}`);
    if (answer.status !== 200) return `page ${page} answered ${answer.status}`;
    for (const p of answer.json.participants as { id: string }[]) seen.add(p.id);
    if (page >= answer.json.pageCount) break;
  }
  return seen;
}

/** The ids of a record nobody has, for every placeholder. */
function ghostsOf(records: SubjectRecords): SubjectRecords {
  return Object.fromEntries(Object.keys(records).map((name) => [name, randomUUID()])) as SubjectRecords;
}

/** Puts the subject in the state an operation starts from (a participant must be archived before it is restored); returns the body to send. */
async function prepare(op: Operation, owner: Caller, subject: Subject, db: Db): Promise<unknown> {
  if (op.operationId === "markHelpRequestDone") {
    // Only a claimed request can be marked done: the support person claims it, as their page does.
    const claimed = await claimHelpRequest(db, { kind: "support_person", supportPersonId: subject.records.personId, participantId: subject.records.id, name: subject.supportPerson.name, locale: "en" }, subject.records.requestId, systemMeta);
    if (!claimed.ok) throw new Error(`claiming the subject's help request for ${op.operationId}: ${claimed.reason}`);
  }
  if (op.operationId === "restoreParticipant") {
    const archived = await owner.api("POST", `/participants/${subject.records.id}/archive`, { version: subject.participant.version });
    if (archived.status !== 200) throw new Error(`archiving the subject for ${op.operationId} answered ${archived.status}`);
    return validBody(op, subject.records, archived.json.version);
  }
  if (op.operationId === "saveBenefitsProfile") {
    const benefits = await owner.api("GET", `/participants/${subject.records.id}/benefits`);
    if (benefits.status !== 200) throw new Error(`reading the subject's benefits answered ${benefits.status}`);
    return validBody(op, subject.records, benefits.json.profile.version);
  }
  return op.body ? validBody(op, subject.records) : undefined;
}

/** Record ids that appear in a body (a support person to invite, to name as provider), so they can be swapped for another participant's. */
function withRecords(body: unknown, from: SubjectRecords, to: Record<string, string>): unknown {
  let text = JSON.stringify(body);
  if (text === undefined) return body;
  for (const [name, value] of Object.entries(from)) text = text.split(value).join(to[name] ?? value);
  return JSON.parse(text);
}

/**
 * One operation on a participant's record, against every role. Refused roles get
 * exactly the answer for a record that does not exist and change nothing, also
 * when they name the subject's records under a participant of their own; each
 * allowed role, on a fresh subject of its own, gets through.
 */
async function checkRecordOperation(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, op: Operation, n: number): Promise<void> {
  const db = world.database.db;
  const owner = callers.specialistOwn;
  const problems: string[] = [];
  const subject = await buildSubject(owner, `Access${n}`);
  const body = await prepare(op, owner, subject, db);
  const names = [subject.participant.lastName, subject.supportPerson.name];
  const leaks = (answer: Answer) => names.filter((name) => answer.text.includes(name));
  const ghost = ghostsOf(subject.records);
  const before = await contentDigest(db);

  for (const role of REFUSED) {
    const caller = callers[role.key];
    const real = await caller.api(op.method, fillPath(op.template, subject.records), body);
    const missing = await caller.api(op.method, fillPath(op.template, { ...subject.records, id: ghost.id }), body);
    const varying = [subject.records.id, ghost.id];
    if (real.status !== 404) problems.push(`${role.label}: answered ${real.status}`);
    else if (!same(real, missing, varying)) problems.push(`${role.label}: the refusal differs from not-found (${missing.status})`);
    if (leaks(real).length) problems.push(`${role.label}: the answer names ${leaks(real).join(", ")}`);

    // The subject's records named under a participant this person may work on: never reached through the back door.
    const ownParticipant = world.caseloads[role.key][0]!;
    const foreignIds = Object.keys(subject.records).filter((name) => name !== "id" && (op.pathParams.includes(name) || JSON.stringify(body ?? null).includes(subject.records[name]!)));
    if (foreignIds.length) {
      const foreignBody = withRecords(body, subject.records, {});
      const foreign = await caller.api(op.method, fillPath(op.template, { ...subject.records, id: ownParticipant }), foreignBody);
      const nobodys = await caller.api(op.method, fillPath(op.template, { ...ghost, id: ownParticipant }), withRecords(body, subject.records, ghost));
      const what = `${role.label}, ${foreignIds.join(" and ")} of the subject under their own participant`;
      if (is2xx(foreign.status) || foreign.status >= 500) problems.push(`${what}: answered ${foreign.status}`);
      else if (!same(foreign, nobodys, [...Object.values(subject.records), ...Object.values(ghost)])) problems.push(`${what}: answered ${foreign.status}, unlike for records nobody has (${nobodys.status})`);
      if (leaks(foreign).length) problems.push(`${what}: the answer names ${leaks(foreign).join(", ")}`);
    }
  }
  const anonymous = await new Caller(owner.baseUrl, "nobody").api(op.method, fillPath(op.template, subject.records), body);
  if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
  if (leaks(anonymous).length) problems.push(`signed out: the answer names ${leaks(anonymous).join(", ")}`);
  const changed = changedTables(before, await contentDigest(db));
  if (changed) problems.push(`refused requests changed ${changed}`);

  for (const role of ALLOWED) {
    const own = role.key === "specialistOwn" ? { subject, body } : await (async () => {
      const fresh = await buildSubject(owner, `Access${n}${role.key}`);
      return { subject: fresh, body: await prepare(op, owner, fresh, db) };
    })();
    const answer = await callers[role.key].api(op.method, fillPath(op.template, own.subject.records), own.body);
    if (!is2xx(answer.status)) problems.push(`${role.label}: answered ${answer.status} ${answer.text.slice(0, 120)}`);
  }
  results.record(AREA, database, `API ${op.method} ${op.template}`, problems.length === 0,
    problems.slice(0, 3).join("; ") || "allowed roles through; others get not-found, also by the back door; signed out 401; refusals change nothing");
}

/** Putting a participant on a caseload: each role only where it reaches, a refusal the same as for a specialist nobody has. */
async function checkAssignment(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, op: Operation): Promise<void> {
  const db = world.database.db;
  const problems: string[] = [];
  const target = world.people.specialistOwn.id;
  const ghost = randomUUID();
  for (const role of [...REFUSED, ...ALLOWED]) {
    const body = { ...(validBody(op, { id: "", personId: "", grantId: "" }) as object), specialistId: target };
    const before = role.allowed ? null : await contentDigest(db);
    const answer = await callers[role.key].api("POST", "/participants", body);
    if (role.allowed) {
      if (answer.status !== 201) problems.push(`${role.label}: answered ${answer.status}`);
      continue;
    }
    const nobody = await callers[role.key].api("POST", "/participants", { ...body, specialistId: ghost });
    if (is2xx(answer.status) || answer.status >= 500) problems.push(`${role.label}: answered ${answer.status}`);
    else if (!same(answer, nobody, [target, ghost])) problems.push(`${role.label}: answered ${answer.status}, unlike for a specialist nobody has (${nobody.status})`);
    const changed = changedTables(before!, await contentDigest(db));
    if (changed) problems.push(`${role.label}: the refusal changed ${changed}`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").api("POST", "/participants", validBody(op, { id: "", personId: "", grantId: "" }));
  if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `API ${op.method} ${op.template} (assigning to a specialist)`, problems.length === 0,
    problems.slice(0, 3).join("; ") || "only the specialist, their supervisor and the admin may assign to them; refusals as for nobody; signed out 401");
}

/** An operation that names no record (an estimate, the caseload): every role through, signed out 401. */
async function checkOpenOperation(results: Results, database: string, callers: Record<RoleKey, Caller>, op: Operation): Promise<void> {
  const problems: string[] = [];
  const body = op.body ? validBody(op, { id: "", personId: "", grantId: "" }) : undefined;
  for (const role of ROLES) {
    const answer = await callers[role.key].api(op.method, op.template, body);
    if (!is2xx(answer.status)) problems.push(`${role.label}: answered ${answer.status}`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").api(op.method, op.template, body);
  if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `API ${op.method} ${op.template}`, problems.length === 0, problems.join("; ") || "every role through; signed out 401");
}

/**
 * A participant's page for every role. A page that answers the same for the real
 * record and for one nobody has reads no record (a placeholder) and cannot leak;
 * any other must answer 404 for a record nobody has, and byte for byte the same to
 * every refused role. Forms posted by refused roles change nothing.
 */
async function checkParticipantPage(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, path: string, subject: Subject): Promise<void> {
  const problems: string[] = [];
  const ghost = ghostsOf(subject.records);
  const realPath = fillPage(path, subject.records);
  const ghostPath = fillPage(path, { ...subject.records, id: ghost.id });
  const varying = [subject.records.id, ghost.id];
  const names = [subject.participant.lastName, subject.supportPerson.name];
  const leaks = (answer: Answer) => names.filter((name) => answer.text.includes(name));

  const owner = callers.specialistOwn;
  const ownView = await owner.page(realPath);
  const ownGhost = await owner.page(ghostPath);
  const readsNoRecord = ownView.status === 200 && same(ownView, ownGhost, varying) && leaks(ownView).length === 0;
  if (!readsNoRecord && ownGhost.status !== 404) problems.push(`a record nobody has answered ${ownGhost.status}`);
  for (const role of ALLOWED) {
    const answer = role.key === "specialistOwn" ? ownView : await callers[role.key].page(realPath);
    if (answer.status !== 200) problems.push(`${role.label}: answered ${answer.status}`);
  }
  const before = await contentDigest(world.database.db);
  for (const role of REFUSED) {
    const caller = callers[role.key];
    const real = await caller.page(realPath);
    const missing = await caller.page(ghostPath);
    if (!readsNoRecord && real.status !== 404) problems.push(`${role.label}: answered ${real.status}`);
    else if (!same(real, missing, varying)) problems.push(`${role.label}: answered ${real.status}, not the same as for a record nobody has (${missing.status})`);
    if (leaks(real).length) problems.push(`${role.label}: the page names ${leaks(real).join(", ")}`);
    const posted = await caller.form(realPath, {});
    const postedGhost = await caller.form(ghostPath, {});
    if (posted.status >= 500 || is2xx(posted.status) && !readsNoRecord) problems.push(`${role.label}: a form post answered ${posted.status}`);
    else if (!same(posted, postedGhost, varying)) problems.push(`${role.label}: a form post answered ${posted.status}, unlike for a record nobody has (${postedGhost.status})`);
    if (leaks(posted).length) problems.push(`${role.label}: a form post's answer names ${leaks(posted).join(", ")}`);
  }
  const changed = changedTables(before, await contentDigest(world.database.db));
  if (changed) problems.push(`refused requests changed ${changed}`);
  const anonymous = await new Caller(owner.baseUrl, "nobody").page(realPath);
  if (anonymous.status !== 302 || !anonymous.headers.get("location")?.startsWith("/sign-in")) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `page ${path}`, problems.length === 0, problems.slice(0, 3).join("; ")
    || (readsNoRecord ? "reads no record yet (the same for every id); refused roles see the same; signed out go to sign-in" : "allowed roles see it; others get the not-found page; signed out go to sign-in"));
}

/** A page of its own (caseload, profile, admin): staff pages for everyone signed in, admin pages for admins and not-found for the rest. */
async function checkStaffPage(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, path: string): Promise<void> {
  const problems: string[] = [];
  const adminOnly = path.startsWith("/admin");
  const records = { id: world.people.specialistOwn.id };
  const realPath = fillPage(path, records);
  const nowherePath = path.includes(":") ? fillPage(path, { id: randomUUID() }) : "/no-such-page";
  for (const role of ROLES) {
    const caller = callers[role.key];
    const answer = await caller.page(realPath);
    if (!adminOnly || role.key === "admin") {
      if (answer.status !== 200 && !(answer.status === 302 && path === "/")) problems.push(`${role.label}: answered ${answer.status}`);
      continue;
    }
    const missing = await caller.page(nowherePath);
    const looksMissing = path.includes(":") ? same(answer, missing, [records.id, nowherePath.split("/").pop()!])
      : missing.status === 404 && visible(answer.text) === visible(missing.text);
    if (answer.status !== 404) problems.push(`${role.label}: answered ${answer.status}`);
    else if (!looksMissing) problems.push(`${role.label}: the refusal differs from the not-found page (${missing.status})`);
    if (answer.text.includes(world.people.admin.email)) problems.push(`${role.label}: the refusal shows the staff list`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").page(realPath);
  if (anonymous.status !== 302 || !anonymous.headers.get("location")?.startsWith("/sign-in")) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `page ${path}`, problems.length === 0,
    problems.slice(0, 3).join("; ") || (adminOnly ? "admin sees it; everyone else gets the not-found page; signed out go to sign-in" : "every role sees it; signed out go to sign-in"));
}

/**
 * The access matrix: every API operation of the OpenAPI document and every page
 * of the route config, for each role against one specialist's records: own
 * caseload, another caseload in the team, another team. No leak, and every refusal
 * is byte for byte the answer for a record that does not exist.
 */
export async function checkAccess(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, operations: Operation[]): Promise<void> {
  const db = world.database.db;
  const listed = await buildSubject(callers.specialistOwn, "Listed");

  // Lists and search show each person exactly the caseloads they may see.
  for (const role of ROLES) {
    const seen = await listAll(callers[role.key]);
    const expected = await expectedVisible(db, world, role.key);
    if (typeof seen === "string") {
      results.record(AREA, database, `participant list: ${role.label}`, false, seen);
      continue;
    }
    const leaked = [...seen].filter((id) => !expected.has(id));
    const missing = [...expected].filter((id) => !seen.has(id));
    results.record(AREA, database, `participant list: ${role.label}`, leaked.length === 0 && missing.length === 0,
      `${seen.size} listed${leaked.length ? `, ${leaked.length} not theirs to see` : ""}${missing.length ? `, ${missing.length} of theirs missing` : ""}`);
    // The caseload export (decision 0045) holds exactly what the list shows: its first column is the participant's id.
    const exported = await callers[role.key].page("/participants.csv");
    const exportedIds = new Set(exported.text.replace(/^\uFEFF/, "").split("\r\n").slice(1).filter(Boolean).map((line) => line.slice(0, line.indexOf(","))));
    const exportLeaks = [...exportedIds].filter((id) => !expected.has(id)).length;
    const exportMisses = [...expected].filter((id) => !exportedIds.has(id)).length;
    results.record(AREA, database, `caseload export: ${role.label}`, exported.status === 200 && exportLeaks === 0 && exportMisses === 0,
      exported.status !== 200 ? `answered ${exported.status}` : `${exportedIds.size} exported${exportLeaks ? `, ${exportLeaks} not theirs to see` : ""}${exportMisses ? `, ${exportMisses} of theirs missing` : ""}`);
    const searched = await listAll(callers[role.key], listed.participant.lastName);
    const found = typeof searched === "string" ? false : searched.has(listed.records.id);
    results.record(AREA, database, `name search for the subject: ${role.label}`, typeof searched !== "string" && found === role.allowed,
      typeof searched === "string" ? searched : found ? "found" : "not found");
  }

  for (const [n, op] of operations.entries()) {
    if (op.pathParams.includes("specialistId")) await checkCaseloadMoveOperation(results, database, world, callers);
    else if (op.pathParams.includes("id")) await checkRecordOperation(results, database, world, callers, op, n);
    else if (op.operationId === "createParticipant") await checkAssignment(results, database, world, callers, op);
    else if (op.operationId === "introduceFamilies") await checkFamilyIntroductionOperation(results, database, world, callers);
    else await checkOpenOperation(results, database, callers, op);
  }

  const pageSubject = await buildSubject(callers.specialistOwn, "Pages");
  const own = await buildOwnPagesWorld(world, callers);
  await checkOwnWrongParticipant(results, database, world, callers, own);
  for (const path of pagePaths()) {
    if (PUBLIC_PAGES.has(path) || PARTNER_PAGES.includes(path) || CASELOAD_PAGES.includes(path) || FEED_PAGES.includes(path) || TEAM_PAGES.includes(path)) continue;
    try {
      if (path === "/me" || path.startsWith("/me/")) await checkOwnPage(results, database, callers, own, path);
      else if (path.startsWith("/participants/:id")) await checkParticipantPage(results, database, world, callers, path, pageSubject);
      else await checkStaffPage(results, database, world, callers, path);
    } catch (error) {
      // A page naming a record the subject does not have yet: the suite needs one, and says so.
      results.record(AREA, database, `page ${path}`, false, error instanceof Error ? error.message : String(error));
    }
  }
  await checkPartnerAccess(results, database, world, callers);
  await checkDayAccess(results, database, world, callers);
  await checkTeamAccess(results, database, world, callers);
}

import { randomUUID } from "node:crypto";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes.ts";
import type { Db } from "../../src/db/index.ts";
import { Caller, type Answer } from "./http.ts";
import { fillPath, validBody, type Operation, type PathRecords } from "./openapi.ts";
import type { Results } from "./report.ts";
import { ROLES, type ReliabilityWorld, type RoleKey } from "./world.ts";

const AREA = "access";

/** Every page path of the app that names a participant (`:id`), from the route config itself. */
export function participantPagePaths(): string[] {
  const paths: string[] = [];
  const walk = (entries: RouteConfigEntry[], prefix: string) => {
    for (const entry of entries) {
      const path = entry.path ? `${prefix}/${entry.path}`.replace(/\/+/g, "/") : prefix;
      if (entry.path?.includes(":") || path.includes(":id")) paths.push(path);
      if (entry.children) walk(entry.children, path);
    }
  };
  walk(routes, "");
  return [...new Set(paths)].filter((p) => p.startsWith("/participants/:id"));
}

function fillPage(path: string, records: PathRecords): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(records[name] ?? `missing-${name}`));
}

/** Takes out what differs between any two responses (nonces, the ids asked for) so refusals compare by content. */
function normalize(text: string, ids: string[]): string {
  const nonces = [...text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]!);
  let out = text;
  for (const value of [...new Set(nonces), ...ids]) out = out.split(value).join(":varies");
  return out;
}

function same(a: Answer, b: Answer, ids: string[]): boolean {
  return a.status === b.status && normalize(a.text, ids) === normalize(b.text, ids) && a.headers.get("content-type") === b.headers.get("content-type");
}

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

/**
 * Every API route and every participant page, for each role against one
 * specialist's record: no leak, and every refusal is byte for byte the answer
 * for a record that does not exist.
 */
export async function checkAccess(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, operations: Operation[], records: PathRecords, subjectName: string): Promise<void> {
  const db = world.database.db;
  const ghost: PathRecords = { ...records, id: randomUUID() };
  const ids = [records.id, ghost.id];

  // Lists and search show each person exactly the caseloads they may see.
  for (const role of ROLES) {
    const listed = await listAll(callers[role.key]);
    const expected = await expectedVisible(db, world, role.key);
    if (typeof listed === "string") {
      results.record(AREA, database, `participant list: ${role.label}`, false, listed);
      continue;
    }
    const leaked = [...listed].filter((id) => !expected.has(id));
    const missing = [...expected].filter((id) => !listed.has(id));
    results.record(AREA, database, `participant list: ${role.label}`, leaked.length === 0 && missing.length === 0,
      `${listed.size} listed${leaked.length ? `, ${leaked.length} not theirs to see` : ""}${missing.length ? `, ${missing.length} of theirs missing` : ""}`);
    const searched = await listAll(callers[role.key], subjectName);
    const found = typeof searched === "string" ? false : searched.has(records.id);
    results.record(AREA, database, `name search for the subject: ${role.label}`, typeof searched !== "string" && found === role.allowed,
      typeof searched === "string" ? searched : found ? "found" : "not found");
  }

  // The API, route by route: refused roles first, since allowed ones may change the record.
  const byRecord = operations.filter((op) => op.pathParams.includes("id"));
  const ordered = [...ROLES].sort((a, b) => Number(a.allowed) - Number(b.allowed));
  for (const op of byRecord) {
    const body = op.body ? validBody(op, records) : undefined;
    const problems: string[] = [];
    for (const role of ordered) {
      const caller = callers[role.key];
      const real = await caller.api(op.method, fillPath(op.template, records), body);
      if (role.allowed) {
        if (real.status === 404 || real.status >= 500) problems.push(`${role.label}: answered ${real.status}`);
        continue;
      }
      const missing = await caller.api(op.method, fillPath(op.template, ghost), body);
      if (real.status !== 404) problems.push(`${role.label}: answered ${real.status}`);
      else if (!same(real, missing, ids)) problems.push(`${role.label}: the refusal differs from not-found`);
      if (real.text.includes(subjectName)) problems.push(`${role.label}: the answer names the participant`);
    }
    const anonymous = await new Caller(callers.admin.baseUrl, "nobody").api(op.method, fillPath(op.template, records), body);
    if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
    results.record(AREA, database, `API ${op.method} ${op.template}`, problems.length === 0, problems.join("; ") || "allowed roles through; others get not-found; signed out 401");
  }

  // Pages: the same, with the HTML compared once nonces are taken out.
  for (const path of participantPagePaths()) {
    const problems: string[] = [];
    for (const role of ordered) {
      const caller = callers[role.key];
      const real = await caller.page(fillPage(path, records));
      if (role.allowed) {
        if (real.status !== 200) problems.push(`${role.label}: answered ${real.status}`);
        continue;
      }
      const missing = await caller.page(fillPage(path, ghost));
      if (!same(real, missing, ids)) problems.push(`${role.label}: answered ${real.status}, not the same as for a missing record (${missing.status})`);
      if (real.text.includes(subjectName)) problems.push(`${role.label}: the page names the participant`);
    }
    const anonymous = await new Caller(callers.admin.baseUrl, "nobody").page(fillPage(path, records));
    if (anonymous.status !== 302 || !anonymous.headers.get("location")?.startsWith("/sign-in")) problems.push(`signed out: answered ${anonymous.status}`);
    results.record(AREA, database, `page ${path}`, problems.length === 0, problems.join("; ") || "allowed roles see it; others get the not-found page; signed out go to sign-in");
  }
}

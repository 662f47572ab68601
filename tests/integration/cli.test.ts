import { spawn } from "node:child_process";
import { DatabaseSync } from "node:sqlite";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "../../src/db/index.ts";
import { BENCH_PASSWORD } from "../../src/db/seed/scale.ts";
import { actorForApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { signIn } from "../../src/domain/auth/sessions.server.ts";
import { asOwner, freshDatabase } from "../support/db.ts";

// The real `allies` command as a child process, with the Node running vitest (26).
// Each database comes from freshDatabase, so TEST_DB=postgres runs these on
// PostgreSQL too; the first block always starts from a new SQLite file, because
// that is where `allies migrate` and the demo seed start from nothing.
const MAIN = path.resolve(import.meta.dirname, "../../src/cli/main.ts");
const meta = { ip: "192.0.2.1", requestId: "cli-test" };
const dir = mkdtempSync(path.join(tmpdir(), "allies-cli-test-"));
const opened: DbHandle[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], databaseUrl: string, input = "", env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function database(): Promise<DbHandle> {
  const handle = await freshDatabase();
  opened.push(handle);
  return handle;
}

// Each run starts a Node process; on a busy 2-core machine a test of several runs takes a while.
const SLOW = { timeout: 90_000 };

const allies = run;

const lastLine = (text: string) => text.trim().split("\n").at(-1)!.trim();

afterAll(async () => {
  for (const handle of opened) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("allies on a new SQLite file", SLOW, () => {
  it("migrates, loads the demo data once, and its audit chain verifies", async () => {
    const url = `file:${path.join(dir, "new.db")}`;
    // No ALLIES_AUDIT_KEY, as after a fresh clone: the key file is made beside the database.
    const allies = (args: string[], databaseUrl: string) => run(args, databaseUrl, "", { ALLIES_AUDIT_KEY: "" });
    const migrated = await allies(["migrate"], url);
    expect(statSync(path.join(dir, "new.db.audit-key")).mode & 0o777).toBe(0o600);
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout).toMatch(/Applied: 0001_foundation/);
    expect((await allies(["migrate"], url)).stdout).toMatch(/up to date/);

    const seeded = await allies(["seed"], url);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain("admin@example.org");
    // The demo specialist's caseload has a contact log (issue 14): several participants, some contacts with their supports.
    const file = new DatabaseSync(path.join(dir, "new.db"), { readOnly: true });
    const notes = file.prepare(`SELECT n.participant_id, n.support_person_ids, n.method FROM contact_notes n JOIN participants p ON p.id = n.participant_id
      JOIN users u ON u.id = p.specialist_id WHERE u.email = 'specialist@example.org'`).all() as { participant_id: string; support_person_ids: string; method: string }[];
    file.close();
    expect(new Set(notes.map((n) => n.participant_id)).size).toBeGreaterThanOrEqual(5);
    expect(notes.filter((n) => JSON.parse(n.support_person_ids).length > 0).length).toBeGreaterThanOrEqual(3);
    expect(new Set(notes.map((n) => n.method)).size).toBeGreaterThanOrEqual(4);
    const again = await allies(["seed", "--scale", "10"], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has users/);

    const verified = await allies(["audit", "verify"], url);
    expect(verified.code).toBe(0);
    // The seed's own row, then one for each record of the worked examples, entered through the domain.
    expect(Number(/^Audit chain OK: (\d+) rows\n/.exec(verified.stdout)?.[1])).toBeGreaterThan(20);
  });
});

describe("allies seed --scale", SLOW, () => {
  let first: DbHandle;

  beforeAll(async () => {
    first = await database();
  });

  it("makes the same people every time", async () => {
    const second = await database();
    const runs = [await allies(["seed", "--scale", "50"], first.url), await allies(["seed", "--scale", "50"], second.url)];
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("Seeded 50 participants, 3 specialists and 1 teams");
      expect(run.stdout).toContain("admin@example.org");
      expect(run.stdout).toContain("specialist1@example.org");
    }
    const participants = (db: Db) => db.selectFrom("participants").selectAll().orderBy("id").execute();
    const a = await participants(first.db);
    expect(a).toHaveLength(50);
    expect(await participants(second.db)).toEqual(a);
    // Every run hashes the shared password with a new salt; everything else matches.
    const staff = (db: Db) => db.selectFrom("users").select(["id", "email", "name", "role", "team_id", "active", "created_at"]).orderBy("id").execute();
    expect(await staff(second.db)).toEqual(await staff(first.db));
    expect((await staff(first.db)).map((u) => u.role).sort()).toEqual(["admin", "specialist", "specialist", "specialist", "supervisor"]);
    expect(await first.db.selectFrom("participants").select("id").where("specialist_id", "=", a[0]!.specialist_id).execute()).toHaveLength(20);

    // Each participant's supports, grants, meetings, plan items and audit trail, the same on every run.
    for (const run of runs) expect(run.stdout).toContain("with 200 support persons, 150 consent grants, 100 meetings, 300 plan items, 25 jobs and 2501 audit rows");
    for (const table of ["support_persons", "consent_grants", "meetings", "meeting_invitees", "plan_items"] as const) {
      const rows = (db: Db) => db.selectFrom(table).select("id").orderBy("id").execute();
      expect(await rows(second.db), table).toEqual(await rows(first.db));
    }
    const audit = await first.db.selectFrom("audit_log").select(["action", "actor_label", "participant_id"]).orderBy("seq").execute();
    expect(audit[0]).toEqual({ action: "data.seed", actor_label: "system (cli)", participant_id: null });
    expect(audit).toHaveLength(2501);
    expect(audit.filter((r) => r.participant_id === a[0]!.id)).toHaveLength(50);
    expect(await allies(["audit", "verify"], first.url)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Audit chain OK: 2501 rows\n/) });
    expect((await signIn(first.db, { email: "specialist2@example.org", password: BENCH_PASSWORD }, meta, "cli-test")).ok).toBe(true);
  });

  it("refuses a database with users, and a size that is not a whole number", async () => {
    const refused = await allies(["seed", "--scale", "5"], first.url);
    expect(refused.code).toBe(1);
    expect(await first.db.selectFrom("participants").select("id").execute()).toHaveLength(50);
    for (const bad of ["0", "2.5", "many"]) expect((await allies(["seed", "--scale", bad], first.url)).code).toBe(2);
    expect((await allies(["seed", "--sacle", "5"], first.url)).code).toBe(2);
  });
});

describe("allies create-user and token create", SLOW, () => {
  let target: DbHandle;

  beforeAll(async () => {
    target = await database();
  });

  it("creates an account with a password from standard input, and its team when new", async () => {
    const run = await allies(["create-user", "--email", "Lead@Example.org", "--name", "Lee Lead", "--role", "supervisor", "--team", "Northside", "--password-stdin"], target.url, "a long pass phrase here\n");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Created team "Northside"');
    const user = await target.db.selectFrom("users").innerJoin("teams", "teams.id", "users.team_id")
      .select(["users.id", "users.role", "teams.name as team"]).where("email", "=", "lead@example.org").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "supervisor", team: "Northside" });
    expect((await signIn(target.db, { email: "lead@example.org", password: "a long pass phrase here" }, meta, "cli-test")).ok).toBe(true);
    const audit = await target.db.selectFrom("audit_log").select(["action", "entity_id"]).where("action", "=", "user.create").execute();
    expect(audit).toEqual([{ action: "user.create", entity_id: user.id }]);

    // A second member joins the existing team rather than making another.
    const second = await allies(["create-user", "--email", "two@example.org", "--name", "Two", "--role", "specialist", "--team", "Northside"], target.url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("Created team");
    expect((await signIn(target.db, { email: "two@example.org", password: lastLine(second.stdout) }, meta, "cli-test")).ok).toBe(true);
    expect(await target.db.selectFrom("teams").select("name").execute()).toEqual([{ name: "Northside" }]);
  });

  it("exits 2 with the reason on bad input and changes nothing", async () => {
    const before = await target.db.selectFrom("users").select("id").execute();
    const badRole = await allies(["create-user", "--email", "x@example.org", "--name", "X", "--role", "boss"], target.url);
    expect(badRole).toMatchObject({ code: 2 });
    expect(badRole.stderr).toContain("--role: Choose a role.");
    const short = await allies(["create-user", "--email", "y@example.org", "--name", "Y", "--role", "admin", "--password-stdin"], target.url, "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password: Use at least 12 characters/);
    const taken = await allies(["create-user", "--email", "lead@example.org", "--name", "Again", "--role", "specialist", "--team", "Elsewhere"], target.url);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("already an account");
    expect(await target.db.selectFrom("users").select("id").execute()).toEqual(before);
    expect(await target.db.selectFrom("teams").select("name").execute()).toEqual([{ name: "Northside" }]);
  });

  it("prints a personal API token on its last line that authenticates as the user", async () => {
    const run = await allies(["token", "create", "--user", "LEAD@example.org", "--name", "scripts"], target.url);
    expect(run.code, run.stderr).toBe(0);
    const token = lastLine(run.stdout);
    const actor = await actorForApiToken(target.db, token);
    expect(actor?.email).toBe("lead@example.org");
    const stored = await target.db.selectFrom("api_tokens").select(["name", "token_hash"]).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.name).toBe("scripts");
    expect(stored[0]!.token_hash).not.toContain(token);

    const nobody = await allies(["token", "create", "--user", "nobody@example.org", "--name", "x"], target.url);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain("no active staff account");
    expect((await allies(["token", "create", "--user", "lead@example.org"], target.url)).code).toBe(2);
  });
});

describe("allies backup, restore and audit verify", SLOW, () => {
  it("copies a database into another and refuses to overwrite data without --force", async () => {
    const from = await database();
    const into = await database();
    expect((await allies(["seed", "--scale", "30"], from.url)).code).toBe(0);
    const file = path.join(dir, "scale.allies-backup");
    const backup = await allies(["backup", file], from.url);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ rows of \d+ tables/);

    // Restoring empties the audit log, which on PostgreSQL only the owner may do.
    const restored = await allies(["restore", file], asOwner(into).url);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("Audit chain OK: 1501 rows");
    expect(await into.db.selectFrom("participants").selectAll().orderBy("id").execute())
      .toEqual(await from.db.selectFrom("participants").selectAll().orderBy("id").execute());

    const refused = await allies(["restore", file], asOwner(into).url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect((await allies(["restore", file, "--force"], asOwner(into).url)).code).toBe(0);
    expect(await allies(["audit", "verify"], into.url)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Audit chain OK: 1502 rows\n/) });
    expect((await allies(["restore", path.join(dir, "missing")], into.url)).code).toBe(2);
  });

  it("encrypts a backup with a passphrase from standard input and restores it only with that passphrase", async () => {
    const from = await database();
    const into = await database();
    expect((await allies(["seed", "--scale", "3"], from.url)).code).toBe(0);
    const file = path.join(dir, "sealed.allies-backup");
    expect((await allies(["backup", file, "--passphrase-stdin"], from.url, "short\n")).code).toBe(2);
    const backup = await allies(["backup", file, "--passphrase-stdin"], from.url, "a long enough passphrase\n");
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(", encrypted:");

    const withoutKey = await allies(["restore", file], asOwner(into).url);
    expect(withoutKey.code).toBe(2);
    expect(withoutKey.stderr).toContain("--passphrase-stdin");
    expect((await allies(["restore", file, "--passphrase-stdin"], asOwner(into).url, "not the passphrase at all\n")).code).not.toBe(0);
    const restored = await allies(["restore", file, "--passphrase-stdin"], asOwner(into).url, "a long enough passphrase\n");
    expect(restored.code, restored.stderr).toBe(0);
    expect(await into.db.selectFrom("participants").selectAll().orderBy("id").execute())
      .toEqual(await from.db.selectFrom("participants").selectAll().orderBy("id").execute());
  });

  it("audit verify names the row edited behind the app's back", async () => {
    const target = await database();
    expect((await allies(["seed", "--scale", "5"], target.url)).code).toBe(0);
    expect((await allies(["create-user", "--email", "a@example.org", "--name", "A", "--role", "admin"], target.url)).code).toBe(0);
    expect((await allies(["token", "create", "--user", "a@example.org", "--name", "t"], target.url)).code).toBe(0);
    expect(await allies(["audit", "verify"], target.url)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Audit chain OK: 253 rows\n/) });

    await sql`update audit_log set actor_label = ${"someone else"} where seq = ${2}`.execute(asOwner(target).db);
    const broken = await allies(["audit", "verify"], target.url);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("Audit chain EDITED: a row was changed after it was written.\nAt row 2: its content does not match its keyed hash.");
  });

  it("audit checkpoint signs the end, and verify then names rows removed from the end and the head moved back", async () => {
    const target = await database();
    expect((await allies(["seed", "--scale", "2"], target.url)).code).toBe(0);
    const signed = await allies(["audit", "checkpoint"], target.url);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/^Checkpoint of row 101 appended to .*\.audit-checkpoints\.jsonl\.\n$/);

    const owner = asOwner(target).db;
    await owner.deleteFrom("audit_log").where("seq", ">", 95).execute();
    const end = await owner.selectFrom("audit_log").select("hash").where("seq", "=", 95).executeTakeFirstOrThrow();
    await owner.updateTable("audit_head").set({ seq: 95, hash: end.hash }).execute();
    const truncated = await allies(["audit", "verify"], target.url);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/^Audit chain TRUNCATED: rows were removed from the end of the log\.\nAt row 96: the log ends at row 95, but the manual checkpoint of .* recorded row 101/);
    // The server would not sign the moved end either.
    expect(await allies(["audit", "checkpoint"], target.url)).toMatchObject({ code: 1 });
  });
});

describe("allies user password and reset-link", SLOW, () => {
  it("sets a password read from standard input, ending every session, and makes a one-time reset link", async () => {
    const target = await database();
    const made = await allies(["create-user", "--email", "boss@example.org", "--name", "Bo Boss", "--role", "admin", "--password-stdin"], target.url, "the first pass phrase\n");
    expect(made.code, made.stderr).toBe(0);
    const user = await target.db.selectFrom("users").select("id").where("email", "=", "boss@example.org").executeTakeFirstOrThrow();
    const first = await signIn(target.db, { email: "boss@example.org", password: "the first pass phrase" }, meta, "cli-test");
    expect(first.ok).toBe(true);

    const tooShort = await allies(["user", "password", "boss@example.org"], target.url, "short\n");
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toContain("at least 12 characters");
    const unknown = await allies(["user", "password", "nobody@example.org"], target.url, "a second pass phrase\n");
    expect(unknown.code).toBe(2);

    const set = await allies(["user", "password", "Boss@Example.org"], target.url, "a second pass phrase\n");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("Sessions ended: 1");
    expect(await target.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect((await signIn(target.db, { email: "boss@example.org", password: "the first pass phrase" }, meta, "cli-test")).ok).toBe(false);
    expect((await signIn(target.db, { email: "boss@example.org", password: "a second pass phrase" }, meta, "cli-test")).ok).toBe(true);

    const link = await allies(["user", "reset-link", "boss@example.org", "--base-url", "https://allies.example.org"], target.url);
    expect(link.code, link.stderr).toBe(0);
    expect(lastLine(link.stdout)).toMatch(/^https:\/\/allies\.example\.org\/password-reset\/[\w-]{43}$/);
    const audit = await target.db.selectFrom("audit_log").select(["action", "actor_label"]).where("entity_id", "=", user.id)
      .where("action", "in", ["user.change_password", "user.password_reset_issue"]).orderBy("seq").execute();
    expect(audit).toEqual([
      { action: "user.change_password", actor_label: "allies user password" },
      { action: "user.password_reset_issue", actor_label: "allies user reset-link" },
    ]);
  });
});

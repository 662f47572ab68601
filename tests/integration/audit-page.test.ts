import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { recordAudit } from "../../src/domain/audit/audit.server.ts";
import { freshDatabase } from "../support/db.ts";
import { Client, startTestServer } from "../support/server.ts";
import { buildWorld, TEST_PASSWORD, type World } from "../support/world.ts";

// The admin's audit log page: filters, pagination, and the audit of looking.
let database: DbHandle;
let world: World;
let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Client;

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  server = await startTestServer(database);
  // Some history to look at: sign-ins by several people, and participant reads.
  for (const email of ["spec1@test.org", "spec2@test.org", "sup1@test.org"]) {
    const client = new Client(server.url);
    await client.signIn(email, TEST_PASSWORD);
    await client.api("GET", `/participants/${world.participants.participant1.id}`);
  }
  admin = new Client(server.url);
  await admin.signIn("admin@test.org", TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

/** The action codes in the table's rows, top to bottom. */
function actionsShown(html: string): string[] {
  const table = /<table[^>]*data-testid="audit-rows"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<code[^>]*>([\w.]+)<\/code>/g)].map((m) => m[1]!);
}

describe("audit log page", () => {
  it("filters by action", async () => {
    const response = await admin.fetch("/admin/audit?action=user.sign_in");
    expect(response.status).toBe(200);
    const shown = actionsShown(await response.text());
    expect(shown.length).toBe(4);
    expect(new Set(shown)).toEqual(new Set(["user.sign_in"]));
  });

  it("shows newest first, with who, from where and why", async () => {
    const html = await (await admin.fetch("/admin/audit?actor=spec1")).text();
    const shown = actionsShown(html);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]).not.toBe("user.sign_in");
    expect(shown.at(-1)).toBe("user.sign_in");
    expect(html).toContain("spec1@test.org");
    expect(html).not.toContain("spec2@test.org");
    expect(html).toContain("password verified");
    expect(html).toContain("127.0.0.1");
  });

  it("filters by participant and by dates", async () => {
    const id = world.participants.participant1.id;
    const byParticipant = actionsShown(await (await admin.fetch(`/admin/audit?participant=${id}`)).text());
    expect(byParticipant.length).toBeGreaterThan(0);
    // Reads of that participant, and the attempts refused on them (another team's specialist).
    expect(byParticipant).toContain("participant.read");
    expect(byParticipant.every((action) => action === "participant.read" || action === "access.refused")).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect(actionsShown(await (await admin.fetch(`/admin/audit?from=${today}&to=${today}`)).text()).length).toBeGreaterThan(0);
    const none = await (await admin.fetch("/admin/audit?from=2001-01-01&to=2001-01-02")).text();
    expect(actionsShown(none)).toEqual([]);
    expect(none).toContain("No entries match.");
  });

  it("records each look at the log, with the filter used", async () => {
    await admin.fetch("/admin/audit?action=participant.read&actor=sup1");
    const row = await database.db.selectFrom("audit_log").selectAll().where("action", "=", "audit.list").orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(world.users.admin.id);
    expect(row.reason).toBe("read:audit:any");
    expect(JSON.parse(row.details).filter).toMatchObject({ action: "participant.read", actor: "sup1", page: 1 });
  });

  it("pages through 50 rows at a time", async () => {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 60; i++) {
        await recordAudit(trx, {
          actor: { userId: null, label: "bulk-loader" }, action: "data.seed", entityType: "demo", entityId: String(i), reason: "test", meta: { ip: null, requestId: null },
        });
      }
    });
    const first = await (await admin.fetch("/admin/audit?action=data.seed")).text();
    expect(actionsShown(first)).toHaveLength(50);
    expect(first).toContain('href="/admin/audit?action=data.seed&amp;page=2"');
    const second = await (await admin.fetch("/admin/audit?action=data.seed&page=2")).text();
    expect(actionsShown(second)).toHaveLength(10);
    expect(second).toContain("demo 0");
    expect(second).not.toContain("page=3");
  });

  it("shows each entry's details, and none for an event that has none", async () => {
    await admin.fetch("/admin/audit?actor=spec2");
    const html = await (await admin.fetch("/admin/audit?action=audit.list")).text();
    const table = /<table[^>]*data-testid="audit-rows"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(table).toContain("Show details");
    expect(table).toMatch(/&quot;actor&quot;: &quot;spec2&quot;/);

    const leaving = new Client(server.url);
    await leaving.signIn("spec1@test.org", TEST_PASSWORD);
    await leaving.postForm("/sign-out", {});
    const signOuts = /<table[^>]*data-testid="audit-rows"[\s\S]*?<\/table>/.exec(await (await admin.fetch("/admin/audit?action=user.sign_out")).text())?.[0] ?? "";
    expect(actionsShown(signOuts).length).toBeGreaterThan(0);
    expect(signOuts).not.toContain("Show details");
  });

  it("explains a bad date instead of showing everything", async () => {
    const response = await admin.fetch("/admin/audit?from=yesterday");
    expect(response.status).toBe(400);
    expect(actionsShown(await response.text())).toEqual([]);
  });

  it("is not there for specialists and supervisors", async () => {
    for (const email of ["spec1@test.org", "sup1@test.org"]) {
      const client = new Client(server.url);
      await client.signIn(email, TEST_PASSWORD);
      expect((await client.fetch("/admin/audit")).status).toBe(404);
    }
  });
});

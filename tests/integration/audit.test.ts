import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DbHandle } from "../../src/db/index.ts";
import { recordAudit, recordAuditRows, verifyAuditChain } from "../../src/domain/audit/audit.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { createParticipant, getParticipant, listCaseload, updateParticipant } from "../../src/domain/participants/participants.server.ts";
import { participantInputSchema } from "../../src/domain/participants/model.ts";
import { asOwner, freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";

let database: DbHandle;
let world: World;
const meta = { ip: "203.0.113.9", requestId: "req-1" };

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function auditRows() {
  return database.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
}

describe("audit log", () => {
  it("records every read and write of a participant with who, what, when, from where and why", async () => {
    const { specialist1 } = world.actors;
    const before = (await auditRows()).length;
    const created = await createParticipant(database.db, specialist1, participantInputSchema.parse({ firstName: "Ana", lastName: "Diaz" }), meta);
    if (!created.ok) throw new Error("create failed");
    const id = created.participant.id;
    await getParticipant(database.db, specialist1, id, meta);
    await updateParticipant(database.db, specialist1, id, { ...participantInputSchema.parse({ firstName: "Ana", lastName: "Diaz", workGoal: "Nurse aide" }), version: 1 }, meta);
    await listCaseload(database.db, specialist1, { q: "", page: 1, status: "active" }, meta);

    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => r.action)).toEqual(["participant.create", "participant.read", "participant.update", "participant.list"]);
    for (const row of rows) {
      expect(row.actor_id).toBe(specialist1.userId);
      expect(row.ip).toBe("203.0.113.9");
      expect(row.request_id).toBe("req-1");
      expect(row.reason).toMatch(/participant/);
      expect(row.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(rows[1]!.reason).toBe("read:participant:own");
    expect(JSON.parse(rows[2]!.details).fields).toEqual(["workGoal"]);
  });

  it("writes only an access.refused row for a refused read", async () => {
    const before = (await auditRows()).length;
    const view = await getParticipant(database.db, world.actors.specialist2, world.participants.participant1.id, meta);
    expect(view).toBeNull();
    const written = (await auditRows()).slice(before);
    expect(written.map((row) => [row.action, row.actor_id, row.participant_id])).toEqual([["access.refused", world.actors.specialist2.userId, world.participants.participant1.id]]);
    expect(JSON.parse(written[0]!.details)).toEqual({ action: "read:participant", entityType: "participant", reason: "not_permitted" });
  });

  it("leaves no audit row when the change rolls back", async () => {
    const before = await auditRows();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable("participants").set({ work_goal: "Changed" }).where("id", "=", world.participants.participant2.id).execute();
        await recordAudit(trx, { actor: world.actors.specialist2, action: "participant.update", entityType: "participant", reason: "test", details: { fields: ["workGoal"], fromVersion: 1 }, meta });
        throw new Error("something failed after the audit row");
      }),
    ).rejects.toThrow("something failed");
    const after = await auditRows();
    expect(after.length).toBe(before.length);
    const participant = await database.db.selectFrom("participants").select("work_goal").where("id", "=", world.participants.participant2.id).executeTakeFirstOrThrow();
    expect(participant.work_goal).toBeNull();
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("keeps one unbroken chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction().execute((trx) =>
          recordAudit(trx, { actor: { userId: null, label: "load" }, action: "data.seed", entityType: "test", reason: `writer ${i}`, meta: systemMeta }),
        ),
      ),
    );
    const check = await verifyAuditChain(database.db);
    expect(check).toMatchObject({ ok: true });
  });

  it("appends many rows at once as the same chain, next to single writers", async () => {
    const before = (await auditRows()).length;
    const event = (i: number) => ({ actor: { userId: null, label: "bulk" }, action: "data.seed" as const, entityType: "test", reason: `row ${i}`, meta: systemMeta });
    await Promise.all([
      // More rows than one insert statement takes, so the chunks must join up.
      database.db.transaction().execute((trx) => recordAuditRows(trx, Array.from({ length: 2500 }, (_, i) => event(i)))),
      ...Array.from({ length: 5 }, (_, i) => database.db.transaction().execute((trx) => recordAudit(trx, event(10_000 + i)))),
    ]);
    await database.db.transaction().execute((trx) => recordAuditRows(trx, []));
    const rows = (await auditRows()).slice(before);
    expect(rows).toHaveLength(2505);
    const bulk = rows.filter((r) => Number(r.reason.slice(4)) < 10_000).map((r) => Number(r.reason.slice(4)));
    expect(bulk).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: before + 2505 });
  });

  it("writes typed events of every shape, a disclosure and a refusal among them, and the chain still verifies", async () => {
    const before = (await auditRows()).length;
    const participantId = world.participants.participant1.id;
    const supportPersonId = "support-person-1";
    await database.db.transaction().execute((trx) => recordAuditRows(trx, [
      { actor: world.actors.specialist1, action: "participant.read", entityType: "participant", entityId: participantId, participantId, reason: "read:participant:own", meta },
      {
        actor: world.actors.specialist1, action: "plan.read", entityType: "participant", entityId: participantId, participantId, reason: "read:participant:own", meta,
        details: { takeHome: `support:${supportPersonId}`, allowed: true, disclosure: { readerKind: "support_person", readerId: supportPersonId, categories: ["employment_goals", "work_schedule"] } },
      },
      {
        actor: world.actors.specialist2, action: "access.refused", entityType: "participant", entityId: participantId, participantId, reason: "not on the actor's caseload or team", meta,
        details: { action: "read", entityType: "participant", reason: "not on the actor's caseload or team" },
      },
      { actor: { kind: "support_person", id: supportPersonId, label: "Maria Lopez" }, action: "meeting.respond", entityType: "meeting", entityId: "meeting-1", participantId, reason: "invitation link", meta, details: { supportPersonId, response: "yes" } },
    ]));
    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ["participant.read", world.users.specialist1.id],
      ["plan.read", world.users.specialist1.id],
      ["access.refused", world.users.specialist2.id],
      ["meeting.respond", `support_person:${supportPersonId}`],
    ]);
    expect(JSON.parse(rows[0]!.details)).toEqual({});
    expect(JSON.parse(rows[1]!.details).disclosure).toEqual({ readerKind: "support_person", readerId: supportPersonId, categories: ["employment_goals", "work_schedule"] });
    expect(JSON.parse(rows[2]!.details)).toEqual({ action: "read", entityType: "participant", reason: "not on the actor's caseload or team" });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("refuses an event whose details do not fit its action, and the change it was recording rolls back with it", async () => {
    const before = (await auditRows()).length;
    const participantId = world.participants.participant2.id;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable("participants").set({ work_goal: "Welder" }).where("id", "=", participantId).execute();
        // What a caller outside TypeScript's reach could send: the record's content in a read's details.
        const leaky = { workGoal: "Welder" } as unknown as undefined;
        await recordAudit(trx, { actor: world.actors.specialist2, action: "participant.read", entityType: "participant", participantId, reason: "read:participant:own", details: leaky, meta });
      }),
    ).rejects.toThrow(/participant\.read does not fit its schema/);
    expect((await auditRows()).length).toBe(before);
    const participant = await database.db.selectFrom("participants").select("work_goal").where("id", "=", participantId).executeTakeFirstOrThrow();
    expect(participant.work_goal).toBeNull();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("detects a row edited after the fact", async () => {
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const victim = (await auditRows())[1]!;
    await sql`update audit_log set actor_label = ${"someone-else@example.org"} where seq = ${victim.seq}`.execute(asOwner(database).db);
    const check = await verifyAuditChain(database.db);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.brokenAtSeq).toBe(Number(victim.seq));
  });
});

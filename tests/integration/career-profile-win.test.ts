import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { addPayStub } from "../../src/domain/benefits/earnings.server.ts";
import { payStubInputSchema } from "../../src/domain/benefits/records.ts";
import { listMilestones } from "../../src/domain/milestones/milestones.server.ts";
import { participantInputSchema } from "../../src/domain/participants/model.ts";
import { getParticipant, updateParticipant } from "../../src/domain/participants/participants.server.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";
import { authorized } from "../support/access.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";

let database: DbHandle;
let world: World;
const meta = { ip: "127.0.0.1", requestId: null };
beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe("small wins from events", () => {
  it("records 'career profile done' once, when the profile is filled in", async () => {
    const actor = world.actors.specialist1;
    const id = world.participants.participant1.id;
    const milestones = () => database.db.selectFrom("milestones").select(["kind", "source"]).where("participant_id", "=", id).execute();
    const base = { firstName: "Pat", lastName: "Quinn", workGoal: "Baker", strengths: "Early riser" };
    const first = await updateParticipant(database.db, actor, id, { ...participantInputSchema.parse(base), version: 1 }, meta);
    expect(first.ok).toBe(true);
    expect(await milestones()).toEqual([]);

    const full = { ...base, jobPreferences: "Mornings", interests: "Bread" };
    await updateParticipant(database.db, actor, id, { ...participantInputSchema.parse(full), version: 2 }, meta);
    await updateParticipant(database.db, actor, id, { ...participantInputSchema.parse({ ...full, interests: "Cakes" }), version: 3 }, meta);
    expect(await milestones()).toEqual([{ kind: "career_profile_done", source: "event" }]);
    expect((await getParticipant(database.db, actor, id, meta))?.participant.version).toBe(4);
  });

  it("records 'first paycheck' once, on the pay date of the first pay stub, in the same transaction as the stub", async () => {
    const actor = world.actors.specialist1b;
    const id = world.participants.participant1b.id;
    const milestones = () => database.db.selectFrom("milestones").select(["kind", "source", "occurred_on"]).where("participant_id", "=", id).execute();
    const stub = (payDate: string, clientKey: string) =>
      payStubInputSchema.parse({ payDate, periodStart: "2025-03-01", periodEnd: "2025-03-14", hours: 20, gross: "300", employer: "Corner Bakery", clientKey });

    const first = await addPayStub(database.db, await authorized(database.db, actor, id), stub("2025-03-18", "stub-1"), meta);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await milestones()).toEqual([{ kind: "first_paycheck", source: "event", occurred_on: "2025-03-18" }]);
    const audit = await database.db.selectFrom("audit_log").select("action").where("participant_id", "=", id).where("action", "in", ["pay_stub.create", "milestone.create"]).orderBy("seq").execute();
    expect(audit.map((row) => row.action)).toEqual(["pay_stub.create", "milestone.create"]);

    // The same form sent again, a second stub, and a stub after voiding all leave the one win.
    expect(await addPayStub(database.db, await authorized(database.db, actor, id), stub("2025-03-18", "stub-1"), meta)).toMatchObject({ ok: true, created: false });
    expect(await addPayStub(database.db, await authorized(database.db, actor, id), stub("2025-04-01", "stub-2"), meta)).toMatchObject({ ok: true, created: true });
    expect(await milestones()).toHaveLength(1);
    const listed = await listMilestones(database.db, await authorized(database.db, actor, id, "read"), meta);
    expect(listed?.milestones.map((m) => [m.kind, m.source, m.occurredOn])).toEqual([["first_paycheck", "event", "2025-03-18"]]);

    // A participant with pay stubs logged before wins were recorded (here: the win removed) gets none from a later stub.
    const other = world.participants.participant1.id;
    expect((await addPayStub(database.db, await authorized(database.db, world.actors.specialist1, other), stub("2025-03-18", "other-1"), meta)).ok).toBe(true);
    await database.db.deleteFrom("milestones").where("participant_id", "=", other).where("kind", "=", "first_paycheck").execute();
    await addPayStub(database.db, await authorized(database.db, world.actors.specialist1, other), stub("2025-04-01", "other-2"), meta);
    expect(await database.db.selectFrom("milestones").select("kind").where("participant_id", "=", other).where("kind", "=", "first_paycheck").execute()).toEqual([]);
  });

  it("records no win when the pay stub is refused", async () => {
    const id = world.participants.participant2.id;
    // Another team's participant: no authorized value to add a pay stub with, and the refusal is audited.
    expect(await authorizeParticipant(database.db, world.actors.specialist1, id, "update", meta)).toBeNull();
    expect(await database.db.selectFrom("milestones").select("id").where("participant_id", "=", id).execute()).toEqual([]);
  });
});

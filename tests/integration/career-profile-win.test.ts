import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { participantInputSchema } from "../../src/domain/participants/model.ts";
import { getParticipant, updateParticipant } from "../../src/domain/participants/participants.server.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";

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
});

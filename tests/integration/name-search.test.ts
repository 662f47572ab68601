import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { up as refoldSearchNames } from "../../src/db/migrations/0019_search_without_accents.ts";
import { buildParticipant } from "../../src/db/seed/factories.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { listCaseload } from "../../src/domain/participants/participants.server.ts";
import { foldForSearch } from "../../src/domain/participants/search-name.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";

// Issue 13: a name search ignores accents and case, on SQLite and PostgreSQL alike.
let database: DbHandle;
let world: World;
beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
});
afterAll(async () => database?.close());

async function found(q: string): Promise<string[]> {
  const page = await listCaseload(database.db, world.actors.specialist1, { q, status: "active", page: 1 }, systemMeta);
  return page.participants.map((p) => `${p.firstName} ${p.lastName}`);
}

describe("searching the caseload by name", () => {
  it("finds Ramírez by 'ramirez' and Nguyễn by 'nguyen', and by the name as written", async () => {
    await buildParticipant(database.db, world.users.specialist1.id, { firstName: "José", lastName: "Ramírez" });
    await buildParticipant(database.db, world.users.specialist1.id, { firstName: "Thị Minh Khai", lastName: "Nguyễn" });
    for (const q of ["ramirez", "RAMIREZ", "Ramírez", "jose ram"]) expect(await found(q), q).toEqual(["José Ramírez"]);
    for (const q of ["nguyen", "Nguyễn", "thi minh", "NGUYÊN"]) expect(await found(q), q).toEqual(["Thị Minh Khai Nguyễn"]);
    expect(await found("ramos")).toEqual([]);
  });

  it("folds names saved before, when migration 0019 runs", async () => {
    const old = await buildParticipant(database.db, world.users.specialist1.id, { firstName: "Zoë", lastName: "Peña" });
    // As the app stored it before: only lower-cased.
    await database.db.updateTable("participants").set({ search_name: "zoë peña peña, zoë" }).where("id", "=", old.id).execute();
    expect(await found("pena")).toEqual([]);
    await refoldSearchNames(database.db);
    expect(await found("pena")).toEqual(["Zoë Peña"]);
    expect(await found("zoe")).toEqual(["Zoë Peña"]);
  });

  it("folds the same way whatever the form the letters were typed in", () => {
    expect(foldForSearch("Rami\u0301rez")).toBe(foldForSearch("Ramírez"));
    expect(foldForSearch("Đặng Łukasz Søren")).toBe("dang lukasz soren");
  });
});

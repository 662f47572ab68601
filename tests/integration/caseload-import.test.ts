import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// The caseload import (issue 16 §3): a file is checked as a whole, nothing is written
// unless every line passes, a dry run writes nothing, the same file twice changes
// nothing, a changed detail updates the record over its version, and only an
// administrator may import.
const app = useTestApp();
const { clientFor, lastSeq } = app;

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", seq).orderBy("seq").execute()).map((r) => r.action);
}
const imported = () => app.database.db.selectFrom("participants").selectAll().where("external_id", "is not", null).orderBy("external_id").execute();

const GOOD = [
  "external_id,first_name,last_name,phone,preferred_language,specialist_email,support_name,support_relationship,support_closeness,support_phone",
  "A-1,Ana,Ramírez,555-0100,es,spec1@test.org,Rosa Ramírez,relative,inner,555-0101",
  "A-1,,,,,,Tom Lee,friend,friends,",
  "A-2,Lee,Nguyễn,,en,spec2@test.org,,,,",
].join("\n");

describe("caseload import", () => {
  it("checks, refuses a bad file whole, imports a good one once, and updates only what changed", async () => {
    const admin = await clientFor("admin@test.org");
    expect((await admin.fetch("/admin/import")).status).toBe(200);

    const bad = GOOD.replace("A-2,Lee,", "A-2,,").replace("spec2@test.org", "nobody@test.org");
    let before = await lastSeq();
    const refused = await admin.postForm("/admin/import", { csv: bad, intent: "import" });
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain("Enter a first name.");
    expect(page).toContain("No active specialist has the email nobody@test.org.");
    expect(await imported()).toHaveLength(0);
    expect(await app.database.db.selectFrom("support_persons").select("id").where("name", "=", "Rosa Ramírez").execute()).toHaveLength(0);

    before = await lastSeq();
    const checked = await admin.postForm("/admin/import", { csv: GOOD, intent: "check" });
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain("2 new participants, 0 changed, 0 unchanged; 2 support persons added, 0 changed.");
    expect(await imported()).toHaveLength(0);
    expect(await actionsSince(before)).toEqual(["caseload.import"]);

    before = await lastSeq();
    const done = await admin.postForm("/admin/import", { csv: GOOD, intent: "import" });
    expect(done.status).toBe(200);
    const rows = await imported();
    expect(rows.map((r) => [r.external_id, r.first_name, r.last_name, r.specialist_id])).toEqual([
      ["A-1", "Ana", "Ramírez", app.world.users.specialist1.id], ["A-2", "Lee", "Nguyễn", app.world.users.specialist2.id],
    ]);
    const people = await app.database.db.selectFrom("support_persons").select(["name", "relationship_kind", "closeness", "phone"]).where("participant_id", "=", rows[0]!.id).orderBy("name").execute();
    expect(people).toEqual([
      { name: "Rosa Ramírez", relationship_kind: "relative", closeness: "inner", phone: "555-0101" },
      { name: "Tom Lee", relationship_kind: "friend", closeness: "friends", phone: null },
    ]);
    const written = await actionsSince(before);
    expect(written.filter((a) => a === "participant.create")).toHaveLength(2);
    expect(written.filter((a) => a === "support_person.create")).toHaveLength(2);
    expect(written.at(-1)).toBe("caseload.import");

    // The same file again changes nothing.
    before = await lastSeq();
    const again = await admin.postForm("/admin/import", { csv: GOOD, intent: "import" });
    expect(await again.text()).toContain("0 new participants, 0 changed, 2 unchanged; 0 support persons added, 0 changed.");
    expect(await actionsSince(before)).toEqual(["caseload.import"]);
    expect((await imported()).map((r) => r.version)).toEqual(rows.map((r) => r.version));

    // A new phone for Ana and for Rosa: two updates, each over the version read.
    const changed = GOOD.replace("555-0100", "555-0199").replace("555-0101", "555-0188");
    before = await lastSeq();
    const update = await admin.postForm("/admin/import", { csv: changed, intent: "import" });
    expect(await update.text()).toContain("0 new participants, 1 changed, 1 unchanged; 0 support persons added, 1 changed.");
    const ana = (await imported())[0]!;
    expect([ana.phone, ana.version]).toEqual(["555-0199", rows[0]!.version + 1]);
    expect((await app.database.db.selectFrom("support_persons").select("phone").where("name", "=", "Rosa Ramírez").executeTakeFirstOrThrow()).phone).toBe("555-0188");
    expect(await actionsSince(before)).toEqual(["participant.update", "support_person.update", "caseload.import"]);
  });

  it("is an administrator's page: a specialist or supervisor is told it does not exist", async () => {
    for (const email of ["spec1@test.org", "sup1@test.org"]) {
      const client = await clientFor(email);
      expect((await client.fetch("/admin/import")).status).toBe(404);
      expect((await client.postForm("/admin/import", { csv: GOOD.replaceAll("A-", "Z-"), intent: "import" })).status).toBe(404);
    }
    expect((await imported()).filter((r) => r.external_id!.startsWith("Z-"))).toHaveLength(0);
  });
});

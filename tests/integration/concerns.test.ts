import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// Concerns on the participant's record, outside any meeting: logged from the concerns
// page, shown on the participant's page with their status and plan, updated without
// overwriting a newer version, audited, and refused to other caseloads like a missing record.
const app = useTestApp();
const { clientFor, lastSeq } = app;

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", seq).orderBy("seq").execute()).map((r) => r.action);
}

describe("concerns on the participant's record", () => {
  it("logs a concern without a meeting, shows it with its plan, and updates its status once", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const page = `/participants/${id}/concerns`;
    expect((await spec1.fetch(page)).status).toBe(200);

    const empty = await spec1.postForm(page, { intent: "concern", type: "transport", raisedBy: "participant", description: "", clientKey: "k-1" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Describe the concern in a few words.");
    expect(await app.database.db.selectFrom("concerns").select("id").where("participant_id", "=", id).execute()).toHaveLength(0);

    const before = await lastSeq();
    const fields = { intent: "concern", type: "transport", raisedBy: "participant", description: "No bus before 7 on Sundays.", mitigationPlan: "Ask Lena about Sunday rides.", clientKey: "k-2" };
    const created = await spec1.postForm(page, fields);
    expect(created.status).toBe(302);
    // Sent twice (a reload after a dropped connection), it is still one concern.
    expect((await spec1.postForm(page, fields)).status).toBe(302);
    const rows = await app.database.db.selectFrom("concerns").selectAll().where("participant_id", "=", id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.meeting_id).toBeNull();
    expect(await actionsSince(before)).toContain("concern.create");

    const overview = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(overview).toContain("Getting to work");
    expect(overview).toContain("No bus before 7 on Sundays.");
    expect(overview).toContain("Plan: Ask Lena about Sunday rides.");
    const concernsPage = await (await spec1.fetch(page)).text();
    expect(concernsPage).toContain("Map the trip to work"); // the talking points for transport

    const concernId = rows[0]!.id;
    const update = { intent: "concernUpdate", concernId, status: "resolved", mitigationPlan: "Lena drives on Sundays.", version: "1" };
    expect((await spec1.postForm(page, update)).status).toBe(302);
    const stale = await spec1.postForm(page, { ...update, status: "open" });
    expect(stale.status).toBe(409);
    const saved = await app.database.db.selectFrom("concerns").select(["status", "mitigation_plan", "version"]).where("id", "=", concernId).executeTakeFirstOrThrow();
    expect([saved.status, saved.mitigation_plan, Number(saved.version)]).toEqual(["resolved", "Lena drives on Sundays.", 2]);
    expect(await (await spec1.fetch(`/participants/${id}`)).text()).not.toContain("No bus before 7 on Sundays.");
  });

  it("answers another team's specialist as if the participant did not exist, and stores nothing", async () => {
    const spec2 = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await spec2.fetch(`/participants/${id}/concerns`)).status).toBe(404);
    expect((await spec2.fetch(`/participants/${missing}/concerns`)).status).toBe(404);
    const before = await app.database.db.selectFrom("concerns").select("id").execute();
    const post = await spec2.postForm(`/participants/${id}/concerns`, { intent: "concern", type: "relapse", raisedBy: "participant", description: "x", clientKey: "k-3" });
    expect(post.status).toBe(404);
    expect(await app.database.db.selectFrom("concerns").select("id").execute()).toHaveLength(before.length);
  });
});

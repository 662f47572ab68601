import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// Issue 14, section 3 through the real HTTP stack on SQLite or PostgreSQL: a school or
// training goal beside the work goal, and strengths named at a meeting that reach the
// career profile with who named them, where the specialist keeps or removes each.
const app = useTestApp();
const { clientFor, lastSeq } = app;

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "entity_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

describe("work or school", () => {
  it("keeps a school or training goal beside the work goal, through the API and the overview", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const current = await (await spec1.api("GET", `/participants/${id}`)).json();
    const put = await spec1.api("PUT", `/participants/${id}`, {
      firstName: current.firstName, lastName: current.lastName, workGoal: "Cook in a diner", schoolGoal: "Finish my GED at night school", version: current.version,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ workGoal: "Cook in a diner", schoolGoal: "Finish my GED at night school" });
    const page = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(page).toContain("School or training goal");
    expect(page).toContain("Finish my GED at night school");
  });
});

describe("strengths named at a meeting", () => {
  it("appear in the career profile with who named them; the specialist keeps or removes each, audited, and the minutes keep them", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await (await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Rosa Ortiz", relationshipKind: "friend", closeness: "inner" })).json();
    const today = new Date().toISOString().slice(0, 10);
    const granted = await spec1.api("POST", `/participants/${id}/consent-grants`, {
      supportPersonId: person.id, categories: ["employment_goals"], purpose: "To help me get and keep a job.",
      mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app",
      signatureName: "Pat Quinn", signedOn: today, participantConfirmed: true,
    });
    expect(granted.status).toBe(201);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Strengths first", scheduledAt: "2030-03-14T18:30", durationMinutes: 60, place: "Library", inviteeIds: [person.id],
    })).json();
    const entry = async (text: string, fields: Record<string, unknown>) => {
      const response = await spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "strength", text, clientKey: crypto.randomUUID(), ...fields });
      expect(response.status).toBe(200);
      // The answer is the meeting; the entry is the one with these words.
      const saved = (await response.json()) as { entries: { id: string; text: string }[] };
      return saved.entries.find((e) => e.text === text)!;
    };
    const rosaSaid = await entry("Never late, even in snow", { speaker: "support_person", supportPersonId: person.id });
    const staffSaid = await entry("Calm with upset customers", { speaker: "specialist" });

    const profile = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(profile).toContain("Never late, even in snow");
    expect(profile).toContain("named by Rosa Ortiz at the meeting of Mar 14, 2030");
    expect(profile).toContain("named by the employment specialist at the meeting of Mar 14, 2030");

    const before = await lastSeq();
    const removed = await spec1.postForm(`/participants/${id}`, { intent: "strength", entryId: staffSaid.id, decision: "removed" });
    expect(removed.status).toBe(302);
    const kept = await spec1.postForm(`/participants/${id}`, { intent: "strength", entryId: rosaSaid.id, decision: "kept" });
    expect(kept.status).toBe(302);
    const after = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(after).toContain("Never late, even in snow");
    expect(after).not.toContain("Calm with upset customers");
    const audit = await auditSince(before);
    expect(audit.filter((r) => r.action === "career_strength.review").map((r) => [r.entity_id, JSON.parse(r.details ?? "{}").decision]))
      .toEqual([[staffSaid.id, "removed"], [rosaSaid.id, "kept"]]);
    // The meeting's own record still has what was said.
    const stored = await (await spec1.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json();
    expect(stored.entries.map((e: { text: string }) => e.text)).toContain("Calm with upset customers");
  });

  it("answers not found, writes nothing but the refusal, for another team's specialist or another participant's strength", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Another", scheduledAt: "2030-04-01T10:00", durationMinutes: 60, place: "Library", inviteeIds: [],
    })).json();
    const saved = await (await spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "strength", speaker: "participant", text: "Good with numbers", clientKey: crypto.randomUUID() })).json();
    const said = (saved.entries as { id: string; text: string }[]).find((e) => e.text === "Good with numbers")!;
    const spec2 = await clientFor("spec2@test.org");
    expect((await spec2.postForm(`/participants/${id}`, { intent: "strength", entryId: said.id, decision: "removed" })).status).toBe(404);
    const spec1b = await clientFor("spec1b@test.org");
    const other = app.world.participants.participant1b.id;
    const before = await lastSeq();
    expect((await spec1b.postForm(`/participants/${other}`, { intent: "strength", entryId: said.id, decision: "removed" })).status).toBe(404);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["access.refused"]);
    expect((await (await spec1.fetch(`/participants/${id}`)).text())).toContain("Good with numbers");
  });
});

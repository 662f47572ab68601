import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { pdfText } from "../support/pdf-text.ts";

// A held meeting's minutes as a PDF (issue 11 §3), through the real HTTP stack on SQLite
// or PostgreSQL: each attendee's copy holds only what their consent covers, carries the
// Part 2 notice when it holds substance use information, and is recorded as handed to them.
const app = useTestApp();
const { clientFor, lastSeq } = app;

const today = () => new Date().toISOString().slice(0, 10);
// A one-pixel PNG: a real logo, as the program settings accept.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "entity_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

async function pdf(client: Client, path: string) {
  const response = await client.fetch(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  // A health record: never left in a browser's or proxy's cache.
  expect(response.headers.get("cache-control")).toBe("no-store");
  const bytes = Buffer.from(await response.arrayBuffer());
  return { text: await pdfText(bytes), hasImage: bytes.toString("latin1").includes("/Subtype /Image") };
}

async function addPerson(client: Client, participantId: string, name: string) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

async function grant(client: Client, participantId: string, personId: string, categories: string[]) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories, purpose: "To help me get and keep a job.",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app",
    signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
}

async function setProgram() {
  const admin = await clientFor("admin@test.org");
  const csrf = (await (await admin.fetch("/admin/program")).text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const form = new FormData();
  for (const [k, v] of Object.entries({ _csrf: csrf, name: "Riverside IPS", phone: "555-0100", timeZone: "America/Chicago", version: "0" })) form.set(k, v);
  form.set("logo", new Blob([Buffer.from(PNG, "base64")], { type: "image/png" }), "logo.png");
  expect((await admin.fetch("/admin/program", { method: "POST", body: form, headers: { origin: app.url } })).status).toBe(302);
}

describe("a held meeting's minutes as a PDF", () => {
  it("gives each attendee a copy of only what their consent covers, under the program's name and logo, and records handing it over", async () => {
    await setProgram();
    const spec = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    // Ana may be shown job-search matters; Ben also substance use treatment.
    const ana = await addPerson(spec, id, `Ana ${crypto.randomUUID().slice(0, 4)}`);
    const ben = await addPerson(spec, id, `Ben ${crypto.randomUUID().slice(0, 4)}`);
    await grant(spec, id, ana.id, ["employment_goals"]);
    await grant(spec, id, ben.id, ["employment_goals"]);
    // Substance use treatment needs a consent of its own (42 CFR Part 2).
    await grant(spec, id, ben.id, ["substance_use_treatment"]);
    const chicagoDay = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
    const created = await spec.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Getting ready for work", scheduledAt: `${chicagoDay}T23:59`, durationMinutes: 60, place: "Eastside library, room 2",
      inviteeIds: [ana.id, ben.id], refreshments: "Coffee", seating: "A round table", agenda: ["Welcome", "Strengths"],
    });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as { id: string };
    const base = `/participants/${id}/meetings/${meeting.id}`;
    expect((await spec.api("POST", `${base}/entries`, { kind: "strength", text: "Always on time", clientKey: crypto.randomUUID() })).status).toBe(200);
    expect((await spec.api("POST", `/participants/${id}/concerns`, {
      type: "relapse", description: "Late shifts could shake Pat's recovery.", raisedBy: "participant", meetingId: meeting.id, clientKey: crypto.randomUUID(),
    })).status).toBe(201);
    expect((await spec.api("PUT", `${base}/attendance`, { cameIds: [ana.id, ben.id] })).status).toBe(200);
    expect((await spec.api("PUT", `${base}/step`, { step: 7 })).status).toBe(200);

    // The minutes page offers the PDF beside Print, for the full copy and for each person's copy.
    expect(await (await spec.fetch(`${base}/minutes`)).text()).toContain(`href="${base}/minutes.pdf"`);
    expect(await (await spec.fetch(`${base}/minutes?for=${ana.id}`)).text()).toContain(`href="${base}/minutes.pdf?for=${ana.id}"`);

    const before = await lastSeq();
    const full = await pdf(spec, `${base}/minutes.pdf`);
    for (const said of ["Riverside IPS", "Minutes: Getting ready for work", "Always on time", "Late shifts could shake Pat's recovery.", ana.name, ben.name, "42 CFR Part 2"]) {
      expect(full.text, said).toContain(said);
    }
    expect(full.hasImage).toBe(true);

    const anaCopy = await pdf(spec, `${base}/minutes.pdf?for=${ana.id}`);
    expect(anaCopy.text).toContain(`Copy for ${ana.name}`);
    expect(anaCopy.text).toContain("Always on time");
    expect(anaCopy.text).not.toContain("Late shifts");
    expect(anaCopy.text).not.toContain("42 CFR Part 2");
    expect(anaCopy.text).toContain("Some of what was said is not in this copy");

    const benCopy = await pdf(spec, `${base}/minutes.pdf?for=${ben.id}`);
    expect(benCopy.text).toContain("Late shifts could shake Pat's recovery.");
    expect(benCopy.text).toContain("42 CFR Part 2");

    const rows = (await auditSince(before)).filter((r) => r.entity_id === meeting.id).map((r) => [r.action, JSON.parse(r.details ?? "{}").disclosure ?? null]);
    expect(rows).toEqual([
      ["meeting.read", null],
      ["meeting.minutes_share", { readerKind: "support_person", readerId: ana.id, categories: ["employment_goals"] }],
      ["meeting.minutes_share", { readerKind: "support_person", readerId: ben.id, categories: ["employment_goals", "substance_use_treatment"] }],
    ]);
  });

  it("answers not found to another team, for someone who did not come, and for a meeting that does not exist", async () => {
    const spec = await clientFor("spec1@test.org");
    const other = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    // The meeting held in the test above.
    const { meetings } = (await (await spec.api("GET", `/participants/${id}/meetings`)).json()) as { meetings: { id: string; title: string }[] };
    const held = meetings.find((m) => m.title === "Getting ready for work")!;
    const base = `/participants/${id}/meetings/${held.id}`;
    const stranger = await addPerson(spec, id, "Not there");
    const before = await lastSeq();
    expect((await other.fetch(`${base}/minutes.pdf`)).status).toBe(404);
    expect((await spec.fetch(`${base}/minutes.pdf?for=${stranger.id}`)).status).toBe(404);
    expect((await spec.fetch(`/participants/${id}/meetings/${crypto.randomUUID()}/minutes.pdf`)).status).toBe(404);
    // Each refusal is on the record; nothing was handed to anyone.
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["access.refused", "access.refused", "access.refused"]);
  });
});

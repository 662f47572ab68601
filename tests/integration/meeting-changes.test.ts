import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Meetings that change (issue 11 §3), through the real HTTP stack on SQLite or PostgreSQL:
// the program's time zone in every calendar file, reschedules that update the same
// calendar event, cancellations kept on the record, invitees added and taken off, edits
// that never overwrite each other, date checks, and minutes filtered per attendee.
const app = useTestApp();
const { clientFor, lastSeq } = app;

const today = () => new Date().toISOString().slice(0, 10);

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "entity_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
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

/** Ana may be shown job-search matters; Ben job-search and benefits matters. */
async function buildNetwork(spec: Client) {
  const id = app.world.participants.participant1.id;
  const ana = await addPerson(spec, id, `Ana ${crypto.randomUUID().slice(0, 4)}`);
  const ben = await addPerson(spec, id, `Ben ${crypto.randomUUID().slice(0, 4)}`);
  await grant(spec, id, ana.id, ["employment_goals"]);
  await grant(spec, id, ben.id, ["employment_goals", "benefits_income"]);
  return { id, ana, ben };
}

const body = (inviteeIds: string[], fields: Record<string, unknown> = {}) => ({
  kind: "support", title: "Getting ready for work", scheduledAt: "2030-03-14T18:30", durationMinutes: 60, place: "Eastside library, room 2",
  inviteeIds, refreshments: "Coffee", seating: "A round table", agenda: ["Welcome", "Strengths"], ...fields,
});

/** A calendar file as a calendar reads it: method, UID, SEQUENCE, status and the real moment it starts. */
function readIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent")!;
  const zone = calendar.getFirstSubcomponent("vtimezone");
  const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
  if (zone) start.zone = new ICAL.Timezone(zone);
  return {
    method: calendar.getFirstPropertyValue("method"), uid: event.getFirstPropertyValue("uid"), sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"), organizer: event.getFirstPropertyValue("organizer"),
    tzid: zone?.getFirstPropertyValue("tzid") ?? null, start: new Date(start.toUnixTime() * 1000).toISOString(),
  };
}

describe("the program settings", () => {
  it("are set by an administrator only, checked, versioned and audited; calendar files then carry the zone", async () => {
    const admin = await clientFor("admin@test.org");
    const spec = await clientFor("spec1@test.org");
    expect((await spec.fetch("/admin/program")).status).toBe(404);
    expect((await spec.postForm("/admin/program", { name: "Sneaky", timeZone: "UTC", version: "0" })).status).toBe(404);

    const bad = await admin.postForm("/admin/program", { name: "", timeZone: "Mars/Olympus", version: "0" });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Give the program&#x27;s name.");
    expect(badPage).toContain("Choose a time zone from the list.");

    const before = await lastSeq();
    const saved = await admin.postForm("/admin/program", {
      name: "Riverside IPS", address: "12 Main St", phone: "555-0100", timeZone: "America/Chicago", version: "0",
    });
    expect(saved.status).toBe(302);
    // A second administrator still on version 0 does not overwrite it.
    const stale = await admin.postForm("/admin/program", { name: "Other name", timeZone: "America/Denver", version: "0" });
    expect(stale.status).toBe(409);
    const row = await app.database.db.selectFrom("program_settings").selectAll().executeTakeFirstOrThrow();
    expect([row.name, row.time_zone, Number(row.version)]).toEqual(["Riverside IPS", "America/Chicago", 1]);
    const audit = await auditSince(before);
    expect(audit.map((r) => r.action)).toEqual(["program.update"]);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ fields: ["name", "address", "phone", "timeZone"], logo: "kept", fromVersion: 0 });
  });

  it("refuse a logo that is not really a PNG or JPEG", async () => {
    const admin = await clientFor("admin@test.org");
    await admin.fetch("/admin/program");
    const form = new FormData();
    const csrf = (await (await admin.fetch("/admin/program")).text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    for (const [k, v] of Object.entries({ _csrf: csrf, name: "Riverside IPS", timeZone: "America/Chicago", version: "1" })) form.set(k, v);
    form.set("logo", new Blob(["<html>not a picture</html>"], { type: "image/png" }), "logo.png");
    const response = await admin.fetch("/admin/program", { method: "POST", body: form, headers: { origin: app.url } });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("The logo must be a PNG or JPEG picture.");
    expect((await app.database.db.selectFrom("program_settings").select("logo_base64").executeTakeFirstOrThrow()).logo_base64).toBeNull();
  });
});

describe("a meeting that changes", () => {
  it("refuses a time already gone, on the page and through the API, and saves nothing", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const count = async () => Number((await app.database.db.selectFrom("meetings").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const api = await spec.api("POST", `/participants/${id}/meetings`, body([ana.id], { scheduledAt: "1999-01-01T10:00" }));
    expect(api.status).toBe(422);
    expect((await api.json()).error.fields).toEqual([expect.objectContaining({ path: "scheduledAt", code: "past" })]);
    const page = await spec.postForm(`/participants/${id}/meetings/new`, {
      kind: "support", title: "Old", scheduledAt: "1999-01-01T10:00", durationMinutes: "60", place: "Library", agenda: "Welcome", inviteeIds: ana.id,
    });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("This time has already passed.");
    expect(await count()).toBe(before);
  });

  it("is marked held only on or after its day", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const early = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}/step`, { step: 7 });
    expect(early.status).toBe(422);
    const page = await spec.postForm(`/participants/${id}/meetings/${meeting.id}/run`, { intent: "step", step: "7" });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("can be marked as held on that day or after");
    expect((await (await spec.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json()).status).toBe("planned");
    // Its minutes page says it has not been held; no copy is handed to anyone.
    expect(await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/minutes`)).text()).toContain('data-testid="minutes-not-held"');
    expect((await spec.fetch(`/participants/${id}/meetings/${meeting.id}/minutes?for=${ana.id}`)).status).toBe(404);
  });

  it("reschedules as an update of the same calendar event, in the program's zone, from the specialist's address", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const icsUrl = `/participants/${id}/meetings/${meeting.id}/invitees/${ana.id}.ics`;
    const first = readIcs(await (await spec.fetch(icsUrl)).text());
    expect(first).toMatchObject({ method: "PUBLISH", sequence: 0, status: "CONFIRMED", tzid: "America/Chicago", organizer: "mailto:spec1@test.org" });
    // 18:30 in Chicago in March (daylight time) is 23:30 UTC.
    expect(first.start).toBe("2030-03-14T23:30:00.000Z");

    const before = await lastSeq();
    const moved = await spec.postForm(`/participants/${id}/meetings/${meeting.id}/edit`, {
      version: String(meeting.version), kind: "support", title: "Getting ready for work", scheduledAt: "2030-03-21T10:00", durationMinutes: "60",
      place: "Eastside library, room 2", refreshments: "Coffee", seating: "A round table", agenda: "Welcome\nStrengths", inviteeIds: ana.id, discloses: "employment_goals",
    });
    expect(moved.status).toBe(302);
    const update = readIcs(await (await spec.fetch(icsUrl)).text());
    expect(update).toMatchObject({ uid: first.uid, sequence: 1, method: "PUBLISH" });
    expect(update.start).toBe("2030-03-21T15:00:00.000Z");
    const printed = await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitations`)).text();
    expect(printed).toContain('data-testid="invitation-updated"');
    const audit = (await auditSince(before)).filter((r) => r.action === "meeting.update");
    expect(JSON.parse(audit[0]!.details!)).toEqual({ fields: ["scheduledAt"], fromVersion: meeting.version, sequence: 1, added: [], removed: [] });
  });

  it("never lets two people editing the same meeting overwrite each other", async () => {
    const spec = await clientFor("spec1@test.org");
    const supervisor = await clientFor("sup1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const mine = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}`, { ...body([ana.id], { place: "The bakery" }), version: meeting.version });
    expect(mine.status).toBe(200);
    const theirs = await supervisor.api("PUT", `/participants/${id}/meetings/${meeting.id}`, { ...body([ana.id], { place: "The park" }), version: meeting.version });
    expect(theirs.status).toBe(409);
    expect((await theirs.json()).error.code).toBe("conflict");
    const page = await supervisor.postForm(`/participants/${id}/meetings/${meeting.id}/edit`, {
      version: String(meeting.version), kind: "support", title: "Getting ready for work", scheduledAt: "2030-03-14T18:30", durationMinutes: "60",
      place: "The park", agenda: "Welcome", inviteeIds: ana.id,
    });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain("Someone else changed this meeting");
    expect(html).toContain("The bakery");
    expect(html).toContain('value="The park"');
    const stored = await (await spec.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json();
    expect([stored.place, stored.version]).toEqual(["The bakery", meeting.version + 1]);
    // Cancelling from an old page is refused the same way.
    const staleCancel = await supervisor.api("POST", `/participants/${id}/meetings/${meeting.id}/cancel`, { version: meeting.version });
    expect(staleCancel.status).toBe(409);
    // So is marking what it tells, on the page and through the API; what is stored stays the specialist's.
    const staleMark = await supervisor.api("PUT", `/participants/${id}/meetings/${meeting.id}/discloses`, { discloses: ["benefits_income"], version: meeting.version });
    expect(staleMark.status).toBe(409);
    expect((await staleMark.json()).error.code).toBe("conflict");
    const staleMarkPage = await supervisor.postForm(`/participants/${id}/meetings/${meeting.id}`, { intent: "discloses", discloses: ["benefits_income"], version: String(meeting.version) });
    expect(staleMarkPage.status).toBe(409);
    expect(await staleMarkPage.text()).toContain("Someone changed this meeting in the meantime, so this was not saved.");
    const marked = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}/discloses`, { discloses: ["employment_goals"], version: meeting.version + 1 });
    expect(marked.status).toBe(200);
    expect((await marked.json()).version).toBe(meeting.version + 2);
    const after = await (await spec.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json();
    expect([after.place, after.discloses, after.version]).toEqual(["The bakery", ["employment_goals"], meeting.version + 2]);
  });

  it("adds and takes off invitees: the one taken off is handed a cancellation and is no longer on the list", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const before = await lastSeq();
    const swapped = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}`, { ...body([ben.id]), version: meeting.version });
    expect(swapped.status).toBe(200);
    const after = await swapped.json();
    expect(after.invitees.map((i: { supportPersonId: string }) => i.supportPersonId)).toEqual([ben.id]);
    expect(after.removedInvitees.map((i: { supportPersonId: string }) => i.supportPersonId)).toEqual([ana.id]);
    // Nothing an invitation says changed: the calendar sequence stays.
    expect(after.sequence).toBe(0);
    const anaIcs = readIcs(await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitees/${ana.id}.ics`)).text());
    expect([anaIcs.method, anaIcs.status]).toEqual(["CANCEL", "CANCELLED"]);
    expect(readIcs(await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitees/${ben.id}.ics`)).text()).method).toBe("PUBLISH");
    // The printout for everyone is only for the people on the list.
    const printed = await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitations`)).text();
    expect(printed).toContain(`data-person-id="${ben.id}"`);
    expect(printed).not.toContain(`data-person-id="${ana.id}"`);
    const update = (await auditSince(before)).find((r) => r.action === "meeting.update")!;
    expect(JSON.parse(update.details!)).toMatchObject({ added: [ben.id], removed: [ana.id] });

    // Ana is invited again: back on the list, no longer handed the cancellation.
    const back = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}`, { ...body([ana.id, ben.id]), version: after.version });
    expect((await back.json()).removedInvitees).toEqual([]);
    expect(readIcs(await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitees/${ana.id}.ics`)).text()).method).toBe("PUBLISH");
  });

  it("cancels a meeting: kept and shown as cancelled, its calendar file the cancellation, no longer run or changed", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const base = `/participants/${id}/meetings/${meeting.id}`;
    const cancelled = await spec.postForm(base, { intent: "cancel", version: String(meeting.version) });
    expect(cancelled.status).toBe(302);
    const page = await (await spec.fetch(`${base}?cancelled=1`)).text();
    expect(page).toContain('data-testid="meeting-cancelled"');
    const list = await (await spec.api("GET", `/participants/${id}/meetings`)).json();
    expect(list.meetings.find((m: { id: string }) => m.id === meeting.id).status).toBe("cancelled");
    const ics = readIcs(await (await spec.fetch(`${base}/invitees/${ana.id}.ics`)).text());
    expect([ics.method, ics.status, ics.sequence]).toEqual(["CANCEL", "CANCELLED", 1]);
    expect(await (await spec.fetch(`${base}/invitations`)).text()).toContain('data-testid="invitation-cancelled"');
    expect((await spec.fetch(`${base}/run`)).status).toBe(302);
    expect((await spec.fetch(`${base}/edit`)).status).toBe(404);
    const edit = await spec.api("PUT", `/participants/${id}/meetings/${meeting.id}`, { ...body([ana.id]), version: meeting.version + 1 });
    expect([edit.status, (await edit.json()).error.code]).toEqual([409, "not_changeable"]);
  });
});

describe("the specialist's phone", () => {
  it("is set on the profile, audited without the number, and printed on invitations", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec);
    const before = await lastSeq();
    const saved = await spec.postForm("/profile/phone", { phone: "555-0199" });
    expect([saved.status, saved.headers.get("location")]).toEqual([302, "/profile?phone=saved#phone"]);
    const audit = (await auditSince(before)).filter((r) => r.action === "user.change_phone");
    expect(audit.map((r) => JSON.parse(r.details!))).toEqual([{ cleared: false }]);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id]))).json();
    const printed = await (await spec.fetch(`/participants/${id}/meetings/${meeting.id}/invitations`)).text();
    expect(printed).toContain("555-0199");
    expect(printed).toContain("555-0100");
  });
});

describe("a held meeting's minutes", () => {
  it("show what was said instead of the run-sheet, and each attendee's copy holds only what their consent covers", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec);
    // Later today in the program's zone, so it can be finished now.
    const chicagoDay = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date());
    const scheduledAt = `${chicagoDay}T23:59`;
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id, ben.id], { scheduledAt }))).json();
    const base = `/participants/${id}/meetings/${meeting.id}`;
    const entry = (kind: string, text: string, by: Record<string, unknown> = {}) =>
      spec.api("POST", `${base}/entries`, { kind, text, clientKey: crypto.randomUUID(), ...by });
    expect((await entry("strength", "Always on time")).status).toBe(200);
    expect((await entry("commitment", "Drive Pat on Mondays", { speaker: "support_person", supportPersonId: ben.id, whenText: "Mondays" })).status).toBe(200);
    const concern = await spec.api("POST", `/participants/${id}/concerns`, {
      type: "losing_benefits", description: "Pat could lose SSI.", raisedBy: "support_person", supportPersonId: ben.id, meetingId: meeting.id, clientKey: crypto.randomUUID(),
    });
    expect(concern.status).toBe(201);
    // Who came: Ana and Ben; then the meeting is finished.
    expect((await spec.api("PUT", `${base}/attendance`, { cameIds: [ana.id, ben.id] })).status).toBe(200);
    expect((await spec.api("PUT", `${base}/step`, { step: 7 })).status).toBe(200);

    // The run-sheet does not reopen: it leads to the minutes.
    const run = await spec.fetch(`${base}/run`);
    expect([run.status, run.headers.get("location")]).toEqual([302, `${base}/minutes`]);
    const full = await (await spec.fetch(`${base}/minutes`)).text();
    for (const said of ["Always on time", "Drive Pat on Mondays", "Pat could lose SSI.", ana.name, ben.name]) expect(full).toContain(said);

    const before = await lastSeq();
    const anaCopy = await (await spec.fetch(`${base}/minutes?for=${ana.id}`)).text();
    expect(anaCopy).toContain("Always on time");
    expect(anaCopy).toContain("Drive Pat on Mondays");
    expect(anaCopy).not.toContain("Pat could lose SSI.");
    expect(anaCopy).toContain('data-testid="minutes-left-out"');
    const benCopy = await (await spec.api("GET", `${base}/minutes?for=${ben.id}`)).json();
    expect(benCopy.minutes.concerns.map((c: { text: string }) => c.text)).toEqual(["Pat could lose SSI."]);
    expect(benCopy.minutes.leftOut).toBe(false);
    const shares = (await auditSince(before)).filter((r) => r.action === "meeting.minutes_share").map((r) => JSON.parse(r.details!).disclosure);
    expect(shares).toEqual([
      { readerKind: "support_person", readerId: ana.id, categories: ["employment_goals"] },
      { readerKind: "support_person", readerId: ben.id, categories: ["benefits_income", "employment_goals"] },
    ]);
    // A copy only for someone who came, of a meeting that was held.
    const other = await addPerson(spec, id, "Not there");
    expect((await spec.fetch(`${base}/minutes?for=${other.id}`)).status).toBe(404);
  });

  it("welcome step lists a maybe apart from those coming", async () => {
    const spec = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec);
    const meeting = await (await spec.api("POST", `/participants/${id}/meetings`, body([ana.id, ben.id]))).json();
    const base = `/participants/${id}/meetings/${meeting.id}`;
    await spec.api("POST", `${base}/responses`, { supportPersonId: ana.id, response: "yes" });
    await spec.api("POST", `${base}/responses`, { supportPersonId: ben.id, response: "maybe" });
    const html = await (await spec.fetch(`${base}/run`)).text();
    const coming = html.match(/data-testid="coming">([^<]*(?:<!-- -->[^<]*)*)</)![1]!;
    expect(coming).toContain(ana.name);
    expect(coming).not.toContain(ben.name);
    expect(html).toMatch(new RegExp(`data-testid="maybe-coming">Said maybe: (<!-- -->)?${ben.name}`));
  });
});

import { describe, expect, it } from "vitest";
import { createConcern, updateConcern } from "../../src/domain/concerns/concerns.server.ts";
import { CONCERN_TYPES, concernInputSchema } from "../../src/domain/concerns/model.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { authorized } from "../support/access.ts";

// Support meetings through the real HTTP stack, pages and API, on SQLite or PostgreSQL:
// only consented people can be invited, replies, running the meeting step by step,
// entries that save once however often they are sent, and an audit row for each write.
const app = useTestApp();
const { clientFor, lastSeq } = app;

const today = () => new Date().toISOString().slice(0, 10);

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "entity_id", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}
async function count(table: "meetings" | "meeting_entries" | "concerns" | "meeting_invitees") {
  const row = await app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function addPerson(client: Client, participantId: string, name: string, fields: Record<string, unknown> = {}) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "inner", ...fields });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}
async function grant(client: Client, participantId: string, personId: string, fields: Record<string, unknown> = {}) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories: ["employment_goals"], purpose: "To help me get and keep a job.",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app",
    signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true, ...fields,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

const meetingBody = (inviteeIds: string[], fields: Record<string, unknown> = {}) => ({
  kind: "support", title: "Getting ready for work", scheduledAt: "2030-03-14T18:30", durationMinutes: 60, place: "Eastside library, room 2",
  inviteeIds, refreshments: "Coffee and fruit", seating: "A round table", agenda: ["Welcome", "Strengths", "Commitments"], ...fields,
});

/** A participant of spec1 with four people: two invitable, one whose grant leaves out meetings, one marked do not contact. */
async function buildNetwork(spec1: Client) {
  const id = app.world.participants.participant1.id;
  const ana = await addPerson(spec1, id, `Ana ${crypto.randomUUID().slice(0, 4)}`);
  const ben = await addPerson(spec1, id, `Ben ${crypto.randomUUID().slice(0, 4)}`);
  const cal = await addPerson(spec1, id, `Cal ${crypto.randomUUID().slice(0, 4)}`);
  const dee = await addPerson(spec1, id, `Dee ${crypto.randomUUID().slice(0, 4)}`, { status: "do_not_contact" });
  const anaGrant = await grant(spec1, id, ana.id);
  const benGrant = await grant(spec1, id, ben.id);
  await grant(spec1, id, cal.id, { mayAttendMeetings: false });
  return { id, ana, ben, cal, dee, anaGrant, benGrant };
}

describe("planning a meeting", () => {
  it("offers only consented people as invitees on the page, and lists the others with the reason", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, ben, cal, dee } = await buildNetwork(spec1);
    const html = await (await spec1.fetch(`/participants/${id}/meetings/new`)).text();
    expect(html).toContain(`name="inviteeIds" value="${ana.id}"`);
    expect(html).toContain(`name="inviteeIds" value="${ben.id}"`);
    expect(html).not.toContain(`value="${cal.id}"`);
    expect(html).not.toContain(`value="${dee.id}"`);
    expect(html).toContain(`${cal.name}<!-- -->: <!-- -->no consent for meetings`);
    expect(html).toContain(`${dee.name}<!-- -->: <!-- -->do not contact`);

    const listed = await (await spec1.api("GET", `/participants/${id}/invitable-supports`)).json();
    expect(listed.invitable.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([ana.id, ben.id]));
    expect(listed.notInvitable).toEqual(expect.arrayContaining([
      { id: cal.id, name: cal.name, reason: "no_meeting_consent" }, { id: dee.id, name: dee.name, reason: "do_not_contact" },
    ]));
  });

  it("shows the talking points for the participant's open concerns, and for a kind of concern asked for, while planning", async () => {
    const spec = await clientFor("spec1b@test.org");
    const actor = app.world.actors.specialist1b;
    const id = app.world.participants.participant1b.id;
    const page = `/participants/${id}/meetings/new`;
    // Each <details> of the preparation section: its kind of concern, and whether it is unfolded.
    const unfolded = (html: string) => [...html.matchAll(/<details([^>]*)data-concern-type="(\w+)"/g)].filter((m) => /open=""/.test(m[1]!)).map((m) => m[2]);
    const folded = (html: string) => [...html.matchAll(/<details([^>]*)data-concern-type="(\w+)"/g)].filter((m) => !/open=""/.test(m[1]!)).map((m) => m[2]);

    const empty = await (await spec.fetch(page)).text();
    expect(empty).toContain("Lee has no open concerns on the record.");
    expect(unfolded(empty)).toEqual([]);
    // Every kind of concern has its talking points ready, folded.
    expect(folded(empty)).toHaveLength(CONCERN_TYPES.length);

    const concern = async (type: string, description: string) => createConcern(app.database.db, await authorized(app.database.db, actor, id), concernInputSchema.parse({ type, description }), { ip: null, requestId: null });
    await concern("transport", "No bus before 7 on Sundays.");
    const relapse = await concern("relapse", "Mum worries work will bring back the drinking.");
    await concern("losing_benefits", "Afraid of losing SSI.");
    if (!relapse.ok) throw new Error("concern not saved");
    await updateConcern(app.database.db, await authorized(app.database.db, actor, id), relapse.concern.id, { status: "resolved", mitigationPlan: null, version: 1 }, { ip: null, requestId: null });

    const before = await lastSeq();
    const html = await (await spec.fetch(page)).text();
    expect(unfolded(html)).toEqual(["losing_benefits", "transport"]);
    expect(folded(html)).toEqual(["relapse", "work_stress", "goal_disagreement", "hours_or_job_kind", "justice_involvement", "job_loss", "other"]);
    expect(html).toContain("No bus before 7 on Sundays.");
    expect(html).toContain("Afraid of losing SSI.");
    expect(html).not.toContain("bring back the drinking");
    expect(html).toContain("Map the trip to work: bus routes, time, cost.");
    // A support meeting planned from a concern's next steps opens with that concern's points.
    expect(html).toContain(`href="/participants/${id}/meetings/new?kind=support&amp;concern=work_stress"`);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["meeting.read"]);

    const asked = await (await spec.fetch(`${page}?kind=separate&concern=relapse&concern=nonsense`)).text();
    expect(unfolded(asked)).toEqual(["losing_benefits", "relapse", "transport"]);
    expect(asked).toMatch(/<option value="separate" selected="">/);

    expect((await (await clientFor("spec2@test.org")).fetch(page)).status).toBe(404);
  });

  it("refuses someone without a meetings grant, on the page and through the API, and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, cal, dee } = await buildNetwork(spec1);
    const before = await lastSeq();
    const meetings = await count("meetings");

    const page = await spec1.postForm(`/participants/${id}/meetings/new`, {
      kind: "support", title: "Sneaking Cal in", scheduledAt: "2030-03-14T18:30", durationMinutes: "60", place: "Library",
      inviteeIds: [ana.id, cal.id], agenda: "Welcome\nStrengths", discloses: ["employment_goals"],
    });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain(`Not invited, because their consent does not cover what this meeting tells (its title, place and agenda): ${cal.name}. Nothing was saved.`);

    for (const refused of [cal.id, dee.id]) {
      const api = await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id, refused]));
      expect(api.status).toBe(422);
      const body = await api.json();
      expect(body.error.code).toBe("not_invitable");
      expect(body.error.fields).toEqual([{ path: "inviteeIds", code: "not_invitable", message: `${refused} cannot be invited.` }]);
    }
    expect(await count("meetings")).toBe(meetings);
    // The refused page shows the form again (an audited read); no write was recorded.
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["meeting.read"]);
  });

  it("plans a meeting from the page form and shows field errors for a bad one", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec1);
    const bad = await spec1.postForm(`/participants/${id}/meetings/new`, { kind: "separate", title: "", scheduledAt: "soon", durationMinutes: "60", place: "" });
    expect(bad.status).toBe(400);
    const errors = await bad.text();
    for (const message of ["Give the meeting a name.", "Choose a date and time.", "Say where the meeting will be.", "Write down the participant&#x27;s permission for a separate conversation."]) {
      expect(errors).toContain(message);
    }

    const before = await lastSeq();
    const good = await spec1.postForm(`/participants/${id}/meetings/new`, {
      kind: "support", title: "Family meeting", scheduledAt: "2030-04-02T17:00", durationMinutes: "90", place: "Grace church hall",
      refreshments: "Tea", seating: "A round table", agenda: "Welcome\n\nStrengths\nCommitments", inviteeIds: [ana.id, ben.id], checkedWithParticipant: "on",
      discloses: ["employment_goals"],
    });
    expect(good.status).toBe(302);
    const location = good.headers.get("location")!;
    const meetingId = location.match(/meetings\/([\w-]+)\?planned=1$/)![1]!;
    const meeting = await (await spec1.api("GET", `/participants/${id}/meetings/${meetingId}`)).json();
    expect(meeting).toMatchObject({
      kind: "support", title: "Family meeting", scheduledAt: "2030-04-02T17:00:00.000Z", durationMinutes: 90, place: "Grace church hall",
      refreshments: "Tea", seating: "A round table", agenda: ["Welcome", "Strengths", "Commitments"], status: "planned", currentStep: 0,
    });
    expect(meeting.invitees.map((i: { supportPersonId: string; response: string }) => [i.supportPersonId, i.response]).sort())
      .toEqual([[ana.id, "pending"], [ben.id, "pending"]].sort());
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["meeting.create", "meeting.read"]);

    const page = await (await spec1.fetch(location)).text();
    expect(page).toContain("The meeting was planned.");
    expect(page).toContain(`href="/participants/${id}/meetings/${meetingId}/invitations"`);
    expect(page).toContain(`/participants/${id}/meetings/${meetingId}/invitees/${ana.id}.ics`);
    // Showing the meeting sends nothing; only the invitations page and the calendar files do.
    expect(page).not.toContain(`${ana.name}, you are invited`);
  });
});

describe("invitations and replies", () => {
  it("records replies and serves a calendar file per invitee only while their consent allows meetings", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, ben, benGrant } = await buildNetwork(spec1);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id, ben.id]))).json();
    const base = `/participants/${id}/meetings/${meeting.id}`;
    const before = await lastSeq();

    const yes = await spec1.api("POST", `${base}/responses`, { supportPersonId: ana.id, response: "yes" });
    expect(yes.status).toBe(200);
    expect((await yes.json()).invitees.find((i: { supportPersonId: string }) => i.supportPersonId === ana.id).response).toBe("yes");
    const maybe = await spec1.postForm(base, { intent: "respond", supportPersonId: ben.id, response: "maybe" });
    expect(maybe.status).toBe(302);

    const ics = await spec1.fetch(`${base}/invitees/${ana.id}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ics.headers.get("content-disposition")).toMatch(/^attachment; filename="meeting-[\w-]+\.ics"$/);
    const text = await ics.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("SUMMARY:Getting ready for work\r\n");
    expect(text).toContain("LOCATION:Eastside library\\, room 2\r\n");
    // Floating local time: the hour that was agreed, whatever the phone's time zone.
    expect(text).toContain("DTSTART:20300314T183000\r\n");
    expect(text).toContain("DTEND:20300314T193000\r\n");
    expect(text).toContain(`ATTENDEE;CN="${ana.name}";RSVP=TRUE`);
    const apiIcs = await spec1.api("GET", `${base}/invitees/${ana.id}/ics`);
    expect(apiIcs.status).toBe(200);
    expect(await apiIcs.text()).toContain("BEGIN:VEVENT");

    // Ben withdraws his consent: no calendar file, no invitation, no reply recorded for him any more.
    expect((await spec1.api("POST", `/participants/${id}/consent-grants/${benGrant.id}/revoke`, {})).status).toBe(200);
    expect((await spec1.fetch(`${base}/invitees/${ben.id}.ics`)).status).toBe(404);
    const refused = await spec1.api("POST", `${base}/responses`, { supportPersonId: ben.id, response: "no" });
    expect(refused.status).toBe(422);
    const page = await (await spec1.fetch(base)).text();
    expect(page).toContain("Their consent no longer allows meetings.");
    expect(page).toContain(`href="${base}/invitations"`);
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).not.toContain(`${ben.name}, you are invited`);
    expect(printed).toContain(`${ana.name}, you are invited`);
    expect(printed).toContain("One person invited gets no invitation: their consent does not allow meetings, or does not cover what this meeting tells.");
    const benOnly = await spec1.fetch(`${base}/invitations?for=${ben.id}`);
    expect(benOnly.status).toBe(200);
    expect(await benOnly.text()).not.toContain(`${ben.name}, you are invited`);

    const rows = await auditSince(before);
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === "meeting.respond")).toHaveLength(2);
    expect(actions).toContain("consent.revoke");
    // Every invitation went out through a sender, and each sending is recorded with who got one.
    const sent = rows.filter((r) => r.action === "meeting.invitation_send").map((r) => JSON.parse(r.details ?? "{}"));
    // Each invitation sent is its own row naming its reader and the categories it disclosed; the refused are one more row.
    const toAna = { readerKind: "support_person", readerId: ana.id, categories: ["employment_goals"] };
    expect(sent).toEqual([
      { channel: "calendar", sentTo: [ana.id], refused: [], disclosure: toAna },
      { channel: "calendar", sentTo: [ana.id], refused: [], disclosure: toAna },
      { channel: "calendar", sentTo: [], refused: [ben.id] },
      { channel: "print", sentTo: [ana.id], refused: [], disclosure: toAna },
      { channel: "print", sentTo: [], refused: [ben.id] },
      { channel: "print", sentTo: [], refused: [ben.id] },
    ]);
  });

  it("checks consent when the invitation is sent, not when the meeting was planned", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec1);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id, ben.id]))).json();
    const base = `/participants/${id}/meetings/${meeting.id}`;
    const both = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(both).toContain(`${ana.name}, you are invited`);
    expect(both).toContain(`${ben.name}, you are invited`);

    // Ana is marked do not contact after the invitations were printed once: nothing more goes to her.
    const marked = await spec1.api("PUT", `/participants/${id}/support-persons/${ana.id}`, { name: ana.name, relationshipKind: "friend", closeness: "inner", status: "do_not_contact", version: 1 });
    expect(marked.status).toBe(200);
    const again = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(again).not.toContain(`${ana.name}, you are invited`);
    expect(again).toContain(`${ben.name}, you are invited`);
    expect((await spec1.fetch(`${base}/invitees/${ana.id}.ics`)).status).toBe(404);
    expect((await spec1.fetch(`${base}/invitees/${ben.id}.ics`)).status).toBe(200);

    // Someone who was never invited gets nothing from either channel; another caseload sees nothing.
    const stranger = await addPerson(spec1, id, "Never Invited");
    expect((await spec1.fetch(`${base}/invitations?for=${stranger.id}`)).status).toBe(404);
    expect((await spec1.fetch(`${base}/invitees/${stranger.id}.ics`)).status).toBe(404);
    expect((await (await clientFor("spec2@test.org")).fetch(`${base}/invitations`)).status).toBe(404);
  });
});

describe("running a meeting", () => {
  it("saves an entry once however often the same form is sent, on the page and through the API", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana, ben } = await buildNetwork(spec1);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id, ben.id]))).json();
    const run = `/participants/${id}/meetings/${meeting.id}/run`;
    const entries = await count("meeting_entries");
    const before = await lastSeq();

    const form = { intent: "entry", kind: "strength", speaker: `person:${ana.id}`, text: "Pat never gives up.", clientKey: "form-render-key-0001" };
    const responses = [await spec1.postForm(run, form), await spec1.postForm(run, form)];
    responses.push(...(await Promise.all([spec1.postForm(run, form), spec1.postForm(run, form)])));
    for (const r of responses) expect(r.status).toBe(200);
    const api = await spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "strength", speaker: "support_person", supportPersonId: ana.id, text: "Pat never gives up.", clientKey: "form-render-key-0001" });
    expect(api.status).toBe(200);
    expect((await api.json()).entries).toEqual([expect.objectContaining({ kind: "strength", text: "Pat never gives up.", speaker: "support_person", speakerName: ana.name })]);
    expect(await count("meeting_entries")).toBe(entries + 1);

    // The same key twice at the same moment, straight to the API, still saves once.
    const key = "form-render-key-0002";
    const racing = await Promise.all([1, 2, 3].map(() => spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "idea", text: "Set two alarms.", clientKey: key })));
    for (const r of racing) expect(r.status).toBe(200);
    expect(await count("meeting_entries")).toBe(entries + 2);

    const concern = { intent: "concern", type: "losing_benefits", raisedBy: `person:${ben.id}`, description: "Pat could lose SSI.", clientKey: "form-render-key-0003" };
    expect((await spec1.postForm(run, concern)).status).toBe(200);
    expect((await spec1.postForm(run, concern)).status).toBe(200);
    const concerns = await (await spec1.api("GET", `/participants/${id}/concerns`)).json();
    expect(concerns.concerns.filter((c: { description: string }) => c.description === "Pat could lose SSI.")).toEqual([
      expect.objectContaining({ type: "losing_benefits", raisedBy: "support_person", supportPersonId: ben.id, raisedByName: ben.name, meetingId: meeting.id, status: "open" }),
    ]);

    const writes = (await auditSince(before)).map((r) => r.action).filter((a) => !a.endsWith(".read"));
    expect(writes).toEqual(["meeting.entry", "meeting.entry", "concern.create"]);
  });

  it("keeps the step on the server, shows the talking points of the chosen concern, and finishes the meeting", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec1);
    // A meeting is held on its day: this one is later today (the program's zone is UTC until set).
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id], { scheduledAt: `${today()}T23:59` }))).json();
    const run = `/participants/${id}/meetings/${meeting.id}/run`;

    const first = await (await spec1.fetch(run)).text();
    expect(first).toContain('data-step="welcome"');

    const before = await lastSeq();
    expect((await spec1.postForm(run, { intent: "step", step: "3" })).status).toBe(200);
    const concerns = await (await spec1.fetch(run)).text();
    expect(concerns).toContain('data-step="concerns"');
    expect(concerns).toContain("Talking points: Losing benefits");
    expect(concerns).toContain("the SSI check can start again");
    expect(concerns).toContain('href="/glossary#section1619b"');
    const relapse = await (await spec1.fetch(`${run}?concern=relapse`)).text();
    expect(relapse).toContain("Talking points: Relapse");
    expect(relapse).toContain("Work is good for recovery");

    // Two renders never share a key.
    const keyOf = (html: string) => html.match(/name="clientKey" value="([\w-]+)"/)![1];
    expect(keyOf(concerns)).not.toBe(keyOf(relapse));

    const finish = await spec1.postForm(run, { intent: "step", step: "7" });
    expect(finish.status).toBe(302);
    expect(finish.headers.get("location")).toBe(`/participants/${id}/meetings/${meeting.id}?finished=1`);
    const held = await (await spec1.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json();
    expect(held).toMatchObject({ status: "held", currentStep: 6 });
    expect(held.heldAt).not.toBeNull();
    const steps = (await auditSince(before)).filter((r) => r.action === "meeting.update").map((r) => JSON.parse(r.details ?? "{}").step);
    expect(steps).toEqual(["concerns", "finished"]);

    const api = await spec1.api("PUT", `/participants/${id}/meetings/${meeting.id}/step`, { step: 8 });
    expect(api.status).toBe(400);
  });

  it("gives another team's specialist 404 on every meeting page and API route, and writes nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec1);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id]))).json();
    const spec2 = await clientFor("spec2@test.org");
    const before = await lastSeq();
    const base = `/participants/${id}/meetings`;
    for (const page of [base, `${base}/new`, `${base}/${meeting.id}`, `${base}/${meeting.id}/run`, `${base}/${meeting.id}/invitees/${ana.id}.ics`]) {
      expect((await spec2.fetch(page)).status, page).toBe(404);
    }
    expect((await spec2.postForm(`${base}/${meeting.id}/run`, { intent: "entry", kind: "idea", text: "x", clientKey: "other-team-key-1" })).status).toBe(404);
    expect((await spec2.postForm(`${base}/new`, { kind: "support", title: "x", scheduledAt: "2030-01-01T10:00", durationMinutes: "60", place: "x" })).status).toBe(404);
    const calls: [string, string, unknown?][] = [
      ["GET", `/participants/${id}/meetings`],
      ["POST", `/participants/${id}/meetings`, meetingBody([])],
      ["GET", `/participants/${id}/meetings/${meeting.id}`],
      ["POST", `/participants/${id}/meetings/${meeting.id}/entries`, { kind: "idea", text: "x", clientKey: "other-team-key-2" }],
      ["POST", `/participants/${id}/meetings/${meeting.id}/responses`, { supportPersonId: ana.id, response: "no" }],
      ["GET", `/participants/${id}/concerns`],
      ["GET", `/participants/${id}/invitable-supports`],
    ];
    for (const [method, path, body] of calls) expect((await spec2.api(method, path, body)).status, `${method} ${path}`).toBe(404);
    // Only the refusals are recorded.
    expect(new Set((await auditSince(before)).map((r) => r.action))).toEqual(new Set(["access.refused"]));
  });

  it("treats a meeting id of another participant, under one's own participant, as not found on every route, changes nothing and records each attempt", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const { id, ana } = await buildNetwork(spec1);
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, meetingBody([ana.id]))).json();
    const spec1b = await clientFor("spec1b@test.org");
    const own = `/participants/${app.world.participants.participant1b.id}/meetings/${meeting.id}`;
    const before = await lastSeq();
    const calls: [string, string, unknown?][] = [
      ["GET", own],
      ["PUT", own, { ...meetingBody([]), title: "Taken over", version: meeting.version }],
      ["POST", `${own}/cancel`, { version: meeting.version }],
      ["PUT", `${own}/discloses`, { discloses: ["benefits_income"], version: meeting.version }],
      ["PUT", `${own}/step`, { step: 1 }],
      ["POST", `${own}/entries`, { kind: "idea", text: "x", clientKey: "wrong-participant-key" }],
    ];
    for (const [method, path, body] of calls) expect((await spec1b.api(method, path, body)).status, `${method} ${path}`).toBe(404);
    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(calls.map(() => "access.refused"));
    expect(rows.every((r) => r.entity_id === meeting.id)).toBe(true);
    expect(rows.map((r) => JSON.parse(String(r.details)).action)).toEqual(["read:meeting", ...calls.slice(1).map(() => "update:meeting")]);
    const after = await (await spec1.api("GET", `/participants/${id}/meetings/${meeting.id}`)).json();
    expect(after).toMatchObject({ title: meeting.title, version: meeting.version, status: "planned", discloses: meeting.discloses, entries: [] });
  });

  it("describes the meeting, concern, plan and win operations in the OpenAPI document", async () => {
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/participants/{id}/meetings", "/participants/{id}/meetings/{meetingId}", "/participants/{id}/meetings/{meetingId}/entries",
      "/participants/{id}/meetings/{meetingId}/responses", "/participants/{id}/concerns", "/participants/{id}/plan-items",
      "/participants/{id}/plan-items/{itemId}", "/participants/{id}/take-home-plan", "/participants/{id}/milestones",
    ]));
    const entry = doc.paths["/participants/{id}/meetings/{meetingId}/entries"].post.requestBody.content["application/json"].schema;
    expect(entry.required).toEqual(expect.arrayContaining(["kind", "text", "clientKey"]));
    const concern = doc.paths["/participants/{id}/concerns"].post.requestBody.content["application/json"].schema;
    expect(concern.properties.type.enum).toContain("losing_benefits");
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p as Record<string, { operationId?: string }>).map((o) => o.operationId).filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

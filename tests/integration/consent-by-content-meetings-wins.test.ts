import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Consent by content for meetings, invitations and wins, through the real HTTP stack
// (pages and API) on SQLite or PostgreSQL: the reproductions of issue 9 fail safely.
// A meeting at a methadone clinic reaches only someone with a substance use consent;
// a job offer is offered to celebrate only with people whose grant covers job details.
// Also: a grant that ends on an event ends when the event is recorded, and a renewal
// follows the grant it renews.
const app = useTestApp();
const { clientFor, lastSeq } = app;
const today = () => new Date().toISOString().slice(0, 10);

async function addPerson(client: Client, participantId: string, name: string, relationshipKind = "friend") {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind, closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}
async function grant(client: Client, participantId: string, personId: string, fields: Record<string, unknown>) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, purpose: "To help me get and keep a job.", mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
    startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true, ...fields,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; status: string };
}
async function auditSince(seq: number) {
  const rows = await app.database.db.selectFrom("audit_log").select(["action", "details"]).where("seq", ">", seq).orderBy("seq").execute();
  return rows.map((r) => ({ action: r.action, details: JSON.parse(r.details ?? "{}") as Record<string, unknown> }));
}

describe("a meeting at a methadone clinic", () => {
  it("never sends its place or agenda to someone without a substance use consent, in the .ics or on paper", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const mom = await addPerson(spec1, id, "Rosa Clinicmom", "relative");
    const sponsor = await addPerson(spec1, id, "Dale Sponsor", "sponsor");
    await grant(spec1, id, mom.id, { categories: ["employment_goals", "job_details"] });
    await grant(spec1, id, sponsor.id, { categories: ["substance_use_treatment"] });

    // Planned with both invited and marked substance use: refused for the mother, nothing saved.
    const body = {
      kind: "support", title: "Planning around my dosing times", scheduledAt: "2030-05-02T10:00", durationMinutes: 60,
      place: "Eastside Methadone Clinic, room 4", agenda: ["Dosing schedule and work hours"], discloses: ["substance_use_treatment"], confirmSubstanceUse: true,
    };
    const refused = await spec1.api("POST", `/participants/${id}/meetings`, { ...body, inviteeIds: [mom.id, sponsor.id] });
    expect(refused.status).toBe(422);
    // Marked substance use with an invitee but not confirmed: refused too.
    const unconfirmed = await spec1.api("POST", `/participants/${id}/meetings`, { ...body, confirmSubstanceUse: false, inviteeIds: [sponsor.id] });
    expect(unconfirmed.status).toBe(400);

    // Under the kind's default (job goals) the sponsor, whose only grant is substance use, cannot be invited.
    const byDefault = await spec1.api("POST", `/participants/${id}/meetings`, { ...body, discloses: undefined, confirmSubstanceUse: undefined, inviteeIds: [mom.id, sponsor.id] });
    expect(byDefault.status).toBe(422);
    // Planned unmarked, with both invited (as a migrated meeting would be)...
    const planned = await spec1.api("POST", `/participants/${id}/meetings`, { ...body, discloses: [], confirmSubstanceUse: undefined, inviteeIds: [mom.id, sponsor.id] });
    expect(planned.status).toBe(201);
    const meeting = (await planned.json()) as { id: string; discloses: string[]; version: number };
    expect(meeting.discloses).toEqual([]);
    const base = `/participants/${id}/meetings/${meeting.id}`;
    // ...then marked for what its place plainly tells: substance use treatment, confirmed.
    const notConfirmed = await spec1.postForm(base, { intent: "discloses", discloses: ["substance_use_treatment"], version: String(meeting.version) });
    expect(notConfirmed.status).toBe(422);
    expect(await notConfirmed.text()).toContain("Confirm that the people invited may be told about substance use treatment");
    const before = await lastSeq();
    expect((await spec1.postForm(base, { intent: "discloses", discloses: ["substance_use_treatment"], confirmSubstanceUse: "on", version: String(meeting.version) })).status).toBe(302);

    // The mother: no calendar file (page and API), no printed invitation; the place never reaches her.
    expect((await spec1.fetch(`${base}/invitees/${mom.id}.ics`)).status).toBe(404);
    expect((await spec1.api("GET", `${base}/invitees/${mom.id}/ics`)).status).toBe(404);
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).not.toContain("Rosa Clinicmom, you are invited");
    expect(printed.split("Dale Sponsor, you are invited")).toHaveLength(2);
    // The sponsor's invitation carries the Part 2 redisclosure notice, on paper and in the calendar file.
    expect(printed).toContain("42 CFR Part 2");
    const ics = await (await spec1.fetch(`${base}/invitees/${sponsor.id}.ics`)).text();
    expect(ics).toContain("LOCATION:Eastside Methadone Clinic\\, room 4");
    expect(ics.replace(/\r\n /g, "")).toContain("42 CFR Part 2");
    expect(ics).not.toContain("Rosa");
    const page = await (await spec1.fetch(base)).text();
    expect(page).not.toContain(`href="${base}/invitees/${mom.id}.ics"`);
    expect(page).toContain("Their consent does not cover what this meeting tells.");

    // The audit rows name each reader and what reached them.
    const sends = (await auditSince(before)).filter((r) => r.action === "meeting.invitation_send").map((r) => r.details);
    expect(sends).toContainEqual({ channel: "print", sentTo: [sponsor.id], refused: [], disclosure: { readerKind: "support_person", readerId: sponsor.id, categories: ["substance_use_treatment"] } });
    expect(sends).toContainEqual({ channel: "print", sentTo: [], refused: [mom.id] });
    expect(sends.some((d) => JSON.stringify(d.disclosure ?? {}).includes(mom.id))).toBe(false);
  });

  it("sends nothing for a meeting nobody has marked yet, and says so", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const aunt = await addPerson(spec1, id, "Ines Unmarked");
    await grant(spec1, id, aunt.id, { categories: ["employment_goals"] });
    const planned = await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "separate", separatePermission: "Pat said yes on Monday.", title: "Talk with Ines", scheduledAt: "2030-05-03T10:00", place: "Cafe", inviteeIds: [aunt.id],
    });
    expect(planned.status).toBe(201);
    const meeting = (await planned.json()) as { id: string; discloses: string[]; version: number };
    expect(meeting.discloses).toEqual([]);
    const base = `/participants/${id}/meetings/${meeting.id}`;
    expect((await spec1.fetch(`${base}/invitees/${aunt.id}.ics`)).status).toBe(404);
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).toContain("No invitation can be sent: this meeting is not marked yet with what it tells.");
    expect(printed).not.toContain("Ines Unmarked, you are invited");
    expect(await (await spec1.fetch(base)).text()).toContain("This meeting is not marked yet with what its title, place and agenda tell.");
    // Marked through the API: now it goes out.
    expect((await spec1.api("PUT", `${base}/discloses`, { discloses: ["employment_goals"], version: meeting.version })).status).toBe(200);
    expect((await spec1.fetch(`${base}/invitees/${aunt.id}.ics`)).status).toBe(200);
  });
});

describe("celebrate with", () => {
  it("offers a job offer only to people whose grant allows contact about job details", async () => {
    const spec1 = await clientFor("spec1b@test.org");
    const id = app.world.participants.participant1b.id;
    const sponsor = await addPerson(spec1, id, "Sol Sponsor", "sponsor");
    const officer = await addPerson(spec1, id, "Pam Officer", "probation_officer");
    const brother = await addPerson(spec1, id, "Bo Brother", "relative");
    await grant(spec1, id, sponsor.id, { categories: ["substance_use_treatment"] });
    await grant(spec1, id, officer.id, { categories: ["work_schedule"] });
    await grant(spec1, id, brother.id, { categories: ["employment_goals", "job_details"] });

    // The page lists who may be told what; the API's options carry the same.
    const wins = await (await spec1.fetch(`/participants/${id}/wins`)).text();
    expect(wins).toContain(`value="${brother.id}"`);
    const options = (await (await spec1.api("GET", `/participants/${id}/milestones`)).json()).celebrateOptions as { id: string; categories: string[] }[];
    expect(options.find((o) => o.id === sponsor.id)?.categories).toEqual(["substance_use_treatment"]);
    expect(options.find((o) => o.id === officer.id)?.categories).toEqual(["work_schedule"]);

    // A job offer, to the sponsor or the officer: refused on the page and through the API, nothing saved.
    const before = await lastSeq();
    for (const person of [sponsor, officer]) {
      const page = await spec1.postForm(`/participants/${id}/wins/new`, { kind: "job_offer", occurredOn: today(), note: "Offer from Lakeside Bakery", celebrateWith: [person.id] });
      expect(page.status).toBe(422);
      expect(await page.text()).toContain(`Their consent does not cover this kind of win: ${person.name}.`);
      const api = await spec1.api("POST", `/participants/${id}/milestones`, { kind: "job_offer", occurredOn: today(), celebrateWith: [person.id] });
      expect(api.status).toBe(422);
    }
    expect(await app.database.db.selectFrom("milestones").select("id").where("participant_id", "=", id).execute()).toEqual([]);

    // To the brother: saved, with one audit row naming him and job details.
    const added = await spec1.api("POST", `/participants/${id}/milestones`, { kind: "job_offer", occurredOn: today(), celebrateWith: [brother.id] });
    expect(added.status).toBe(201);
    expect(((await added.json()) as { discloses: string[] }).discloses).toEqual(["job_details"]);
    const shares = (await auditSince(before)).filter((r) => r.action === "milestone.share").map((r) => r.details);
    expect(shares).toEqual([{ disclosure: { readerKind: "support_person", readerId: brother.id, categories: ["job_details"] } }]);
  });
});

describe("a grant that ends on an event, and a renewal", () => {
  it("ends the grant when the event is recorded, and a renewal signed again follows it", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const coach = await addPerson(spec1, id, "Cory Coach");
    const onEvent = await grant(spec1, id, coach.id, { categories: ["employment_goals"], expiresOn: null, expiryEvent: "when the job search ends" });
    expect(onEvent.status).toBe("active");
    const planned = await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Job search check-in", scheduledAt: "2030-05-04T10:00", place: "Library", inviteeIds: [coach.id],
    });
    const meeting = (await planned.json()) as { id: string };
    const ics = `/participants/${id}/meetings/${meeting.id}/invitees/${coach.id}.ics`;
    expect((await spec1.fetch(ics)).status).toBe(200);

    const before = await lastSeq();
    const person = `/participants/${id}/network/${coach.id}`;
    const future = await spec1.postForm(person, { intent: "event", grantId: onEvent.id, occurredOn: "2099-01-01", note: "Not yet" });
    expect(future.status).toBe(422);
    const recorded = await spec1.postForm(person, { intent: "event", grantId: onEvent.id, occurredOn: today(), note: "Started at Lakeside Bakery" });
    expect(recorded.status).toBe(302);
    expect((await spec1.fetch(ics)).status).toBe(404);
    const grants = (await (await spec1.api("GET", `/participants/${id}/consent-grants`)).json()).grants as { id: string; status: string; event: { note: string } | null }[];
    expect(grants.find((g) => g.id === onEvent.id)).toMatchObject({ status: "ended", event: { note: "Started at Lakeside Bakery" } });
    const again = await spec1.postForm(person, { intent: "event", grantId: onEvent.id, occurredOn: today(), note: "Twice" });
    expect(again.status).toBe(409);

    // Renewed through the API: a new grant, signed again, that follows the old one.
    const renewal = await spec1.api("POST", `/participants/${id}/consent-grants/${onEvent.id}/renew`, {
      supportPersonId: coach.id, categories: ["employment_goals"], purpose: "To help me keep my new job.", mayAttendMeetings: true, mayReceivePlan: false,
      mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
    });
    expect(renewal.status).toBe(201);
    const renewed = (await renewal.json()) as { id: string; renewsGrantId: string; status: string };
    expect(renewed).toMatchObject({ renewsGrantId: onEvent.id, status: "active" });
    expect((await spec1.fetch(ics)).status).toBe(200);
    const twice = await spec1.api("POST", `/participants/${id}/consent-grants/${onEvent.id}/renew`, {
      supportPersonId: coach.id, categories: ["employment_goals"], purpose: "Again", mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31",
      signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
    });
    expect(twice.status).toBe(409);
    const page = await (await spec1.fetch(person)).text();
    expect(page).toContain("Renewed by the consent of");
    expect(page).toContain("Started at Lakeside Bakery");

    const actions = (await auditSince(before)).map((r) => r.action);
    expect(actions).toContain("consent.event");
    expect(actions).toContain("consent.renew");
  });
});

import { describe, expect, it } from "vitest";
import type { ParticipantActor } from "../../src/domain/auth/actor.ts";
import { authorizeOwnRecord } from "../../src/domain/portal/access.server.ts";
import { listMyDisclosures } from "../../src/domain/portal/disclosures.server.ts";
import { getMyOverview } from "../../src/domain/portal/own-record.server.ts";
import { getMyPrivacy, suggestSupport, withdrawMyConsent } from "../../src/domain/portal/privacy.server.ts";
import { getMyRecordCopy } from "../../src/domain/portal/record-copy.server.ts";
import { buildRecordDocument } from "../../src/domain/portal/record-pdf.server.ts";
import { translator } from "../../src/i18n/index.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { issueLink } from "../support/partners.ts";

// The participant's own pages (issue 11 §2), through the domain with the participant
// as actor: their own record only; withdrawing takes effect at once on what a support
// person's copy shows; "who has seen what" lists each disclosure with its reader and
// categories; the copy of the record is whole and audited.
const app = useTestApp();
const meta = { ip: "127.0.0.1", requestId: "test" };
const today = () => new Date().toISOString().slice(0, 10);

const actorFor = (participantId: string, name = "Pat"): ParticipantActor => ({ kind: "participant", participantId, name, locale: "en" });

async function ownRecordOf(participantId: string) {
  const own = await authorizeOwnRecord(app.database.db, actorFor(participantId), meta);
  if (!own) throw new Error("participant not authorized");
  return own;
}
async function addPerson(client: Client, participantId: string, name: string) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "relative", closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}
async function grant(client: Client, participantId: string, personId: string, categories: string[]) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories, purpose: "So she can help me get to work.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}
async function planItem(client: Client, participantId: string, body: object) {
  const response = await client.api("POST", `/participants/${participantId}/plan-items`, { provider: "participant", status: "agreed", sharedWithSupports: true, ...body });
  expect(response.status).toBe(201);
}
/** The print page of a support person's take-home copy: its article only. */
async function takeHomeCopy(client: Client, participantId: string, personId: string) {
  const html = await (await client.fetch(`/participants/${participantId}/plan/take-home?for=${personId}`)).text();
  return html.slice(html.indexOf("<article"), html.indexOf("</article>"));
}

describe("the participant's own record", () => {
  it("is the signed-in participant's only: staff and support persons are refused, and the refusal is audited", async () => {
    const { participant1 } = app.world.participants;
    const own = await ownRecordOf(participant1.id);
    expect(own.participant.id).toBe(participant1.id);
    const before = await app.lastSeq();
    expect(await authorizeOwnRecord(app.database.db, app.world.actors.specialist1, meta)).toBeNull();
    expect(await authorizeOwnRecord(app.database.db, { kind: "support_person", supportPersonId: "x", participantId: participant1.id, name: "Rosa", locale: "en" }, meta)).toBeNull();
    expect(await authorizeOwnRecord(app.database.db, actorFor("no-such-participant"), meta)).toBeNull();
    const rows = await app.database.db.selectFrom("audit_log").select(["action", "actor_id"]).where("seq", ">", before).orderBy("seq").execute();
    expect(rows.map((r) => r.action)).toEqual(["access.refused", "access.refused", "access.refused"]);
  });

  it("never withdraws another participant's release: their grant id is \"not found\" and nothing changes", async () => {
    const spec2 = await app.clientFor("spec2@test.org");
    const { participant1, participant2 } = app.world.participants;
    const kimsMother = await addPerson(spec2, participant2.id, "Kim's mother");
    const kimsGrant = await grant(spec2, participant2.id, kimsMother.id, ["employment_goals"]);
    const pat = await ownRecordOf(participant1.id);
    const before = await app.lastSeq();
    expect(await withdrawMyConsent(app.database.db, pat, kimsGrant.id, { category: null, reason: null }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await app.database.db.selectFrom("consent_revocations").select("id").where("grant_id", "=", kimsGrant.id).execute()).toEqual([]);
    const refusal = await app.database.db.selectFrom("audit_log").select(["action", "actor_id", "entity_id"]).where("seq", ">", before).execute();
    expect(refusal).toEqual([{ action: "access.refused", actor_id: `participant:${participant1.id}`, entity_id: kimsGrant.id }]);
    // And Pat's privacy page does not show Kim's people.
    const privacy = await getMyPrivacy(app.database.db, pat, meta);
    expect(privacy!.supports.map((s) => s.name)).not.toContain("Kim's mother");
  });

  it("withdrawing a category changes a support person's take-home copy at once, recorded as the participant's own revocation", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const rosa = await addPerson(spec1, id, "Rosa Quinn");
    const rosasGrant = await grant(spec1, id, rosa.id, ["employment_goals", "work_schedule"]);
    await planItem(spec1, id, { kind: "wake_up_calls", description: "Wake-up call before the 6 am shift", provider: "support_person", supportPersonId: rosa.id, frequency: "Work days", discloses: ["work_schedule"] });
    expect(await takeHomeCopy(spec1, id, rosa.id)).toContain("Wake-up call before the 6 am shift");

    const pat = await ownRecordOf(id);
    const privacy = await getMyPrivacy(app.database.db, pat, meta);
    const shown = privacy!.supports.find((s) => s.id === rosa.id)!;
    expect(shown.grants).toEqual([expect.objectContaining({ id: rosasGrant.id, categories: ["employment_goals", "work_schedule"], mayWithdraw: true, expiresOn: "2099-12-31" })]);

    const before = await app.lastSeq();
    const result = await withdrawMyConsent(app.database.db, pat, rosasGrant.id, { category: "work_schedule", reason: null }, meta);
    expect(result.ok).toBe(true);
    // The very next copy leaves the schedule out.
    expect(await takeHomeCopy(spec1, id, rosa.id)).not.toContain("Wake-up call before the 6 am shift");
    const revocation = await app.database.db.selectFrom("consent_revocations").select(["category", "recorded_by"]).where("grant_id", "=", rosasGrant.id).execute();
    expect(revocation).toEqual([{ category: "work_schedule", recorded_by: `participant:${id}` }]);
    const audit = await app.database.db.selectFrom("audit_log").select(["action", "actor_id", "details"]).where("seq", ">", before).where("action", "=", "consent.revoke").execute();
    expect(audit).toEqual([{ action: "consent.revoke", actor_id: `participant:${id}`, details: JSON.stringify({ category: "work_schedule", supportPersonId: rosa.id }) }]);
    const after = await getMyPrivacy(app.database.db, pat, meta);
    expect(after!.supports.find((s) => s.id === rosa.id)!.grants[0]).toMatchObject({ categories: ["employment_goals"], withdrawn: ["work_schedule"] });
    // Twice is not an error, and writes nothing more.
    expect(await withdrawMyConsent(app.database.db, pat, rosasGrant.id, { category: "work_schedule", reason: null }, meta)).toEqual({ ok: false, reason: "already_revoked" });
  });

  it("lists a printed take-home copy and a downloaded calendar file in \"who has seen what\", with reader and categories", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const tia = await addPerson(spec1, id, "Tia Brooks");
    await grant(spec1, id, tia.id, ["employment_goals", "job_details"]);
    await planItem(spec1, id, { kind: "rides", description: "Ride to the bakery interview", provider: "support_person", supportPersonId: tia.id, frequency: "Tuesday", discloses: ["employment_goals"] });
    const meeting = await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Planning my job search", scheduledAt: "2099-03-02T15:00", place: "The library", inviteeIds: [tia.id], checkedWithParticipant: true,
    });
    expect(meeting.status).toBe(201);
    const meetingId = ((await meeting.json()) as { id: string }).id;

    expect((await spec1.fetch(`/participants/${id}/plan/take-home.pdf?for=${tia.id}`)).status).toBe(200);
    const ics = await spec1.fetch(`/participants/${id}/meetings/${meetingId}/invitees/${tia.id}.ics`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");

    const seen = await listMyDisclosures(app.database.db, await ownRecordOf(id), meta);
    const tias = seen!.filter((d) => d.readerId === tia.id);
    expect(tias.map((d) => ({ kind: d.kind, readerName: d.readerName, categories: d.categories }))).toEqual([
      { kind: "calendar", readerName: "Tia Brooks", categories: ["employment_goals"] },
      { kind: "take_home", readerName: "Tia Brooks", categories: ["employment_goals"] },
    ]);
    // Only this participant's: Kim's mother (another participant's support person) never shows up.
    expect(seen!.some((d) => d.readerName === "Kim's mother")).toBe(false);
  });

  it("gives a copy of the whole record as JSON, substance use included, and audits it with its format", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    await planItem(spec1, id, { kind: "rides", description: "Ride to the methadone clinic", frequency: "Mondays", sharedWithSupports: false, discloses: ["substance_use_treatment"], part2Confirmed: true });
    const pat = await ownRecordOf(id);
    await suggestSupport(app.database.db, pat, { name: "Uncle Joe", howToReach: "555-0100", note: null }, meta);
    const before = await app.lastSeq();
    const copy = await getMyRecordCopy(app.database.db, pat, "json", meta);
    expect(copy!.participant).toMatchObject({ id, firstName: "Pat", lastName: "Quinn", workGoal: "Baker" });
    expect(copy!.plan.map((i) => i.description)).toEqual(expect.arrayContaining(["Ride to the methadone clinic", "Wake-up call before the 6 am shift"]));
    expect(copy!.supportPeople.map((p) => p.name)).toEqual(expect.arrayContaining(["Rosa Quinn", "Tia Brooks"]));
    expect(copy!.consentGrants.find((g) => g.revocations.length > 0)!.revocations).toEqual([expect.objectContaining({ category: "work_schedule" })]);
    expect(copy!.suggestions).toEqual([expect.objectContaining({ name: "Uncle Joe", howToReach: "555-0100" })]);
    // Nothing of another participant's.
    expect(JSON.stringify(copy)).not.toContain("Kim's mother");
    const audit = await app.database.db.selectFrom("audit_log").select(["action", "actor_id", "participant_id", "details"]).where("seq", ">", before).execute();
    expect(audit).toEqual([{ action: "own_record.export", actor_id: `participant:${id}`, participant_id: id, details: JSON.stringify({ format: "json" }) }]);
    // The PDF's words carry the same record.
    const words = buildRecordDocument(copy!, translator("en")).sections.flatMap((s) => s.blocks.flat()).join("\n");
    expect(words).toContain("Ride to the methadone clinic");
    expect(words).toContain("Rosa Quinn");
  });

  it("shows the participant their plan, meetings and SSI reminders, and audits the read as theirs", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const profile = await spec1.api("PUT", `/participants/${id}/benefits/profile`, { hasSsi: true, ssiMonthly: 900, version: 0 });
    expect([200, 201]).toContain(profile.status);
    const stub = await spec1.api("POST", `/participants/${id}/benefits/pay-stubs`, { payDate: "2026-01-09", periodStart: "2025-12-27", periodEnd: "2026-01-09", gross: 412.5, employer: "Corner Bakery" });
    expect(stub.status).toBe(201);
    const before = await app.lastSeq();
    const overview = await getMyOverview(app.database.db, await ownRecordOf(id), meta, new Date("2026-02-03T12:00:00Z"));
    expect(overview!.plan.map((i) => i.description)).toContain("Ride to the bakery interview");
    expect(overview!.upcoming.map((m) => m.title)).toEqual(["Planning my job search"]);
    expect(overview!.onSsi).toBe(true);
    expect(overview!.workGoal).toBe("Baker");
    expect(overview!.reminders).toEqual([{ month: "2026-01", paid: 412.5, dueOn: "2026-02-10", status: "due" }]);
    const audit = await app.database.db.selectFrom("audit_log").select(["action", "actor_id", "details"]).where("seq", ">", before).execute();
    expect(audit).toEqual([{ action: "own_record.read", actor_id: `participant:${id}`, details: JSON.stringify({ page: "home" }) }]);
  });

  it("shows the participant their school or training goal beside the work goal", async () => {
    const id = app.world.participants.participant1.id;
    await app.database.db.updateTable("participants").set({ school_goal: "Finish my GED" }).where("id", "=", id).execute();
    try {
      const overview = await getMyOverview(app.database.db, await ownRecordOf(id), meta);
      expect(overview).toMatchObject({ workGoal: "Baker", schoolGoal: "Finish my GED" });
    } finally {
      await app.database.db.updateTable("participants").set({ school_goal: null }).where("id", "=", id).execute();
    }
  });
});

describe("the participant's own pages over HTTP, signed in by their personal link", () => {
  it("the specialist makes the link; it opens /me; a withdrawal, who has seen what and the copy work; nobody else gets in", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    // The specialist's page makes the link and shows it once.
    const issued = await spec1.postForm(`/participants/${id}/own-link`, { intent: "issue" });
    expect(issued.status).toBe(200);
    const url = /data-testid="own-link">([^<]+)</.exec(await issued.text())?.[1];
    expect(url).toMatch(/\/l\/[\w-]+$/);
    const path = new URL(url!).pathname;

    const phone = new Client(app.url);
    const opened = await phone.fetch(path);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/me");
    const home = await phone.fetch("/me");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Ride to the bakery interview");

    // Withdraw Tia's job details on the privacy page.
    const tiasGrant = await app.database.db.selectFrom("consent_grants as g").innerJoin("support_persons as s", "s.id", "g.support_person_id")
      .select("g.id").where("s.name", "=", "Tia Brooks").executeTakeFirstOrThrow();
    const privacy = await (await phone.fetch("/me/privacy")).text();
    expect(privacy).toContain(`/me/privacy/grants/${tiasGrant.id}/withdraw`);
    const withdrawn = await phone.postForm(`/me/privacy/grants/${tiasGrant.id}/withdraw`, { category: "job_details" });
    expect(withdrawn.status).toBe(302);
    expect(await app.database.db.selectFrom("consent_revocations").select(["category", "recorded_by"]).where("grant_id", "=", tiasGrant.id).execute())
      .toEqual([{ category: "job_details", recorded_by: `participant:${id}` }]);

    // Another participant's grant id is "not found", and changes nothing.
    const kimsGrant = await app.database.db.selectFrom("consent_grants").select("id").where("participant_id", "=", app.world.participants.participant2.id).executeTakeFirstOrThrow();
    expect((await phone.postForm(`/me/privacy/grants/${kimsGrant.id}/withdraw`, { category: "" })).status).toBe(404);
    expect(await app.database.db.selectFrom("consent_revocations").select("id").where("grant_id", "=", kimsGrant.id).execute()).toEqual([]);

    // Tia opens her own page by her link: a disclosure too.
    const tia = await app.database.db.selectFrom("support_persons").select("id").where("name", "=", "Tia Brooks").executeTakeFirstOrThrow();
    const tiasLink = await issueLink(app.database.db, app.world.actors.specialist1, id, tia.id);
    const tiasPhone = new Client(app.url);
    await tiasPhone.fetch(tiasLink.path);
    expect((await tiasPhone.fetch("/support")).status).toBe(200);

    const seen = await (await phone.fetch("/me/seen")).text();
    expect(seen).toContain("Tia Brooks looked at their page about you");
    expect(seen).toContain("Tia Brooks got a calendar invite for a meeting");
    expect(seen).toContain("Tia Brooks got a printed copy of their part of your plan");

    const json = await phone.fetch("/me/copy.json");
    expect(json.status).toBe(200);
    expect(((await json.json()) as { participant: { id: string } }).participant.id).toBe(id);
    const pdf = await phone.fetch("/me/copy.pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");

    // Staff are not the participant: their session gets the link page, not the record.
    expect((await spec1.fetch("/me")).headers.get("location")).toBe("/l");
    // The specialist turns the link off: the phone's session ends at once.
    expect((await spec1.postForm(`/participants/${id}/own-link`, { intent: "revoke" })).status).toBe(302);
    expect((await phone.fetch("/me")).headers.get("location")).toBe("/l");
  });
});

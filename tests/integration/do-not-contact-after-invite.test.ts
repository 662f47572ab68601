import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { estimateRequestSchema } from "../../src/domain/benefits/model.ts";
import { shareEstimate } from "../../src/domain/benefits/shares.server.ts";
import { calendarSender, printSender } from "../../src/domain/meetings/invitations.ts";
import { sendInvitations } from "../../src/domain/meetings/meetings.server.ts";
import { addMilestone } from "../../src/domain/milestones/milestones.server.ts";
import { getTakeHomePlan } from "../../src/domain/plans/plans.server.ts";
import { freshDatabase } from "../support/db.ts";
import { Client, startTestServer } from "../support/server.ts";
import { buildWorld, TEST_PASSWORD, type World } from "../support/world.ts";
import { authorized } from "../support/access.ts";
import { pdfText } from "../support/pdf-text.ts";

// A support person who was invited, with a grant that covers everything, is then
// marked "do not contact". From that moment no path gives them anything: no calendar
// file, no printed invitation, no win to celebrate with, no shared estimate, and an
// empty take-home copy. The same checks run before the change, so each one can fail.
let database: DbHandle;
let world: World;
let server: Awaited<ReturnType<typeof startTestServer>>;
let spec1: Client;
const meta = { ip: "127.0.0.1", requestId: null };

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  server = await startTestServer(database);
  spec1 = new Client(server.url);
  await spec1.signIn("spec1@test.org", TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const today = () => new Date().toISOString().slice(0, 10);

async function addPerson(participantId: string, name: string) {
  const response = await spec1.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "relative", closeness: "inner" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string; version: number };
}
async function grantEverything(participantId: string, personId: string) {
  const response = await spec1.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories: ["employment_goals", "job_details", "work_schedule", "benefits_income"], purpose: "To help me get and keep a job.",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app",
    signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
}

describe("a support person marked do not contact after being invited", () => {
  it("gets nothing from any path from that moment: calendar file, printed invitation, celebrate-with, estimate share, take-home copy", async () => {
    const id = world.participants.participant1.id;
    const gina = await addPerson(id, "Gina Marsh");
    const hal = await addPerson(id, "Hal Ortega");
    await grantEverything(id, gina.id);
    await grantEverything(id, hal.id);
    const meetingResponse = await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Getting ready for the bakery", scheduledAt: "2030-03-14T18:30", durationMinutes: 60, place: "Eastside library",
      inviteeIds: [gina.id, hal.id], agenda: ["Welcome"],
    });
    expect(meetingResponse.status).toBe(201);
    const meeting = (await meetingResponse.json()) as { id: string };
    const item = await spec1.api("POST", `/participants/${id}/plan-items`, {
      kind: "rides", description: "Drive Pat to the bakery", provider: "support_person", supportPersonId: gina.id, status: "agreed", discloses: ["work_schedule"],
    });
    expect(item.status).toBe(201);

    const base = `/participants/${id}/meetings/${meeting.id}`;
    const estimatePath = `/participants/${id}/benefits/estimate?calculate=1&year=2026&ssi=on&scenarios.0.monthlyGross=1300`;
    const request = JSON.stringify(estimateRequestSchema.parse({ year: 2026, scenarios: [{ monthlyGross: 1300 }] }));
    const takeHome = `/participants/${id}/plan/take-home?for=${gina.id}`;

    // Before: every path reaches Gina, so the checks below are not empty.
    expect((await spec1.fetch(`${base}/invitees/${gina.id}.ics`)).status).toBe(200);
    expect(await (await spec1.fetch(`${base}/invitations`)).text()).toContain("Gina Marsh, you are invited");
    expect(await (await spec1.fetch(`/participants/${id}/wins`)).text()).toContain(`name="celebrateWith" value="${gina.id}"`);
    expect(await (await spec1.fetch(estimatePath)).text()).toContain(`value="${gina.id}"`);
    expect(await (await spec1.fetch(takeHome)).text()).toContain("Drive Pat to the bakery");
    const sharedBefore = await spec1.postForm(estimatePath, { intent: "share", request, supportPersonId: [gina.id] });
    expect(sharedBefore.status).toBe(302);
    const copyPath = `/participants/${id}/benefits/estimate?copy=${new URL(sharedBefore.headers.get("location")!, server.url).searchParams.get("shared")}`;
    const copyBefore = await (await spec1.fetch(copyPath)).text();
    expect(copyBefore).toContain("A copy for Gina Marsh");
    expect(copyBefore).toContain("$1,300");

    // Pat asks that nobody reach out to Gina any more. Her grant is not revoked.
    const marked = await spec1.api("PUT", `/participants/${id}/support-persons/${gina.id}`, {
      name: "Gina Marsh", relationshipKind: "relative", closeness: "inner", status: "do_not_contact", version: gina.version,
    });
    expect(marked.status).toBe(200);

    // The calendar file: the page route, the API and the domain.
    expect((await spec1.fetch(`${base}/invitees/${gina.id}.ics`)).status).toBe(404);
    expect((await spec1.api("GET", `${base}/invitees/${gina.id}/ics`)).status).toBe(404);
    expect(await sendInvitations(database.db, await authorized(database.db, world.actors.specialist1, id, "read"), meeting.id, calendarSender, { supportPersonId: gina.id }, meta))
      .toEqual({ ok: true, sent: [], refused: [gina.id], unreviewed: false });
    expect((await spec1.fetch(`${base}/invitees/${hal.id}.ics`)).status).toBe(200);

    // The printed invitations: Hal's only, and none when asked for Gina's alone.
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).toContain("Hal Ortega, you are invited");
    expect(printed).not.toContain("Gina Marsh");
    expect(await (await spec1.fetch(`${base}/invitations?for=${gina.id}`)).text()).not.toContain("Gina Marsh, you are invited");
    const onPaper = await sendInvitations(database.db, await authorized(database.db, world.actors.specialist1, id, "read"), meeting.id, printSender, "all", meta);
    expect(onPaper.ok && onPaper.sent.map((i) => i.supportPersonId)).toEqual([hal.id]);
    const meetingPage = await (await spec1.fetch(base)).text();
    expect(meetingPage).not.toContain(`href="${base}/invitees/${gina.id}.ics"`);
    expect((await spec1.api("POST", `${base}/responses`, { supportPersonId: gina.id, response: "yes" })).status).toBe(422);

    // Celebrate-with: not offered, and refused by the page, the API and the domain.
    const wins = await (await spec1.fetch(`/participants/${id}/wins`)).text();
    expect(wins).not.toContain(`value="${gina.id}"`);
    expect(wins).toContain(`value="${hal.id}"`);
    expect((await spec1.postForm(`/participants/${id}/wins/new`, { kind: "interview", occurredOn: "2030-06-01", celebrateWith: [gina.id] })).status).toBe(422);
    expect((await spec1.api("POST", `/participants/${id}/milestones`, { kind: "interview", occurredOn: "2030-06-01", celebrateWith: [gina.id] })).status).toBe(422);
    expect(await addMilestone(database.db, await authorized(database.db, world.actors.specialist1, id), { kind: "interview", occurredOn: "2030-06-01", note: null, celebrateWith: [gina.id] }, meta))
      .toEqual({ ok: false, reason: "not_consented", people: [gina.id] });

    // An estimate: not offered, refused when sent anyway, and the copy shared before is no longer shown.
    const estimatePage = await (await spec1.fetch(estimatePath)).text();
    expect(estimatePage).not.toContain(`value="${gina.id}"`);
    expect(estimatePage).toContain(`value="${hal.id}"`);
    const sharesBefore = await database.db.selectFrom("benefits_estimate_shares").select("id").execute();
    expect((await spec1.postForm(estimatePath, { intent: "share", request, supportPersonId: [gina.id] })).status).toBe(422);
    expect(await shareEstimate(database.db, await authorized(database.db, world.actors.specialist1, id), JSON.parse(request), [gina.id], meta))
      .toEqual({ ok: false, reason: "not_allowed", names: ["Gina Marsh"] });
    expect(await database.db.selectFrom("benefits_estimate_shares").select("id").execute()).toEqual(sharesBefore);
    const copy = await (await spec1.fetch(copyPath)).text();
    expect(copy).toContain("This copy cannot be shown: consent for Gina Marsh no longer covers benefits and income.");
    expect(copy).not.toContain("$1,300");

    // The take-home copy: nothing of Pat, on the page, in the PDF and from the domain.
    const copyPage = await (await spec1.fetch(takeHome)).text();
    expect(copyPage).toContain('data-allowed="no"');
    const article = copyPage.slice(copyPage.indexOf("<article"), copyPage.indexOf("</article>"));
    for (const leak of ["Pat", "Quinn", "Baker", "bakery", "Gina"]) expect(article).not.toMatch(new RegExp(`\\b${leak}\\b`));
    const pdf = await spec1.fetch(`/participants/${id}/plan/take-home.pdf?for=${gina.id}`);
    expect(pdf.status).toBe(200);
    const pdfWords = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(pdfWords).toContain("Nothing to show");
    for (const leak of ["Pat", "bakery", "Gina"]) expect(pdfWords).not.toMatch(new RegExp(`\\b${leak}\\b`));
    const plan = (await getTakeHomePlan(database.db, await authorized(database.db, world.actors.specialist1, id, "read"), { kind: "support", supportPersonId: gina.id }, meta))?.plan;
    expect(plan).toMatchObject({ allowed: false });
    expect(await (await spec1.fetch(`/participants/${id}/plan/take-home?for=${hal.id}`)).text()).toContain("How you can help Pat at work");
  });
});

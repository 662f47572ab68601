import { describe, expect, it } from "vitest";
import { Client as ClientOf, type Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { authorizeOwnRecord } from "../../src/domain/portal/access.server.ts";
import { listMyDisclosures } from "../../src/domain/portal/disclosures.server.ts";
import { addSupportPerson, grantConsent, issueLink, openLink } from "../support/partners.ts";

// Families connecting (issue 15, decision 0044): two support persons of two
// participants are introduced only when all four agreed; each sees the other
// with only what the other chose to share; a withdrawal ends it for good.
const app = useTestApp();
const { lastSeq } = app;
const clients = new Map<string, Promise<Client>>();
function clientFor(email: string): Promise<Client> {
  if (!clients.has(email)) clients.set(email, app.clientFor(email));
  return clients.get(email)!;
}

async function actionsSince(seq: number) {
  return (await app.database.db.selectFrom("audit_log").select(["action", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute());
}

describe("families connecting", () => {
  it("introduces two families only with all four agreements, shows what each shared, and ends on withdrawal", { timeout: 180_000 }, async () => {
    const db = app.database.db;
    const { participant1: p1, participant1b: p1b } = app.world.participants;
    const spec1 = await clientFor("spec1@test.org");
    const spec1b = await clientFor("spec1b@test.org");
    const sup1 = await clientFor("sup1@test.org");
    const gloria = await addSupportPerson(spec1, p1.id, { name: "Gloria Reyes", phone: "555-0100", email: "gloria@example.org" });
    const ray = await addSupportPerson(spec1b, p1b.id, { name: "Ray Morgan", phone: "555-0199", email: "ray@example.org" });
    const tomas = await addSupportPerson(spec1, p1.id, { name: "Tomas Quinn" });
    // A personal link needs consent; meeting another family does not depend on any category of it.
    await grantConsent(spec1, p1.id, gloria.id);
    await grantConsent(spec1b, p1b.id, ray.id);
    await grantConsent(spec1, p1.id, tomas.id);
    const introduce = { firstSupportPersonId: gloria.id, secondSupportPersonId: ray.id, note: "Both of you help someone who wants to work in a kitchen." };

    // Nobody agreed yet: the supervisor of both caseloads is refused.
    expect((await sup1.postForm("/families", introduce)).status).toBe(422);

    // Gloria says yes on her own page and shares her phone only.
    const gloriaLink = await issueLink(db, app.world.actors.specialist1, p1.id, gloria.id);
    const gloriaPhone = (await openLink(app.url, gloriaLink.path)).client;
    let before = await lastSeq();
    expect((await gloriaPhone.postForm("/support/families", { answer: "yes", sharePhone: "on" })).status).toBe(302);
    expect((await actionsSince(before)).map((r) => r.action)).toContain("family.agree");
    // The specialists record the rest: Pat's own yes, and Ray's and Lee's, Ray sharing his email only.
    expect((await spec1.postForm(`/participants/${p1.id}/families`, { subject: "participant", answer: "yes" })).status).toBe(302);
    expect((await spec1b.postForm(`/participants/${p1b.id}/families`, { subject: ray.id, answer: "yes", shareEmail: "on" })).status).toBe(302);
    // Three of four: still refused.
    expect((await sup1.postForm("/families", introduce)).status).toBe(422);
    expect((await spec1b.postForm(`/participants/${p1b.id}/families`, { subject: "participant", answer: "yes" })).status).toBe(302);
    // A specialist cannot record on another's participant, nor for someone not on the record.
    expect((await spec1.postForm(`/participants/${p1b.id}/families`, { subject: "participant", answer: "stop" })).status).toBe(404);
    expect((await spec1.postForm(`/participants/${p1.id}/families`, { subject: ray.id, answer: "yes" })).status).toBe(404);

    // The staff page shows who agreed and how.
    const record = await (await spec1.fetch(`/participants/${p1.id}/families`)).text();
    expect(record).toContain("on their own page");
    expect(record).toContain("recorded by Spec One");

    // Spec One does not reach Lee's record: the introduction is not theirs to make.
    expect((await spec1.postForm("/families", introduce)).status).toBe(404);
    // Two supports of the same participant are not introduced to each other.
    expect((await spec1.postForm(`/participants/${p1.id}/families`, { subject: tomas.id, answer: "yes" })).status).toBe(302);
    expect((await spec1.postForm("/families", { firstSupportPersonId: gloria.id, secondSupportPersonId: tomas.id })).status).toBe(422);

    const candidates = await (await sup1.fetch("/families")).text();
    expect(candidates).toContain("Gloria Reyes, supports Pat Quinn");
    expect(candidates).toContain("Ray Morgan, supports Lee Morgan");
    before = await lastSeq();
    expect((await sup1.postForm("/families", introduce)).status).toBe(302);
    const audited = (await actionsSince(before)).filter((r) => r.action === "family.introduce");
    // One disclosure per side, each on the participant whose supporter was named, to the other support person.
    expect(audited.map((r) => r.participant_id).sort()).toEqual([p1.id, p1b.id].sort());
    const onPat = JSON.parse(audited.find((r) => r.participant_id === p1.id)!.details!) as { shared: string[]; disclosure: { readerId: string } };
    expect(onPat).toMatchObject({ shared: ["name", "phone"], disclosure: { readerId: ray.id } });

    // Each sees the other, with only what the other chose to share.
    const gloriaPage = await (await gloriaPhone.fetch("/support")).text();
    expect(gloriaPage).toContain("Ray Morgan");
    expect(gloriaPage).toContain("ray@example.org");
    expect(gloriaPage).not.toContain("555-0199");
    const rayLink = await issueLink(db, app.world.actors.specialist1b, p1b.id, ray.id);
    const rayPhone = (await openLink(app.url, rayLink.path)).client;
    let rayPage = await (await rayPhone.fetch("/support")).text();
    expect(rayPage).toContain("Gloria Reyes");
    expect(rayPage).toContain("555-0100");
    expect(rayPage).not.toContain("gloria@example.org");
    expect(rayPage).toContain("Both of you help someone who wants to work in a kitchen.");
    // Pat's "who has seen what" says Gloria was introduced to another family, and does not name it.
    const own = await authorizeOwnRecord(db, { kind: "participant", participantId: p1.id, name: "Pat", locale: "en" }, { ip: null, requestId: "families-test" });
    const seenByPat = await listMyDisclosures(db, own!, { ip: null, requestId: "families-test" });
    expect(seenByPat!.filter((d) => d.kind === "introduction").map((d) => d.readerName)).toEqual(["Gloria Reyes"]);
    const issued = await spec1.postForm(`/participants/${p1.id}/own-link`, { intent: "issue" });
    const patsLink = new URL(/data-testid="own-link">([^<]+)</.exec(await issued.text())![1]!).pathname;
    const patPhone = new ClientOf(app.url);
    await patPhone.fetch(patsLink);
    const seenPage = await (await patPhone.fetch("/me/seen")).text();
    expect(seenPage).toContain("Gloria Reyes met another family through the program");
    expect(seenPage).not.toContain("Ray Morgan");
    // Nobody else's page shows it: Tomas was not introduced.
    const tomasLink = await issueLink(db, app.world.actors.specialist1, p1.id, tomas.id);
    expect(await (await (await openLink(app.url, tomasLink.path)).client.fetch("/support")).text()).not.toContain("Ray Morgan");

    // Pat withdraws (recorded by staff): the introduction ends and stays ended after a new yes.
    before = await lastSeq();
    expect((await spec1.postForm(`/participants/${p1.id}/families`, { subject: "participant", answer: "stop" })).status).toBe(302);
    const withdrawn = (await actionsSince(before)).find((r) => r.action === "family.withdraw");
    expect(JSON.parse(withdrawn!.details!)).toMatchObject({ subject: "participant", introductionsEnded: 1 });
    rayPage = await (await rayPhone.fetch("/support")).text();
    expect(rayPage).not.toContain("Gloria Reyes");
    expect((await spec1.postForm(`/participants/${p1.id}/families`, { subject: "participant", answer: "yes" })).status).toBe(302);
    expect(await (await rayPhone.fetch("/support")).text()).not.toContain("Gloria Reyes");
    expect(await db.selectFrom("family_introductions").select("ended_at").execute()).toEqual([{ ended_at: expect.any(String) }]);
    // Each agreement keeps its history: Pat's first yes is withdrawn with who and when, the second is current.
    const patAgreements = await db.selectFrom("family_agreements").select(["agreed_by", "withdrawn_at", "withdrawn_by"]).where("participant_id", "=", p1.id).where("support_person_id", "is", null).orderBy("agreed_at").execute();
    expect(patAgreements).toEqual([
      { agreed_by: app.world.users.specialist1.id, withdrawn_at: expect.any(String), withdrawn_by: app.world.users.specialist1.id },
      { agreed_by: app.world.users.specialist1.id, withdrawn_at: null, withdrawn_by: null },
    ]);
  });

  it("lets the participant answer on their own page", { timeout: 120_000 }, async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const issued = await spec1.postForm(`/participants/${id}/own-link`, { intent: "issue" });
    const url = /data-testid="own-link">([^<]+)</.exec(await issued.text())?.[1];
    const { client } = await openLink(app.url, new URL(url!).pathname);
    await app.database.db.deleteFrom("family_introductions").execute();
    await app.database.db.deleteFrom("family_agreements").execute();
    expect(await (await client.fetch("/me/families")).text()).toContain("You have not said yes to this.");
    expect((await client.postForm("/me/families", { answer: "yes" })).status).toBe(302);
    const agreement = await app.database.db.selectFrom("family_agreements").selectAll().executeTakeFirstOrThrow();
    expect(agreement).toMatchObject({ participant_id: id, support_person_id: null, agreed_by: `participant:${id}`, share_phone: 0 });
    expect((await client.postForm("/me/families", { answer: "stop" })).status).toBe(302);
    expect((await app.database.db.selectFrom("family_agreements").select("withdrawn_by").executeTakeFirstOrThrow()).withdrawn_by).toBe(`participant:${id}`);
    // A staff session is not the participant's: the page sends it to the link page.
    expect((await spec1.fetch("/me/families")).headers.get("location")).toBe("/l");
  });
});

import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { pdfText } from "../support/pdf-text.ts";

// Consent by content, the reproduction of issue 9: a support person whose grant covers
// only job goals and work schedule must not receive, in the take-home copy (page, PDF,
// API), a plan item about a methadone clinic, the name of another support (the
// sponsor), or a copy without the Part 2 notice when a Part 2 piece is in it.
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
    supportPersonId: personId, categories, purpose: "To help me keep my job.", mayAttendMeetings: true, mayReceivePlan: true,
    mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
}
/** The three forms a support person's copy takes: the print page (its article only), the PDF and the API. */
async function copiesFor(client: Client, participantId: string, personId: string) {
  const html = await (await client.fetch(`/participants/${participantId}/plan/take-home?for=${personId}`)).text();
  const page = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
  const pdf = await pdfText(Buffer.from(await (await client.fetch(`/participants/${participantId}/plan/take-home.pdf?for=${personId}`)).arrayBuffer()));
  const api = JSON.stringify(await (await client.api("GET", `/participants/${participantId}/take-home-plan?for=${personId}`)).json());
  return { page, pdf, api };
}

const PART2_WORDS = "42 CFR Part 2";

describe("consent by content: the take-home copy", () => {
  it("keeps a methadone clinic ride, the sponsor's name and the Part 2 notice out of a copy whose consent covers only job goals and schedule", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const rosa = await addPerson(spec1, id, "Rosa Delgado");
    const dale = await addPerson(spec1, id, "Dale Sponsor");
    await grant(spec1, id, rosa.id, ["employment_goals", "work_schedule"]);
    await grant(spec1, id, dale.id, ["substance_use_treatment"]);

    const clinic = { kind: "rides", description: "Ride to the methadone clinic", provider: "support_person", supportPersonId: dale.id, frequency: "Tuesdays", status: "agreed", sharedWithSupports: true, discloses: ["substance_use_treatment"] };
    // Shared without reading the Part 2 warning: refused, nothing saved.
    const before = await lastSeq();
    const unconfirmed = await spec1.api("POST", `/participants/${id}/plan-items`, clinic);
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(await unconfirmed.json())).toContain("part2Confirmed");
    expect((await auditSince(before)).map((r) => r.action)).toEqual([]);
    expect((await spec1.api("POST", `/participants/${id}/plan-items`, { ...clinic, part2Confirmed: true })).status).toBe(201);
    const rides = await spec1.api("POST", `/participants/${id}/plan-items`, {
      kind: "rides", description: "Ride to the bakery shift", provider: "support_person", supportPersonId: rosa.id, frequency: "Weekdays", status: "agreed", discloses: ["work_schedule"],
    });
    expect(rides.status).toBe(201);
    // Shared but never reviewed (as migrated items are): it reaches nobody.
    expect((await spec1.api("POST", `/participants/${id}/plan-items`, { kind: "reminders", description: "Text about the evening group", provider: "specialist", status: "agreed", sharedWithSupports: true })).status).toBe(201);

    const seq = await lastSeq();
    const rosaCopy = await copiesFor(spec1, id, rosa.id);
    for (const [form, text] of Object.entries(rosaCopy)) {
      expect(text, form).toContain("Ride to the bakery shift");
      for (const leak of ["methadone", "Dale", "Sponsor", "evening group", PART2_WORDS]) expect(text, `${form} shows ${leak}`).not.toContain(leak);
    }
    const reads = (await auditSince(seq)).filter((r) => r.action === "plan.read").map((r) => JSON.parse(r.details ?? "{}").disclosure);
    expect(reads).toEqual([0, 1, 2].map(() => ({ readerKind: "support_person", readerId: rosa.id, categories: ["employment_goals", "work_schedule"] })));

    // The sponsor, whose own consent covers substance use treatment, gets the clinic ride with the notice, and not Rosa's name.
    const daleCopy = await copiesFor(spec1, id, dale.id);
    for (const [form, text] of Object.entries(daleCopy)) {
      expect(text, form).toContain("methadone clinic");
      expect(text, form).not.toContain("Rosa");
      expect(text, form).not.toContain("bakery");
      expect(text, form).not.toContain("Baker");
    }
    expect(daleCopy.page).toContain(PART2_WORDS);
    expect(daleCopy.pdf).toContain(PART2_WORDS);
    expect(JSON.parse(daleCopy.api)).toMatchObject({ redisclosureNotice: true, discloses: ["substance_use_treatment"] });

    // Pat's own copy names everyone.
    const own = await (await spec1.fetch(`/participants/${id}/plan/take-home`)).text();
    for (const text of ["Dale Sponsor", "Rosa Delgado", "methadone clinic", "evening group"]) expect(own).toContain(text);

    // The plan page tells the specialist which item nobody has reviewed yet.
    const planPage = await (await spec1.fetch(`/participants/${id}/plan`)).text();
    expect(planPage).toContain("Not shared with anyone until you choose what it tells.");
    expect(planPage).toContain('data-unreviewed="1"');
  });

  it("asks the specialist to confirm the Part 2 warning on the plan form before a substance use item is shared, and saves nothing without it", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const fields = { kind: "rides", description: "Ride to the recovery meeting", who: "specialist", status: "agreed", sharedWithSupports: "on", discloses: ["work_schedule", "substance_use_treatment"] };
    const before = await lastSeq();
    const refused = await spec1.postForm(`/participants/${id}/plan/items`, fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Read the warning and tick the box to share it");
    expect(html).toMatch(/id="field-discloses-substance_use_treatment"[^>]*checked/);
    expect((await auditSince(before)).map((r) => r.action).filter((a) => !a.endsWith(".read"))).toEqual([]);

    const saved = await spec1.postForm(`/participants/${id}/plan/items`, { ...fields, part2Confirmed: "on" });
    expect(saved.status).toBe(302);
    const items = (await (await spec1.api("GET", `/participants/${id}/plan-items`)).json()).items as { description: string; discloses: string[]; sharedWithSupports: boolean }[];
    expect(items.find((i) => i.description === "Ride to the recovery meeting")).toMatchObject({ sharedWithSupports: true, discloses: ["work_schedule", "substance_use_treatment"] });
    // Not shared, it needs no confirmation.
    expect((await spec1.postForm(`/participants/${id}/plan/items`, { ...fields, sharedWithSupports: [], description: "Ride to the clinic" })).status).toBe(302);
  });
});

describe("consent by content: concerns", () => {
  it("marks a concern with what it tells: the usual for its type unless the specialist chooses, through the API and the concerns page", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const relapse = await spec1.api("POST", `/participants/${id}/concerns`, { type: "relapse", description: "Worried about drinking again after payday" });
    expect(relapse.status).toBe(201);
    expect((await relapse.json()).discloses).toEqual(["substance_use_treatment"]);
    const benefits = await spec1.api("POST", `/participants/${id}/concerns`, { type: "losing_benefits", description: "Afraid SSI stops" });
    expect((await benefits.json()).discloses).toEqual(["benefits_income"]);

    const posted = await spec1.postForm(`/participants/${id}/concerns`, {
      intent: "concern", clientKey: "k-1", type: "work_stress", raisedBy: "participant", description: "The night shift is hard", discloses: ["work_schedule"],
    });
    expect(posted.status).toBe(302);
    const concerns = (await (await spec1.api("GET", `/participants/${id}/concerns`)).json()).concerns as { description: string; discloses: string[]; id: string; version: number }[];
    const nightShift = concerns.find((c) => c.description === "The night shift is hard")!;
    expect(nightShift.discloses).toEqual(["work_schedule"]);
    const page = await (await spec1.fetch(`/participants/${id}/concerns`)).text();
    expect(page).toContain('data-discloses="substance_use_treatment"');

    // Reviewed again on the concern's own form: what is ticked replaces the mark.
    const updated = await spec1.postForm(`/participants/${id}/concerns`, {
      intent: "concernUpdate", concernId: nightShift.id, version: String(nightShift.version), status: "in_progress", discloses: ["work_schedule", "job_details"],
    });
    expect(updated.status).toBe(302);
    const row = await app.database.db.selectFrom("concerns").select("discloses").where("id", "=", nightShift.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.discloses)).toEqual(["work_schedule", "job_details"]);
  });
});

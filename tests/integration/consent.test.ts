import { describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { holdsConsent, mayInvolve, mayShare } from "../../src/domain/consent/check.ts";
import { loadConsentHistory, recordConsentGrant } from "../../src/domain/consent/consent.server.ts";
import { consentGrantInputSchema } from "../../src/domain/consent/model.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { authorized } from "../support/access.ts";
import { pdfText } from "../support/pdf-text.ts";

// Consent grants and revocations through the pages and the API, checked with the one consent check.
const app = useTestApp();
const { clientFor, lastSeq } = app;

const today = () => new Date().toISOString().slice(0, 10);

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "entity_id", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}
async function grantCount(personId: string) {
  const row = await app.database.db.selectFrom("consent_grants").select((eb) => eb.fn.countAll<number>().as("n")).where("support_person_id", "=", personId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function addPerson(client: Client, participantId: string, fields: Record<string, unknown> = {}) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name: "Dee Quinn", relationshipKind: "relative", closeness: "inner", ...fields });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; status: string; endedAt: string | null; version: number };
}

function grantBody(personId: string, fields: Record<string, unknown> = {}) {
  return {
    supportPersonId: personId, categories: ["employment_goals", "work_schedule"], purpose: "So my aunt can help me get to work on time.",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app",
    signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true, ...fields,
  };
}

/** Sends a multipart form like a browser, with the CSRF field. */
async function postMultipart(client: Client, path: string, fields: Record<string, string | string[]>, file?: { name: string; type: string; bytes: Uint8Array }) {
  if (!client.cookies.has("allies_csrf")) await client.fetch("/sign-in");
  const body = new FormData();
  body.set("_csrf", client.csrf);
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  if (file) body.set("scan", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return client.fetch(path, { method: "POST", body, headers: { origin: client.baseUrl } });
}

const personFacts = async (personId: string) => {
  const row = await app.database.db.selectFrom("support_persons").select(["id", "status", "ended_at"]).where("id", "=", personId).executeTakeFirstOrThrow();
  return { id: row.id, status: row.status as "supportive", endedAt: row.ended_at };
};

describe("granting and revoking consent", () => {
  it("shares exactly what the history allows: grant, withdraw one category, withdraw the whole grant", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id);
    const before = await lastSeq();

    const granted = await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id));
    expect(granted.status).toBe(201);
    const grant = await granted.json();
    expect(grant).toMatchObject({ status: "active", activeCategories: ["employment_goals", "work_schedule"], recordedBy: "Spec One", signedMethod: "in_app" });

    let history = await loadConsentHistory(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, id, "read"));
    let now = new Date();
    const facts = await personFacts(person.id);
    expect(mayShare(history, facts, "employment_goals", now)).toBe(true);
    expect(mayShare(history, facts, "work_schedule", now)).toBe(true);
    expect(mayShare(history, facts, "benefits_income", now)).toBe(false);
    expect(mayInvolve(history, facts, "attendMeetings", now)).toBe(true);
    expect((await (await spec1.api("GET", `/participants/${id}/support-persons`)).json()).withConsent).toContain(person.id);

    const one = await spec1.api("POST", `/participants/${id}/consent-grants/${grant.id}/revoke`, { category: "work_schedule", reason: "Changed my mind" });
    expect(one.status).toBe(200);
    expect((await one.json()).activeCategories).toEqual(["employment_goals"]);
    history = await loadConsentHistory(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, id, "read"));
    now = new Date();
    expect(mayShare(history, facts, "work_schedule", now)).toBe(false);
    expect(mayShare(history, facts, "employment_goals", now)).toBe(true);

    const again = await spec1.api("POST", `/participants/${id}/consent-grants/${grant.id}/revoke`, { category: "work_schedule" });
    expect(again.status).toBe(409);

    // The whole grant, withdrawn from the person page after the confirm step.
    const confirmPage = await (await spec1.fetch(`/participants/${id}/network/${person.id}?revoke=${grant.id}`)).text();
    expect(confirmPage).toContain("Withdraw the whole consent for Dee Quinn?");
    const whole = await spec1.postForm(`/participants/${id}/network/${person.id}`, { intent: "revoke", grantId: grant.id, category: "", reason: "" });
    expect(whole.status).toBe(302);
    history = await loadConsentHistory(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, id, "read"));
    now = new Date();
    expect(mayShare(history, facts, "employment_goals", now)).toBe(false);
    expect(holdsConsent(history, facts, now)).toBe(false);
    expect(mayInvolve(history, facts, "contact", now)).toBe(false);
    const listed = await (await spec1.api("GET", `/participants/${id}/consent-grants?supportPersonId=${person.id}`)).json();
    expect(listed.grants[0]).toMatchObject({ id: grant.id, status: "revoked", activeCategories: [] });
    expect(listed.grants[0].revocations.map((r: { category: string | null }) => r.category)).toEqual(["work_schedule", null]);
    expect((await (await spec1.api("GET", `/participants/${id}/support-persons`)).json()).withConsent).not.toContain(person.id);

    const rows = await auditSince(before);
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === "consent.grant")).toHaveLength(1);
    expect(actions.filter((a) => a === "consent.revoke")).toHaveLength(2);
    expect(actions).toContain("consent.read");
    expect(actions).toContain("network.read");
    for (const row of rows) {
      expect(row.actor_id).toBe(app.world.users.specialist1.id);
      expect(row.participant_id).toBe(id);
    }
    const revokes = rows.filter((r) => r.action === "consent.revoke").map((r) => JSON.parse(r.details).category);
    expect(revokes).toEqual(["work_schedule", "whole grant"]);
  });

  it("records a consent signed in the app through the two-step page, recorded by the current user", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Aunt Jo", phone: "555-0142" });
    const path = `/participants/${id}/network/${person.id}/consent/new`;
    const form = await (await spec1.fetch(path)).text();
    expect(form).toContain("Record a consent for Aunt Jo");

    const terms = { categories: ["job_details"], purpose: "So Jo can cheer me on.", mayBeContacted: "on", startsOn: today(), expiresOn: "", expiryEvent: "I leave the program", signedMethod: "in_app" };
    const review = await postMultipart(spec1, path, { ...terms, intent: "review" });
    expect(review.status).toBe(200);
    const summary = await review.text();
    expect(summary).toContain("Job details and employer");
    expect(summary).toContain("It ends when: I leave the program.");
    expect(summary).toContain("Type your full name to sign");

    const unsigned = await postMultipart(spec1, path, { ...terms, intent: "save", signedOn: today() });
    expect(unsigned.status).toBe(400);
    const unsignedHtml = await unsigned.text();
    expect(unsignedHtml).toContain("The participant types their name to sign.");
    expect(unsignedHtml).toContain("The participant must tick the box to confirm.");
    expect(await grantCount(person.id)).toBe(0);

    const saved = await postMultipart(spec1, path, { ...terms, intent: "save", signatureName: "Pat Quinn", participantConfirmed: "on", signedOn: today() });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toMatch(new RegExp(`/network/${person.id}\\?consent=`));
    const row = await app.database.db.selectFrom("consent_grants").selectAll().where("support_person_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ signed_method: "in_app", signature_name: "Pat Quinn", recorded_by: app.world.users.specialist1.id, expiry_event: "I leave the program" });
    const personPage = await (await spec1.fetch(saved.headers.get("location")!)).text();
    expect(personPage).toContain("Print the consent form");

    // The printable form and the PDF: the elements a valid authorization needs, and audited reads.
    const before = await lastSeq();
    const printable = await spec1.fetch(`/participants/${id}/consent/${row.id}/form`);
    expect(printable.status).toBe(200);
    const html = await printable.text();
    for (const text of ["Permission to share information", "Aunt Jo", "Job details and employer", "So Jo can cheer me on.", "Spec One", "I can take back this permission at any time", "Pat Quinn"]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("42 CFR Part 2");
    const pdf = await spec1.fetch(`/participants/${id}/consent/${row.id}/form.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; filename="consent-quinn-aunt-jo-\d{4}-\d\d-\d\d\.pdf"$/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const reads = (await auditSince(before)).map((r) => r.action);
    expect(reads.filter((a) => a === "consent.read")).toHaveLength(2);
  });

  it("keeps substance use treatment on a grant of its own, with the Part 2 notice on its form", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Sponsor Sam", relationshipKind: "sponsor", closeness: "friends" });
    const mixed = await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id, { categories: ["substance_use_treatment", "employment_goals"] }));
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).error.fields).toEqual([expect.objectContaining({ path: "categories", message: expect.stringContaining("its own separate consent") })]);
    const alone = await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id, { categories: ["substance_use_treatment"] }));
    expect(alone.status).toBe(201);
    const grant = await alone.json();
    const html = await (await spec1.fetch(`/participants/${id}/consent/${grant.id}/form`)).text();
    expect(html).toContain("42 CFR Part 2");
    expect(html).toContain("Substance use treatment information");
  });

  it("prints the blank form for the chosen terms from the sign step, to sign on paper before the scan is uploaded (page and PDF)", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Neighbour Rae", relationshipKind: "neighbour", closeness: "community", phone: "555-0177" });
    const path = `/participants/${id}/network/${person.id}/consent/new`;
    const terms = {
      categories: ["employment_goals", "work_schedule"], purpose: "So Rae can give me a ride on early shifts.", mayAttendMeetings: "on",
      startsOn: today(), expiresOn: "2099-06-30", expiryEvent: "", signedMethod: "paper",
    };
    const signStep = await (await postMultipart(spec1, path, { ...terms, intent: "review" })).text();
    const link = signStep.match(/href="([^"]*\/consent\/blank\?[^"]*)"/)?.[1]?.replaceAll("&amp;", "&");
    expect(link).toBeDefined();
    expect(signStep).toContain("Print the form to sign on paper");
    expect(signStep).toContain(`href="${link!.replace("/blank?", "/blank.pdf?").replaceAll("&", "&amp;")}"`);

    const before = await lastSeq();
    const page = await spec1.fetch(link!);
    expect(page.status).toBe(200);
    const html = await page.text();
    const article = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
    for (const text of [
      "Permission to share information", "I, Pat Quinn, give permission for my information to be shared with Neighbour Rae", "Phone: 555-0177",
      "Job goals and job search", "Work schedule", "So Rae can give me a ride on early shifts.", "Neighbour Rae may come to my support meetings.",
      "It ends on June 30, 2099.", "I can take back this permission at any time", "Spec One",
    ]) expect(article).toContain(text);
    // Lines left blank to sign and date by hand; nothing says it was signed or recorded.
    expect(article).toContain("<dt>Signature</dt><dd></dd><dt>Date</dt><dd></dd>");
    for (const text of ["Signed on paper", "Recorded by", "Neighbour Rae may get a copy", "42 CFR Part 2"]) expect(article).not.toContain(text);
    expect(html).toContain("Nothing is recorded yet");

    const pdf = await spec1.fetch(link!.replace("/blank?", "/blank.pdf?"));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const pdfWords = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    for (const text of ["Permission to share information", "Neighbour Rae", "So Rae can give me a ride on early shifts.", "Signature", "Blank form printed"]) {
      expect(pdfWords).toContain(text);
    }
    expect(pdfWords).not.toContain("Recorded by");

    // Both are audited reads of the participant's consent; nothing is granted by printing.
    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(["consent.read", "consent.read"]);
    expect(JSON.parse(rows[0]!.details ?? "{}")).toEqual({ supportPersonId: person.id, blankForm: true, categories: ["employment_goals", "work_schedule"] });
    expect(await grantCount(person.id)).toBe(0);

    // Substance use treatment carries its notice on the blank form too.
    const part2 = new URL(link!, app.url);
    part2.searchParams.delete("categories");
    part2.searchParams.append("categories", "substance_use_treatment");
    expect(await (await spec1.fetch(part2.pathname + part2.search)).text()).toContain("42 CFR Part 2");

    // Terms that do not hold, another team, and someone marked do not contact get no form.
    const incomplete = new URL(link!, app.url);
    incomplete.searchParams.delete("categories");
    const refused = await spec1.fetch(incomplete.pathname + incomplete.search);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The terms of this consent are not complete.");
    expect((await spec1.fetch(incomplete.pathname.replace(/blank$/, "blank.pdf") + incomplete.search)).status).toBe(400);
    const seq = await lastSeq();
    const spec2 = await clientFor("spec2@test.org");
    expect((await spec2.fetch(link!)).status).toBe(404);
    expect((await spec2.fetch(link!.replace("/blank?", "/blank.pdf?"))).status).toBe(404);
    // Nothing but the two refusals, each audited.
    expect((await auditSince(seq)).map((r) => r.action).filter((a) => a !== "user.sign_in")).toEqual(["access.refused", "access.refused"]);
    const vic = await addPerson(spec1, id, { name: "Cousin Vic", status: "do_not_contact" });
    expect((await spec1.fetch(link!.replace(person.id, vic.id))).status).toBe(404);
  });

  it("records a paper consent with its scan, and serves the scan to those who may read it", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Pastor Lee", relationshipKind: "clergy", closeness: "community" });
    const path = `/participants/${id}/network/${person.id}/consent/new`;
    const terms = { categories: ["employment_goals"], purpose: "Job leads from church.", startsOn: today(), expiresOn: "2099-01-01", signedMethod: "paper", signedOn: today() };

    const noScan = await postMultipart(spec1, path, { ...terms, intent: "save" });
    expect(noScan.status).toBe(400);
    expect(await noScan.text()).toContain("Upload the scan of the signed paper form.");
    const wrongType = await postMultipart(spec1, path, { ...terms, intent: "save" }, { name: "scan.exe", type: "application/x-msdownload", bytes: new Uint8Array([77, 90]) });
    expect(wrongType.status).toBe(400);
    // A web page renamed and declared as a PDF is refused on its content, on the page and through the API.
    const disguised = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
    const posing = await postMultipart(spec1, path, { ...terms, intent: "save" }, { name: "form.pdf", type: "application/pdf", bytes: disguised });
    expect(posing.status).toBe(400);
    const viaApi = await spec1.api("POST", `/participants/${id}/consent-grants`, {
      ...terms, supportPersonId: person.id, scan: { filename: "form.pdf", contentType: "application/pdf", contentBase64: Buffer.from(disguised).toString("base64") },
    });
    expect(viaApi.status).toBe(422);
    expect(await grantCount(person.id)).toBe(0);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const saved = await postMultipart(spec1, path, { ...terms, intent: "save" }, { name: "signed form.png", type: "image/png", bytes: png });
    expect(saved.status).toBe(302);
    const grant = await app.database.db.selectFrom("consent_grants").selectAll().where("support_person_id", "=", person.id).executeTakeFirstOrThrow();
    expect(grant.signed_method).toBe("paper");

    const before = await lastSeq();
    const scan = await spec1.fetch(`/participants/${id}/consent/${grant.id}/scan`);
    expect(scan.status).toBe(200);
    expect(scan.headers.get("content-type")).toBe("image/png");
    expect(scan.headers.get("content-disposition")).toBe('attachment; filename="signed_form.png"');
    expect(new Uint8Array(await scan.arrayBuffer())).toEqual(png);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["document.read"]);

    const spec2 = await clientFor("spec2@test.org");
    expect((await spec2.fetch(`/participants/${id}/consent/${grant.id}/scan`)).status).toBe(404);
  });

  it("accepts a paper consent's scan through the API too, and refuses a paper consent without one", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Coach Ray", relationshipKind: "mentor", closeness: "friends" });
    const paper = grantBody(person.id, { signedMethod: "paper", signatureName: null, participantConfirmed: false });
    const missing = await spec1.api("POST", `/participants/${id}/consent-grants`, paper);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields[0].path).toBe("scan");
    const badScan = await spec1.api("POST", `/participants/${id}/consent-grants`, { ...paper, scan: { filename: "x.pdf", contentType: "application/pdf", contentBase64: "***" } });
    expect(badScan.status).toBe(400);
    expect((await badScan.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(["scan.contentBase64"]);
    const ok = await spec1.api("POST", `/participants/${id}/consent-grants`, { ...paper, scan: { filename: "x.pdf", contentType: "application/pdf", contentBase64: Buffer.from("%PDF-1.4 test").toString("base64") } });
    expect(ok.status).toBe(201);
    expect((await ok.json()).hasScan).toBe(true);
  });

  it("returns field errors for bad grant and revocation bodies and stores nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Friend Fay", relationshipKind: "friend", closeness: "friends" });
    const bad = await spec1.api("POST", `/participants/${id}/consent-grants`, {
      supportPersonId: person.id, categories: [], purpose: "", startsOn: "tomorrow", expiresOn: null, signedMethod: "fax", signedOn: "2026-13", extra: true,
    });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["categories", "purpose", "startsOn", "signedMethod", "signedOn"]));
    const backwards = await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id, { startsOn: "2030-01-02", expiresOn: "2030-01-01" }));
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error.fields[0]).toMatchObject({ path: "expiresOn", message: "The end date must be on or after the start date." });
    expect(await grantCount(person.id)).toBe(0);

    const granted = await (await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id))).json();
    const badRevoke = await spec1.api("POST", `/participants/${id}/consent-grants/${granted.id}/revoke`, { category: "everything" });
    expect(badRevoke.status).toBe(400);
    expect((await badRevoke.json()).error.fields[0].path).toBe("category");
    const revocations = await app.database.db.selectFrom("consent_revocations").selectAll().where("grant_id", "=", granted.id).execute();
    expect(revocations).toEqual([]);

    // The page keeps what was typed and says what to fix.
    const page = await postMultipart(spec1, `/participants/${id}/network/${person.id}/consent/new`, { intent: "review", purpose: "Rides", startsOn: today(), expiresOn: "", expiryEvent: "", signedMethod: "in_app" });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("Choose at least one kind of information.");
    expect(html).toContain("Give an end date or an event that ends this consent.");
    expect(html).toContain(">Rides</textarea>");
  });
});

describe("do not contact", () => {
  it("lets no path record a consent for a person marked do not contact", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Uncle Vic", status: "do_not_contact" });

    const api = await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id));
    expect(api.status).toBe(422);
    expect((await api.json()).error.code).toBe("unreachable_person");

    const pagePath = `/participants/${id}/network/${person.id}/consent/new`;
    const page = await (await spec1.fetch(pagePath)).text();
    expect(page).toContain("No consent can be recorded for them.");
    expect(page).not.toContain("Continue to the summary");
    const personPage = await (await spec1.fetch(`/participants/${id}/network/${person.id}`)).text();
    expect(personPage).toContain("The participant asked that nobody reach out to Uncle Vic.");
    expect(personPage).not.toContain(`${pagePath}"`);

    const post = await postMultipart(spec1, pagePath, {
      intent: "save", categories: "employment_goals", purpose: "x", startsOn: today(), expiresOn: "2099-01-01", signedMethod: "in_app", signatureName: "Pat Quinn", participantConfirmed: "on", signedOn: today(),
    });
    expect(post.status).toBe(409);

    const input = consentGrantInputSchema.parse(grantBody(person.id));
    const direct = await recordConsentGrant(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, id), input, null, systemMeta);
    expect(direct).toEqual({ ok: false, reason: "unreachable_person" });
    expect(await grantCount(person.id)).toBe(0);
  });

  it("stops sharing at once when a person with consent is marked do not contact", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Cousin Al" });
    expect((await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id))).status).toBe(201);
    const marked = await spec1.api("PUT", `/participants/${id}/support-persons/${person.id}`, { name: "Cousin Al", relationshipKind: "relative", closeness: "inner", status: "do_not_contact", version: 1 });
    expect(marked.status).toBe(200);
    const history = await loadConsentHistory(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, id, "read"));
    expect(mayShare(history, await personFacts(person.id), "employment_goals", new Date())).toBe(false);
    expect((await (await spec1.api("GET", `/participants/${id}/support-persons`)).json()).withConsent).not.toContain(person.id);
    expect((await spec1.fetch(`/participants/${id}/network/${person.id}/consent/new`)).status).toBe(200);
    expect((await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id))).status).toBe(422);
  });
});

describe("who may see consent", () => {
  it("gives a team-2 specialist 404 for a team-1 participant's grants, forms and revocations, and records nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, { name: "Gran Bea" });
    const grant = await (await spec1.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id))).json();
    const spec2 = await clientFor("spec2@test.org");
    const before = await lastSeq();

    expect((await spec2.api("GET", `/participants/${id}/consent-grants`)).status).toBe(404);
    expect((await spec2.api("POST", `/participants/${id}/consent-grants`, grantBody(person.id))).status).toBe(404);
    expect((await spec2.api("POST", `/participants/${id}/consent-grants/${grant.id}/revoke`, {})).status).toBe(404);
    for (const path of [`/participants/${id}/consent/${grant.id}/form`, `/participants/${id}/consent/${grant.id}/form.pdf`, `/participants/${id}/consent/${grant.id}/scan`]) {
      expect((await spec2.fetch(path)).status, path).toBe(404);
    }
    const pageRevoke = await spec2.postForm(`/participants/${id}/network/${person.id}`, { intent: "revoke", grantId: grant.id, category: "" });
    expect(pageRevoke.status).toBe(404);

    // Only the refusals are recorded.
    expect(new Set((await auditSince(before)).map((r) => r.action))).toEqual(new Set(["access.refused"]));
    const still = await (await spec1.api("GET", `/participants/${id}/consent-grants?supportPersonId=${person.id}`)).json();
    expect(still.grants[0].status).toBe("active");

    // A grant id from another participant is not found through this participant's address.
    const admin = await clientFor("admin@test.org");
    const otherPerson = await addPerson(admin, app.world.participants.participant2.id, { name: "Kim's Mom" });
    const otherGrant = await (await admin.api("POST", `/participants/${app.world.participants.participant2.id}/consent-grants`, grantBody(otherPerson.id))).json();
    expect((await spec1.fetch(`/participants/${id}/consent/${otherGrant.id}/form`)).status).toBe(404);
    expect((await spec1.api("POST", `/participants/${id}/consent-grants/${otherGrant.id}/revoke`, {})).status).toBe(404);
  });
});

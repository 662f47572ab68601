import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";
import { fhirIssues } from "../support/fhir-validator.ts";

// Issue 16 §3: a participant's record as FHIR R4 for the program's own health record,
// through the API, the participant's page and `allies export fhir`; every resource
// checked by a maintained validator; substance use left out unless a consent naming
// the record is given; audited as a disclosure; refused like a record that does not
// exist. On SQLite and PostgreSQL (TEST_DB).
const app = useTestApp();
const today = () => new Date().toISOString().slice(0, 10);
const dir = mkdtempSync(path.join(tmpdir(), "allies-fhir-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Bundle {
  resourceType: string;
  type: string;
  meta?: { security: { system: string; code: string }[] };
  entry: { fullUrl: string; resource: { resourceType: string } }[];
}

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

/** Pat's network and plan: Rosa with an employment consent, Dale whose only consent is Part 2, a clinic ride, a bakery ride and an item nobody reviewed. */
async function patsRecord(spec: Client, participantId: string) {
  const person = async (name: string) => {
    const response = await spec.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "inner" });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  const grant = async (personId: string, categories: string[]) => {
    const response = await spec.api("POST", `/participants/${participantId}/consent-grants`, {
      supportPersonId: personId, categories, purpose: "To help me keep my job.", mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
      startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
    });
    expect(response.status).toBe(201);
  };
  const item = async (body: Record<string, unknown>) => {
    expect((await spec.api("POST", `/participants/${participantId}/plan-items`, { provider: "support_person", status: "agreed", ...body })).status).toBe(201);
  };
  const rosa = await person(`Rosa Delgado ${crypto.randomUUID().slice(0, 4)}`);
  const dale = await person(`Dale Sponsor ${crypto.randomUUID().slice(0, 4)}`);
  await grant(rosa.id, ["employment_goals", "work_schedule"]);
  await grant(dale.id, ["substance_use_treatment"]);
  await item({ kind: "rides", description: "Ride to the methadone clinic", supportPersonId: dale.id, discloses: ["substance_use_treatment"], sharedWithSupports: true, part2Confirmed: true });
  await item({ kind: "rides", description: "Ride to the bakery shift", supportPersonId: rosa.id, discloses: ["work_schedule"] });
  await item({ kind: "paperwork", description: "Find the birth certificate", provider: "participant", discloses: [] });
}

function expectValid(bundle: Bundle) {
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  for (const { resource } of bundle.entry) expect({ type: resource.resourceType, issues: fhirIssues(resource) }).toEqual({ type: resource.resourceType, issues: [] });
  expect(fhirIssues(bundle)).toEqual([]);
}

describe("the FHIR export", { timeout: 120_000 }, () => {
  it("answers the API with a valid R4 Bundle without substance use, and audits it as a disclosure; with the Part 2 consent's day it carries it, labelled", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    await patsRecord(spec1, id);

    const before = await app.lastSeq();
    const response = await spec1.api("GET", `/participants/${id}/fhir`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    const bundle = (await response.json()) as Bundle;
    expectValid(bundle);
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types).toEqual(["Patient", "Practitioner", "RelatedPerson", "Consent", "CareTeam", "Goal", "CarePlan"]);
    const text = JSON.stringify(bundle);
    expect(text).toContain("Ride to the bakery shift");
    expect(text).toContain("Baker");
    for (const hidden of ["methadone", "Dale Sponsor", "substance_use_treatment", "42CFRPart2", "birth certificate"]) expect(text).not.toContain(hidden);
    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(["fhir.export"]);
    expect(rows[0]).toMatchObject({ actor_id: app.world.users.specialist1.id, participant_id: id });
    expect(JSON.parse(rows[0]!.details!)).toEqual({
      resources: 7, categories: ["employment_goals", "work_schedule"], leftOut: { part2: 3, unreviewed: 1 }, part2ConsentSignedOn: null,
    });

    const withConsent = (await (await spec1.api("GET", `/participants/${id}/fhir?part2ConsentSignedOn=${today()}`)).json()) as Bundle;
    expectValid(withConsent);
    expect(JSON.stringify(withConsent)).toContain("methadone");
    expect(withConsent.meta?.security).toContainEqual(expect.objectContaining({ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "42CFRPart2" }));
    const last = (await auditSince(before)).at(-1)!;
    expect(JSON.parse(last.details!)).toMatchObject({ leftOut: { part2: 0, unreviewed: 1 }, part2ConsentSignedOn: today() });
  });

  it("answers a specialist outside the caseload exactly as for a participant who does not exist, and audits the refusal", async () => {
    const spec2 = await app.clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    const before = await app.lastSeq();
    const refused = await spec2.api("GET", `/participants/${id}/fhir`);
    const missing = await spec2.api("GET", `/participants/no-such-participant/fhir`);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual(await missing.json());
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.participant_id])).toEqual([["access.refused", id], ["access.refused", null]]);
    expect(JSON.parse(rows[0]!.details!)).toMatchObject({ action: "update:participant", reason: "not_permitted" });
  });

  it("offers the download on the participant's page to those who may export, and the file is the same export", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const page = await (await spec1.fetch(`/participants/${id}`)).text();
    expect(page).toContain(`action="/participants/${id}/fhir.json"`);
    const before = await app.lastSeq();
    const file = await spec1.fetch(`/participants/${id}/fhir.json?part2ConsentSignedOn=`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="participant-\d{4}-\d{2}-\d{2}\.fhir\.json"$/);
    expectValid((await file.json()) as Bundle);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["fhir.export"]);
    expect((await spec1.fetch(`/participants/${id}/fhir.json?part2ConsentSignedOn=yesterday`)).status).toBe(400);

    // Another specialist of the same team neither sees the form nor gets the file.
    const spec1b = await app.clientFor("spec1b@test.org");
    expect((await spec1b.fetch(`/participants/${id}/fhir.json`)).status).toBe(404);
    const own = app.world.participants.participant1b.id;
    expect(await (await spec1b.fetch(`/participants/${own}`)).text()).toContain(`action="/participants/${own}/fhir.json"`);
  });

  it("exports from the command line for the staff member named, to a file only they can read, and refuses someone out of reach", async () => {
    const id = app.world.participants.participant1.id;
    const out = path.join(dir, "pat.fhir.json");
    const before = await app.lastSeq();
    const done = await allies(["export", "fhir", "--participant", id, "--as", "sup1@test.org", "--out", out]);
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^Exported 7 resources to .*; left out 3 substance use item\(s\) .* and 1 plan item\(s\) not yet reviewed\.\n$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expectValid(JSON.parse(readFileSync(out, "utf8")) as Bundle);
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([["fhir.export", app.world.users.supervisor1.id]]);

    const refused = await allies(["export", "fhir", "--participant", id, "--as", "sup2@test.org"]);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toMatch(/may export/);
    expect((await allies(["export", "fhir", "--participant", id])).code).toBe(2);
  });
});

function allies(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, "../../src/cli/main.ts"), ...args], {
      env: { ...process.env, DATABASE_URL: app.database.url, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

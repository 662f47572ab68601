import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Guests who are not family or friends (issue 11 §3), through the real HTTP stack on
// SQLite or PostgreSQL: a benefits counselor or a clinician is a support person of a
// professional kind with an organization, shown with role and organization, and is
// invited on exactly the same terms as anyone: their own consent grant, and the
// consent-by-content check on what the meeting tells.
const app = useTestApp();
const { clientFor } = app;
const today = () => new Date().toISOString().slice(0, 10);

async function grant(client: Client, participantId: string, personId: string, categories: string[]) {
  const response = await client.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories, purpose: "To help me get and keep a job.", mayAttendMeetings: true, mayReceivePlan: false, mayBeContacted: true,
    startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true,
  });
  expect(response.status).toBe(201);
}

const clinicMeeting = (inviteeIds: string[]) => ({
  kind: "support", title: "Work hours around dosing", scheduledAt: "2030-05-02T10:00", durationMinutes: 60,
  place: "Northside Methadone Clinic, room 2", agenda: ["Dosing times and shifts"], discloses: ["substance_use_treatment"], confirmSubstanceUse: true, inviteeIds,
});

describe("professionals in the network", () => {
  it("adds a professional with role and organization through the form and the API, and shows both on the network page", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;

    const viaForm = await spec1.postForm(`/participants/${id}/network`, {
      name: "Lee Counselor", relationshipKind: "benefits_counselor", organization: "County Work Incentives Office", closeness: "services", status: "supportive",
    });
    expect(viaForm.status).toBe(302);
    const viaApi = await spec1.api("POST", `/participants/${id}/support-persons`, {
      name: "Jo Coach", relationshipKind: "job_coach", organization: "Bridges Employment", closeness: "services",
    });
    expect(viaApi.status).toBe(201);
    const coach = (await viaApi.json()) as { id: string; organization: string | null; relationshipKind: string };
    expect(coach).toMatchObject({ organization: "Bridges Employment", relationshipKind: "job_coach" });

    const page = await (await spec1.fetch(`/participants/${id}/network`)).text();
    expect(page).toContain("Benefits counselor, County Work Incentives Office");
    expect(page).toContain("Job coach, Bridges Employment");
    expect(page).toMatch(/Professional<\/span> (<!-- -->)?Benefits counselor, County Work Incentives Office/);

    // The organization is edited like any other field, and shown on the person's page.
    const edited = await spec1.api("PUT", `/participants/${id}/support-persons/${coach.id}`, {
      name: "Jo Coach", relationshipKind: "job_coach", organization: "Bridges Employment, Eastside", closeness: "services", status: "supportive", version: 1,
    });
    expect(edited.status).toBe(200);
    const personPage = await (await spec1.fetch(`/participants/${id}/network/${coach.id}`)).text();
    expect(personPage).toContain("Bridges Employment, Eastside");
    expect(personPage).toContain("Professional: ");

    // The API documents the field from the same schema the form and the API parse with.
    const openapi = await (await spec1.fetch("/api/v1/openapi.json")).text();
    expect(openapi).toContain('"organization"');
  });

  it("invites a professional only with their own grant, and to a methadone clinic meeting only if it covers substance use", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const add = async (name: string, organization: string) => {
      const response = await spec1.api("POST", `/participants/${id}/support-persons`, { name, relationshipKind: "clinician", organization, closeness: "services" });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; name: string };
    };
    const noGrant = await add("Dr No Grant", "Eastside Health");
    const general = await add("Dr General Grant", "Eastside Health");
    const covered = await add("Dr Covered Grant", "Northside Recovery");
    await grant(spec1, id, general.id, ["employment_goals", "job_details"]);
    // 42 CFR Part 2: substance use treatment is a consent of its own.
    await grant(spec1, id, covered.id, ["substance_use_treatment"]);

    // The meeting form lists those with a grant, with their role and organization; the one without, as not invitable.
    const form = await (await spec1.fetch(`/participants/${id}/meetings/new`)).text();
    expect(form).toContain(`value="${covered.id}"`);
    expect(form).toContain("Dr Covered Grant<!-- --> — Clinician or therapist, Northside Recovery");
    expect(form).not.toContain(`value="${noGrant.id}"`);
    expect(form).toContain("Dr No Grant<!-- -->: <!-- -->no consent for meetings");

    // Without a grant: refused, nothing saved.
    expect((await spec1.api("POST", `/participants/${id}/meetings`, { ...clinicMeeting([noGrant.id]), discloses: ["employment_goals"], confirmSubstanceUse: undefined })).status).toBe(422);
    // A grant without substance use treatment: refused for a meeting whose place tells it.
    expect((await spec1.api("POST", `/participants/${id}/meetings`, clinicMeeting([general.id]))).status).toBe(422);
    // With it: invited, and their calendar file and invitation carry the place.
    const planned = await spec1.api("POST", `/participants/${id}/meetings`, clinicMeeting([covered.id]));
    expect(planned.status).toBe(201);
    const base = `/participants/${id}/meetings/${((await planned.json()) as { id: string }).id}`;
    const ics = await spec1.fetch(`${base}/invitees/${covered.id}.ics`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("LOCATION:Northside Methadone Clinic\\, room 2");
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).toContain("Dr Covered Grant, you are invited");
  });

  it("sends no invitation or calendar file to a professional whose grant does not cover a meeting once it is marked substance use", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const response = await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Sam Casemanager", relationshipKind: "case_manager", organization: "County Services", closeness: "services" });
    const manager = (await response.json()) as { id: string };
    await grant(spec1, id, manager.id, ["employment_goals"]);
    // Planned about job goals, then marked for what its place tells.
    const planned = await spec1.api("POST", `/participants/${id}/meetings`, { ...clinicMeeting([manager.id]), discloses: ["employment_goals"], confirmSubstanceUse: undefined });
    expect(planned.status).toBe(201);
    const meeting = (await planned.json()) as { id: string; version: number };
    const base = `/participants/${id}/meetings/${meeting.id}`;
    expect((await spec1.fetch(`${base}/invitees/${manager.id}.ics`)).status).toBe(200);
    expect((await spec1.postForm(base, { intent: "discloses", discloses: ["substance_use_treatment"], confirmSubstanceUse: "on", version: String(meeting.version) })).status).toBe(302);
    expect((await spec1.fetch(`${base}/invitees/${manager.id}.ics`)).status).toBe(404);
    expect((await spec1.api("GET", `${base}/invitees/${manager.id}/ics`)).status).toBe(404);
    const printed = await (await spec1.fetch(`${base}/invitations`)).text();
    expect(printed).not.toContain("Sam Casemanager, you are invited");
    expect(printed).not.toContain("Methadone");
  });
});

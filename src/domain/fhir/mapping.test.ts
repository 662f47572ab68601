import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fhirIssues } from "../../../tests/support/fhir-validator.ts";
import { buildFhirBundle, PART2_SECURITY } from "./mapping.ts";
import type { ExportFacts, FhirResource } from "./model.ts";

const at = new Date("2026-06-01T12:00:00Z");

/** Dana's record: a mother with an employment consent, a friend whose only grant is Part 2, and three plan items. */
function facts(): ExportFacts {
  return {
    participant: {
      id: "p-1", externalId: "EXT-7", firstName: "Dana", lastName: "Reyes", preferredName: "Dee", phone: "555-0100", email: "dana@example.org",
      preferredLanguage: "es", archived: false, workGoal: "Work in a bakery, mornings",
    },
    specialist: { id: "u-1", name: "Sam Specialist" },
    supportPersons: [
      { id: "s-mom", name: "Rosa Reyes", relationshipKind: "parent", relationshipOther: null, status: "supportive", phone: "555-0101", email: null, preferredLanguage: "es", endedAt: null },
      { id: "s-dale", name: "Dale Friend", relationshipKind: "friend", relationshipOther: null, status: "supportive", phone: null, email: null, preferredLanguage: null, endedAt: null },
    ],
    grants: [
      {
        id: "g-mom", supportPersonId: "s-mom", categories: ["employment_goals", "work_schedule"], purpose: "Help me keep my job", startsOn: "2026-01-10",
        expiresOn: "2027-01-09", expiryEvent: null, signedOn: "2026-01-10", status: "active",
        withdrawn: [{ category: "work_schedule", revokedAt: "2026-03-01T09:00:00.000Z" }], endedAt: null,
      },
      {
        id: "g-dale", supportPersonId: "s-dale", categories: ["substance_use_treatment"], purpose: "Rides to treatment", startsOn: "2026-02-01",
        expiresOn: "2026-04-30", expiryEvent: null, signedOn: "2026-02-01", status: "expired", withdrawn: [], endedAt: null,
      },
    ],
    planItems: [
      { id: "i-1", kind: "rides", description: "Ride to the bakery shift", provider: "support_person", supportPersonId: "s-mom", startsOn: "2026-02-01", endsOn: null, status: "active", dismissed: false, discloses: ["work_schedule"] },
      { id: "i-2", kind: "rides", description: "Ride to the methadone clinic", provider: "support_person", supportPersonId: "s-dale", startsOn: null, endsOn: null, status: "done", dismissed: false, discloses: ["substance_use_treatment"] },
      { id: "i-3", kind: "paperwork", description: "Find the birth certificate", provider: "participant", supportPersonId: null, startsOn: null, endsOn: null, status: "proposed", dismissed: false, discloses: [] },
    ],
  };
}

const of = (resources: FhirResource[], type: string) => resources.filter((r) => r.resourceType === type);
const resourcesOf = (facts_: ExportFacts, consent: { signedOn: string } | null) => {
  const exported = buildFhirBundle(facts_, consent, at, randomUUID);
  return { exported, resources: exported.bundle.entry.map((e) => e.resource) };
};

describe("the FHIR R4 export of a participant", () => {
  it("builds a collection Bundle whose every resource, and the Bundle itself, a maintained R4 validator accepts", () => {
    for (const consent of [null, { signedOn: "2026-05-01" }]) {
      const { exported, resources } = resourcesOf(facts(), consent);
      expect(exported.bundle.type).toBe("collection");
      for (const resource of resources) expect({ type: resource.resourceType, issues: fhirIssues(resource) }).toEqual({ type: resource.resourceType, issues: [] });
      expect(fhirIssues(exported.bundle)).toEqual([]);
    }
  });

  it("finds a wrong resource wrong: the validator is not a rubber stamp", () => {
    const { resources } = resourcesOf(facts(), null);
    const consent = of(resources, "Consent")[0]!;
    expect(fhirIssues({ ...consent, scope: undefined })).toEqual([expect.stringMatching(/Consent\.scope: Missing required property/)]);
    expect(fhirIssues({ ...of(resources, "CarePlan")[0]!, intent: undefined })).not.toEqual([]);
    expect(fhirIssues({ ...of(resources, "Patient")[0]!, birthDate: "last spring" })).not.toEqual([]);
    expect(fhirIssues({ ...of(resources, "Goal")[0]!, workGoal: "bakery" })).not.toEqual([]);
  });

  it("leaves substance use out without a consent naming the health record: the clinic ride, the Part 2 grant and the person known only through it", () => {
    const { exported, resources } = resourcesOf(facts(), null);
    const text = JSON.stringify(exported.bundle);
    expect(text).not.toContain("methadone");
    expect(text).not.toContain("Dale Friend");
    expect(text).not.toContain("substance_use_treatment");
    expect(text).not.toContain("42CFRPart2");
    expect(of(resources, "RelatedPerson")).toHaveLength(1);
    expect(of(resources, "Consent")).toHaveLength(1);
    // Dale, his grant and the clinic ride; the birth certificate item has not been reviewed.
    expect(exported.leftOut).toEqual({ part2: 3, unreviewed: 1 });
    expect(exported.categories).toEqual(["employment_goals", "work_schedule"]);
  });

  it("files substance use with the consent recorded, labelled 42CFRPart2 (v3-ActCode) wherever it goes, with the consent it rests on", () => {
    const { exported, resources } = resourcesOf(facts(), { signedOn: "2026-05-01" });
    const part2Label = { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "42CFRPart2", display: "42 CFR Part2" };
    expect(PART2_SECURITY).toContainEqual(part2Label);
    const carePlan = of(resources, "CarePlan")[0]!;
    expect(JSON.stringify(carePlan)).toContain("methadone");
    expect((carePlan.meta as { security: unknown[] }).security).toContainEqual(part2Label);
    const daleGrant = of(resources, "Consent").find((c) => JSON.stringify(c).includes("g-dale"))!;
    expect((daleGrant.meta as { security: unknown[] }).security).toContainEqual(part2Label);
    const momGrant = of(resources, "Consent").find((c) => JSON.stringify(c).includes("g-mom"))!;
    expect(momGrant.meta).toBeUndefined();
    expect(of(resources, "Consent").some((c) => c.dateTime === "2026-05-01")).toBe(true);
    expect((exported.bundle.meta as { security: unknown[] }).security).toContainEqual(part2Label);
    expect(exported.leftOut).toEqual({ part2: 0, unreviewed: 1 });
  });

  it("does not rely on a consent signed after the moment of export", () => {
    const { exported } = resourcesOf(facts(), { signedOn: "2026-06-02" });
    expect(JSON.stringify(exported.bundle)).not.toContain("methadone");
  });

  it("gives each grant its period, state, categories and recipient, and a withdrawn category as a deny from that day", () => {
    const { resources } = resourcesOf(facts(), { signedOn: "2026-05-01" });
    const [mom] = of(resources, "RelatedPerson");
    const entryOf = (resource: FhirResource) => resources.indexOf(resource);
    const grant = of(resources, "Consent").find((c) => JSON.stringify(c).includes("g-mom"))! as FhirResource & { provision: any };
    expect(grant.status).toBe("active");
    expect(grant.provision.period).toEqual({ start: "2026-01-10", end: "2027-01-09" });
    expect(grant.provision.code.map((c: any) => c.coding[0].code)).toEqual(["employment_goals", "work_schedule"]);
    expect(grant.provision.provision).toEqual([{ type: "deny", period: { start: "2026-03-01T09:00:00.000Z" }, code: [expect.objectContaining({ coding: [expect.objectContaining({ code: "work_schedule" })] })] }]);
    expect(entryOf(mom!)).toBeGreaterThan(0);
    const expired = of(resources, "Consent").find((c) => JSON.stringify(c).includes("g-dale"))!;
    expect(expired.status).toBe("inactive");
  });

  it("makes the work goal a Goal, the plan items CarePlan activities with their state, and the care team the specialist and supports who take part", () => {
    const { exported, resources } = resourcesOf(facts(), null);
    const byUrl = new Map(exported.bundle.entry.map((e) => [e.fullUrl, e.resource]));
    const goal = of(resources, "Goal")[0]!;
    expect(goal.description).toEqual({ text: "Work in a bakery, mornings" });
    const plan = of(resources, "CarePlan")[0]! as FhirResource & { activity: any[]; goal: { reference: string }[] };
    expect(byUrl.get(plan.goal[0]!.reference)).toBe(goal);
    expect(plan.activity.map((a) => [a.detail.description, a.detail.status])).toEqual([["Ride to the bakery shift", "in-progress"]]);
    expect(byUrl.get(plan.activity[0].detail.performer[0].reference)?.resourceType).toBe("RelatedPerson");
    const team = of(resources, "CareTeam")[0]! as FhirResource & { participant: { member: { reference: string } }[] };
    expect(team.participant.map((p) => byUrl.get(p.member.reference)?.resourceType)).toEqual(["Practitioner", "RelatedPerson"]);

    const done = facts();
    done.planItems[0] = { ...done.planItems[0]!, status: "done" };
    const donePlan = of(resourcesOf(done, null).resources, "CarePlan")[0]! as FhirResource & { activity: any[] };
    expect(donePlan.activity[0].detail.status).toBe("completed");
  });

  it("names the participant as the record has them, and leaves out what the program keeps for itself", () => {
    const { resources } = resourcesOf(facts(), null);
    const patient = of(resources, "Patient")[0]!;
    expect(patient.name).toEqual([{ use: "official", family: "Reyes", given: ["Dana"] }, { use: "usual", family: "Reyes", given: ["Dee"] }]);
    expect(patient.identifier).toContainEqual({ system: "urn:allies:fhir:identifier:program-participant", value: "EXT-7" });
    expect(JSON.stringify(patient)).toContain("urn:ietf:bcp:47");
  });
});

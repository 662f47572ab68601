import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/index.ts";
import { buildConsentForm, type ConsentFormFacts } from "./consent-form.ts";

const t = translator("en");
const facts: ConsentFormFacts = {
  participant: { firstName: "Pat", lastName: "Quinn", preferredName: null, preferredLanguage: "en" },
  specialistName: "Sam Patel",
  person: { name: "Rosa Diaz", relationshipKind: "other", relationshipOther: "Landlord", phone: "555-0100", email: null },
  terms: {
    categories: ["employment_goals", "work_schedule"], purpose: "Rides to work.", mayAttendMeetings: true, mayReceivePlan: false, mayBeContacted: false,
    startsOn: "2026-03-05", expiresOn: "2027-03-05", expiryEvent: null,
  },
};

describe("the consent form", () => {
  it("has every element of a valid authorization: who, to whom, what, why, until when, rights, signature", () => {
    const form = buildConsentForm({
      ...facts,
      record: {
        id: "g1", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: "2026-03-05", participantConfirmed: true, hasScan: false,
        recordedBy: "Sam Patel", recordedAt: "2026-03-05T15:00:00.000Z", revocations: [], status: "active",
      },
    }, t);
    const section = (id: string) => form.sections.find((s) => s.id === id)!;
    expect(section("who").paragraphs.join(" ")).toContain("Sam Patel");
    expect(section("toWhom").paragraphs).toEqual(["Rosa Diaz (Landlord)", "Phone: 555-0100"]);
    expect(section("what").items).toEqual(["Job goals and job search", "Work schedule"]);
    expect(section("involvement").items).toEqual(["Rosa Diaz may come to my support meetings."]);
    expect(section("why").paragraphs).toEqual(["Rides to work."]);
    expect(section("when").paragraphs).toEqual(["It starts on March 5, 2026.", "It ends on March 5, 2027."]);
    expect(section("rights").items.join(" ")).toMatch(/take back this permission at any time/);
    expect(section("rights").items.join(" ")).toMatch(/could pass it on/);
    expect(form.part2Notice).toBeNull();
    expect(form.signature!.lines).toEqual(expect.arrayContaining([{ label: "Signed in the app by typing", value: "Pat Quinn" }, { label: "Date", value: "March 5, 2026" }]));
  });

  it("adds the Part 2 notice for substance use treatment, and blank lines to sign on before it is signed", () => {
    const form = buildConsentForm({ ...facts, terms: { ...facts.terms, categories: ["substance_use_treatment"], expiresOn: null, expiryEvent: "I leave the program" } }, t);
    expect(form.part2Notice).toContain("42 CFR Part 2");
    expect(form.sections.map((s) => s.id)).toContain("part2");
    expect(form.sections.find((s) => s.id === "when")!.paragraphs[1]).toBe("It ends when: I leave the program.");
    expect(form.signature!.lines.filter((l) => l.value === "").map((l) => l.label)).toEqual(["Signature", "Date"]);
  });

  it("says what was withdrawn, so a printed copy never looks more current than it is", () => {
    const form = buildConsentForm({
      ...facts,
      record: {
        id: "g1", signedMethod: "paper", signatureName: null, signedOn: "2026-03-05", participantConfirmed: false, hasScan: true, recordedBy: "Sam Patel",
        recordedAt: "2026-03-05T15:00:00.000Z", status: "revoked",
        revocations: [
          { id: "r1", category: "work_schedule", revokedAt: "2026-04-01T10:00:00.000Z", reason: null },
          { id: "r2", category: null, revokedAt: "2026-05-01T10:00:00.000Z", reason: null },
        ],
      },
    }, t);
    expect(form.withdrawals).toEqual([
      "\"Work schedule\" was taken out of this permission on April 1, 2026.",
      "This permission was taken back on May 1, 2026. Nothing may be shared under it.",
    ]);
  });
});

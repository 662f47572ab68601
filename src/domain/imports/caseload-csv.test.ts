import { describe, expect, it } from "vitest";
import { planCaseloadImport, readCaseloadCsv, summarize, type ImportLookups } from "./caseload-csv.ts";
import type { Participant } from "../participants/model.ts";
import type { SupportPerson } from "../network/model.ts";

const specialists = new Map([["spec@example.org", "s-1"], ["other@example.org", "s-2"]]);
const none: ImportLookups = { specialists, existing: new Map() };

function plan(text: string, lookups: ImportLookups = none) {
  const read = readCaseloadCsv(text);
  if (!read.ok) return { readErrors: read.errors, plan: null };
  return { readErrors: [], plan: planCaseloadImport(read.columns, read.lines, lookups) };
}

const participant = (over: Partial<Participant> = {}): Participant => ({
  id: "p-1", specialistId: "s-1", specialistName: "Spec", teamId: null, firstName: "Ana", lastName: "Ramírez", preferredName: null,
  phone: "555-0100", email: null, preferredLanguage: "es", workGoal: "Cook", jobPreferences: null, strengths: null, interests: null,
  education: null, pastJobs: [], situationFlags: [], status: "active", version: 3, createdAt: "2026-01-01", updatedAt: "2026-01-01", archivedAt: null,
  ...over,
} as Participant);

const rosa = { id: "sp-1", participantId: "p-1", name: "Rosa Ramírez", relationshipKind: "relative", relationshipOther: null, organization: null,
  closeness: "inner", status: "supportive", phone: "555-0101", email: null, preferredChannel: null, helpKinds: ["rides"], notes: "Early riser",
  firstCall: true, discoveredFrom: null, endedAt: null, endedReason: null, version: 2 } as unknown as SupportPerson;

describe("reading a caseload file", () => {
  it("names unknown, missing and doubled columns on the header line, and reads nothing else", () => {
    const { readErrors } = plan("external_id,first_name,first_name,surname\nA-1,Ana,Ana,R\n");
    expect(readErrors).toEqual(expect.arrayContaining([
      { line: 1, column: null, message: "import.column.unknown", value: "surname" },
      { line: 1, column: "last_name", message: "import.column.missing" },
      { line: 1, column: "specialist_email", message: "import.column.missing" },
      { line: 1, column: null, message: "import.column.twice", value: "first_name" },
    ]));
  });

  it("reads Excel's UTF-8 (a byte-order mark, quoted commas, accents)", () => {
    const { plan: p } = plan("\uFEFFexternal_id,first_name,last_name,specialist_email\nA-1,\"Lee, Jr.\",Nguyễn,Spec@Example.org\n");
    expect(p?.errors).toEqual([]);
    expect(p?.participants[0]).toMatchObject({ action: "create", name: "Lee, Jr. Nguyễn", specialistId: "s-1" });
  });

  it("refuses a broken file with the line where it broke", () => {
    const { readErrors } = plan("external_id,first_name,last_name,specialist_email\nA-1,\"Ana,R,spec@example.org\n");
    expect(readErrors[0]).toMatchObject({ message: "import.file.unreadable" });
  });
});

describe("planning an import", () => {
  it("reports every bad line by line and column, and plans nothing while any is bad", () => {
    const { plan: p } = plan([
      "external_id,first_name,last_name,email,specialist_email,support_name,support_relationship,support_closeness",
      "B-1,,Smith,not-an-email,spec@example.org,Joe,cousin,inner",
      ",Al,Jones,,spec@example.org,,,",
      "B-3,Bea,Kay,,nobody@example.org,,,",
      "B-4,Cy,Lo,,spec@example.org,,friend,",
      "B-5,Di,Mo,,spec@example.org,,,",
    ].join("\n"));
    expect(p!.participants).toEqual([]);
    expect(p!.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, "first_name", "participant.firstName.required"],
      [2, "email", "participant.email.invalid"],
      [2, "support_relationship", "network.relationshipKind.invalid"],
      [3, "external_id", "import.externalId.required"],
      [4, "specialist_email", "import.specialist.unknown"],
      [5, "support_name", "import.support.nameRequired"],
    ]);
  });

  it("adds support persons from further lines of the same person, and refuses a line that contradicts the first", () => {
    const ok = plan("external_id,first_name,last_name,specialist_email,support_name,support_relationship,support_closeness\nA-1,Ana,R,spec@example.org,Rosa,relative,inner\nA-1,,,,Tom,friend,friends\n");
    expect(ok.plan!.participants[0]!.supportChanges.map((s) => s.kind === "add" && s.input.name)).toEqual(["Rosa", "Tom"]);
    const clash = plan("external_id,first_name,last_name,specialist_email\nA-1,Ana,R,spec@example.org\nA-1,Anna,,,\n");
    expect(clash.plan!.errors).toEqual([{ line: 3, column: "first_name", message: "import.line.differs", value: "2" }]);
  });

  it("changes nothing when the file says what Allies already holds, and keeps the fields a file leaves out", () => {
    const lookups: ImportLookups = { specialists, existing: new Map([["A-1", { participant: participant(), supportPersons: [rosa] }]]) };
    const same = plan("external_id,first_name,last_name,phone,preferred_language,specialist_email,support_name,support_relationship,support_closeness,support_phone\nA-1,Ana,Ramírez,555-0100,es,spec@example.org,rosa ramírez,relative,inner,555-0101\n", lookups);
    expect(same.plan!.participants[0]).toMatchObject({ action: "unchanged", fields: [], supportChanges: [] });
    expect(summarize(same.plan!)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const moved = plan("external_id,first_name,last_name,specialist_email,support_name,support_phone\nA-1,Ana,Ramírez,other@example.org,Rosa Ramírez,555-0199\n", lookups);
    const line = moved.plan!.participants[0]!;
    expect(line).toMatchObject({ action: "update", fields: ["specialistId"] });
    // The phone column is absent: the participant's phone and work goal stay as they are.
    expect(line.input).toMatchObject({ phone: "555-0100", workGoal: "Cook", preferredLanguage: "es" });
    expect(line.supportChanges).toMatchObject([{ kind: "update", fields: ["phone"], input: { helpKinds: ["rides"], notes: "Early riser", firstCall: true } }]);
  });

  it("clears a detail whose column is given blank", () => {
    const lookups: ImportLookups = { specialists, existing: new Map([["A-1", { participant: participant(), supportPersons: [] }]]) };
    const { plan: p } = plan("external_id,first_name,last_name,phone,specialist_email\nA-1,Ana,Ramírez,,spec@example.org\n", lookups);
    expect(p!.participants[0]).toMatchObject({ action: "update", fields: ["phone"], input: { phone: null } });
  });
});

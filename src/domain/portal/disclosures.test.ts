import { describe, expect, it } from "vitest";
import { disclosureInRow } from "./disclosures.ts";

const at = "2026-05-01T10:00:00.000Z";
const toRosa = (categories: string[]) => ({ readerKind: "support_person", readerId: "rosa", categories });
const row = (action: string, details: object) => ({ occurredAt: at, action, details: JSON.stringify(details) });

describe("a disclosure in an audit row", () => {
  it("reads a support person's take-home copy with its categories", () => {
    expect(disclosureInRow(row("plan.read", { takeHome: "support:rosa", allowed: true, disclosure: toRosa(["employment_goals", "work_schedule"]) })))
      .toEqual({ at, kind: "take_home", disclosure: toRosa(["employment_goals", "work_schedule"]) });
  });

  it("leaves out a copy the consent check emptied, and the participant's own copy", () => {
    expect(disclosureInRow(row("plan.read", { takeHome: "support:rosa", allowed: false, disclosure: toRosa([]) }))).toBeNull();
    expect(disclosureInRow(row("plan.read", { takeHome: "participant", allowed: true, disclosure: { readerKind: "participant", readerId: "p-1", categories: ["job_details"] } }))).toBeNull();
  });

  it("tells a calendar file from a printed or sent invitation", () => {
    expect(disclosureInRow(row("meeting.invitation_send", { channel: "calendar", sentTo: ["rosa"], refused: [], disclosure: toRosa(["employment_goals"]) }))?.kind).toBe("calendar");
    expect(disclosureInRow(row("meeting.invitation_send", { channel: "print", sentTo: ["rosa"], refused: [], disclosure: toRosa(["employment_goals"]) }))?.kind).toBe("invitation");
  });

  it("leaves out the row that only lists who was refused (nothing reached them)", () => {
    expect(disclosureInRow(row("meeting.invitation_send", { channel: "print", sentTo: [], refused: ["Dale"] }))).toBeNull();
  });

  it("reads a shared estimate, a copy of it opened again while still allowed, and a win", () => {
    expect(disclosureInRow(row("benefits_estimate.share", { supportPersonId: "rosa", year: 2026, scenarios: 2, disclosure: toRosa(["benefits_income"]) }))?.kind).toBe("estimate");
    expect(disclosureInRow(row("benefits.read", { copyFor: "rosa", allowed: true, disclosure: toRosa(["benefits_income"]) }))?.kind).toBe("estimate");
    expect(disclosureInRow(row("benefits.read", { copyFor: "rosa", allowed: false }))).toBeNull();
    expect(disclosureInRow(row("milestone.share", { disclosure: toRosa(["job_details"]) }))?.kind).toBe("win");
  });

  it("reads a view of the support person's own page with what it showed them", () => {
    const shown = { workGoal: true, meetings: ["m-1"], commitments: [], wins: [], helpRequests: [] };
    expect(disclosureInRow(row("support_page.read", { disclosure: toRosa(["employment_goals"]), shown })))
      .toEqual({ at, kind: "partner_page", disclosure: toRosa(["employment_goals"]) });
  });

  it("reads an introduction as naming the participant's own supporter, not the other family", () => {
    const introduced = { introductionId: "i-1", supportPersonId: "rosa", shared: ["name", "phone"], disclosure: { readerKind: "support_person", readerId: "other-family", categories: [] } };
    expect(disclosureInRow(row("family.introduce", introduced))).toEqual({ at, kind: "introduction", disclosure: { readerKind: "support_person", readerId: "rosa", categories: [] } });
    expect(disclosureInRow(row("family.introduce", { ...introduced, supportPersonId: undefined }))).toBeNull();
  });

  it("leaves out staff readers and rows of other actions", () => {
    expect(disclosureInRow(row("plan.read", { takeHome: "support:rosa", allowed: true, disclosure: { readerKind: "staff", readerId: "u-1", categories: [] } }))).toBeNull();
    expect(disclosureInRow(row("consent.read", { supportPersonId: "rosa", disclosure: toRosa(["job_details"]) }))).toBeNull();
  });
});

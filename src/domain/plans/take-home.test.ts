import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/index.ts";
import type { GrantFacts } from "../consent/check.ts";
import type { PlanItem } from "./model.ts";
import { buildTakeHomePlan, type TakeHomeInput } from "./take-home.ts";
import { buildTakeHomeDocument } from "./take-home-pdf.server.ts";

const at = new Date("2026-06-01T12:00:00Z");
const grant = (id: string, person: string, overrides: Partial<GrantFacts> = {}): GrantFacts => ({
  id, supportPersonId: person, categories: ["employment_goals", "work_schedule"], mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
  startsOn: "2026-05-01", expiresOn: "2026-12-31", recordedAt: "2026-05-01T09:00:00.000Z", ...overrides,
});
const item = (id: string, overrides: Partial<PlanItem>): PlanItem => ({
  id, participantId: "p", kind: "rides", description: `item ${id}`, provider: "support_person", supportPersonId: null, providerName: null,
  frequency: "Mondays", startsOn: null, endsOn: null, status: "agreed", notes: "private note", sharedWithSupports: false, sourceEntryId: null,
  version: 1, createdAt: "2026-05-02T00:00:00Z", updatedAt: "2026-05-02T00:00:00Z", ...overrides,
});

function world(): TakeHomeInput {
  return {
    participant: { firstName: "Jordan", preferredName: "Jo", lastName: "Lee", workGoal: "Cook in a diner" },
    specialist: { name: "Sam Patel", email: "sam@example.org" },
    items: [
      item("rides", { supportPersonId: "mom" }),
      item("wake", { kind: "wake_up_calls", supportPersonId: "friend" }),
      item("talk", { kind: "after_hard_day", supportPersonId: "friend", sharedWithSupports: true }),
      item("resume", { kind: "resume_applications", provider: "specialist" }),
      item("old", { supportPersonId: "mom", status: "done" }),
    ],
    people: [
      { id: "mom", name: "Ana Lee", phone: "555-0101", status: "supportive", endedAt: null },
      { id: "friend", name: "Chris", phone: "555-0102", status: "supportive", endedAt: null },
      { id: "uncle", name: "Ray", phone: "555-0103", status: "do_not_contact", endedAt: null },
    ],
    consent: { grants: [grant("g-mom", "mom"), grant("g-friend", "friend", { mayBeContacted: false, categories: ["work_schedule"] }), grant("g-uncle", "uncle")], revocations: [] },
    at,
  };
}

describe("take-home plan", () => {
  it("gives the participant the whole current plan and the phone numbers of people who agreed to be contacted", () => {
    const plan = buildTakeHomePlan(world(), { kind: "participant" });
    expect(plan.items.map((i) => i.id)).toEqual(["rides", "wake", "talk", "resume"]);
    expect(plan.contacts).toEqual([{ name: "Ana Lee", phone: "555-0101" }]);
    expect(plan.hardDayHelpers).toEqual(["Chris"]);
    expect(plan.workGoal).toBe("Cook in a diner");
  });

  it("gives a support person their own part plus what the participant chose to share, and no one's phone number", () => {
    const plan = buildTakeHomePlan(world(), { kind: "support", supportPersonId: "mom" });
    expect(plan.allowed).toBe(true);
    expect(plan.items.map((i) => i.id)).toEqual(["rides", "talk"]);
    expect(plan.contacts).toEqual([]);
    expect(plan.workGoal).toBe("Cook in a diner");
    expect(JSON.stringify(plan)).not.toContain("private note");
  });

  it("carries the Part 2 redisclosure notice to a reader who holds a substance use treatment consent, and only while it holds", () => {
    const input = world();
    expect(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }).redisclosureNotice).toBe(false);
    input.consent = { ...input.consent, grants: [...input.consent.grants, grant("g-mom-part2", "mom", { categories: ["substance_use_treatment"], mayReceivePlan: false })] };
    const withNotice = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(withNotice.redisclosureNotice).toBe(true);
    expect(buildTakeHomeDocument(withNotice, "support", translator("en"), "2026-06-01").sections.map((s) => s.id)).toContain("part2");
    expect(buildTakeHomePlan(input, { kind: "participant" }).redisclosureNotice).toBe(false);
    input.consent = { ...input.consent, revocations: [{ grantId: "g-mom-part2", category: null, revokedAt: "2026-05-31T00:00:00.000Z" }] };
    const revoked = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(revoked.redisclosureNotice).toBe(false);
    expect(buildTakeHomeDocument(revoked, "support", translator("en"), "2026-06-01").sections.map((s) => s.id)).not.toContain("part2");
  });

  it("leaves out the job goal when the grant does not cover job goals", () => {
    const plan = buildTakeHomePlan(world(), { kind: "support", supportPersonId: "friend" });
    expect(plan.workGoal).toBeNull();
    expect(plan.items.map((i) => i.id)).toEqual(["wake", "talk"]);
  });

  it("shows nothing of the participant once the grant is revoked", () => {
    const input = world();
    input.consent = { ...input.consent, revocations: [{ grantId: "g-mom", category: null, revokedAt: "2026-05-31T00:00:00.000Z" }] };
    const plan = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(plan).toEqual({ allowed: false, participantName: "", workGoal: null, items: [], contacts: [], specialist: null, hardDayHelpers: [], redisclosureNotice: false });
  });

  it("shows nothing to someone marked do not contact, or without a plan grant", () => {
    expect(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "uncle" }).allowed).toBe(false);
    const input = world();
    input.consent = { grants: [grant("g-mom", "mom", { mayReceivePlan: false })], revocations: [] };
    expect(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }).allowed).toBe(false);
  });
});

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
  frequency: "Mondays", startsOn: null, endsOn: null, status: "agreed", notes: "private note", sharedWithSupports: false, discloses: ["work_schedule"], sourceEntryId: null,
  version: 1, createdAt: "2026-05-02T00:00:00Z", updatedAt: "2026-05-02T00:00:00Z", ...overrides,
});

function world(): TakeHomeInput {
  return {
    participant: { firstName: "Jordan", preferredName: "Jo", lastName: "Lee", workGoal: "Cook in a diner", schoolGoal: "A food safety class" },
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
    expect(plan.hardDayHelpers).toEqual([{ provider: "support_person", name: "Chris", isReader: false }]);
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

  it("names in a support person's copy only that reader, the participant and staff", () => {
    const plan = buildTakeHomePlan(world(), { kind: "support", supportPersonId: "mom" });
    expect(plan.items.find((i) => i.id === "rides")?.who).toBe("Ana Lee");
    expect(plan.items.find((i) => i.id === "talk")?.who).toBeNull();
    expect(plan.hardDayHelpers).toEqual([{ provider: "support_person", name: null, isReader: false }]);
    const document = buildTakeHomeDocument(plan, "support", translator("en"), "2026-06-01");
    expect(JSON.stringify(document)).not.toContain("Chris");
    expect(document.sections[0]?.rows.map((r) => r.who)).toEqual(["Ana Lee", "Someone close to Jo"]);
    expect(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "friend" }).hardDayHelpers).toEqual([{ provider: "support_person", name: "Chris", isReader: true }]);
  });

  it("keeps a substance use item from a reader whose consent covers only the job goal and work schedule (the reproduction)", () => {
    const input = world();
    input.people = [...input.people, { id: "sponsor", name: "Dale Sponsor", phone: "555-0104", status: "supportive", endedAt: null }];
    input.items = [...input.items, item("clinic", { description: "A ride to the methadone clinic", supportPersonId: "sponsor", sharedWithSupports: true, discloses: ["substance_use_treatment"] })];
    const plan = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    const document = buildTakeHomeDocument(plan, "support", translator("en"), "2026-06-01");
    for (const output of [JSON.stringify(plan), JSON.stringify(document)]) {
      expect(output).not.toContain("methadone");
      expect(output).not.toContain("Dale");
    }
    expect(plan.redisclosureNotice).toBe(false);
    expect(plan.discloses).toEqual(["employment_goals", "work_schedule"]);
    // The participant's own copy names everyone and shows everything.
    const own = buildTakeHomePlan(input, { kind: "participant" });
    expect(own.items.find((i) => i.id === "clinic")?.who).toBe("Dale Sponsor");
  });

  it("shows a substance use item only under a Part 2 consent that lets the reader receive the plan, and then with the redisclosure notice", () => {
    const input = world();
    input.items = [...input.items, item("clinic", { description: "A ride to the methadone clinic", supportPersonId: "friend", sharedWithSupports: true, discloses: ["substance_use_treatment"] })];
    const withoutPlan = { ...input, consent: { ...input.consent, grants: [...input.consent.grants, grant("g-mom-part2", "mom", { categories: ["substance_use_treatment"], mayReceivePlan: false })] } };
    const refused = buildTakeHomePlan(withoutPlan, { kind: "support", supportPersonId: "mom" });
    expect(refused.items.map((i) => i.id)).not.toContain("clinic");
    expect(refused.redisclosureNotice).toBe(false);
    expect(buildTakeHomeDocument(refused, "support", translator("en"), "2026-06-01").sections.map((s) => s.id)).not.toContain("part2");

    input.consent = { ...input.consent, grants: [...input.consent.grants, grant("g-mom-part2", "mom", { categories: ["substance_use_treatment"] })] };
    const shown = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(shown.items.map((i) => i.id)).toContain("clinic");
    expect(shown.redisclosureNotice).toBe(true);
    expect(shown.discloses).toContain("substance_use_treatment");
    const document = buildTakeHomeDocument(shown, "support", translator("en"), "2026-06-01");
    expect(document.sections.map((s) => s.id)).toContain("part2");
    expect(JSON.stringify(document)).not.toContain("Chris");
    expect(buildTakeHomePlan(input, { kind: "participant" }).redisclosureNotice).toBe(false);

    input.consent = { ...input.consent, revocations: [{ grantId: "g-mom-part2", category: null, revokedAt: "2026-05-31T00:00:00.000Z" }] };
    const revoked = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(revoked.items.map((i) => i.id)).not.toContain("clinic");
    expect(revoked.redisclosureNotice).toBe(false);
  });

  it("keeps an item nobody has reviewed yet from every support person, shared or not", () => {
    const input = world();
    input.items = input.items.map((i) => (i.id === "rides" ? { ...i, discloses: [] } : i));
    expect(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }).items.map((i) => i.id)).toEqual(["talk"]);
    expect(buildTakeHomePlan(input, { kind: "participant" }).items.map((i) => i.id)).toContain("rides");
  });

  it("gives the school or training goal beside the work goal to the participant and to a support person whose grant covers goals", () => {
    const own = buildTakeHomeDocument(buildTakeHomePlan(world(), { kind: "participant" }), "participant", translator("en"), "2026-06-01");
    expect(own.schoolGoal).toBe("My school or training goal: A food safety class");
    const mom = buildTakeHomeDocument(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "mom" }), "support", translator("es"), "2026-06-01");
    expect(mom.schoolGoal).toBe("La meta de estudios o capacitación de Jo: A food safety class");
  });

  it("leaves out the job goal and the school goal when the grant does not cover job goals", () => {
    const plan = buildTakeHomePlan(world(), { kind: "support", supportPersonId: "friend" });
    expect(plan.workGoal).toBeNull();
    expect(plan.schoolGoal).toBeNull();
    expect(plan.items.map((i) => i.id)).toEqual(["wake", "talk"]);
  });

  it("shows nothing of the participant once the grant is revoked", () => {
    const input = world();
    input.consent = { ...input.consent, revocations: [{ grantId: "g-mom", category: null, revokedAt: "2026-05-31T00:00:00.000Z" }] };
    const plan = buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" });
    expect(plan).toEqual({ allowed: false, participantName: "", workGoal: null, schoolGoal: null, items: [], contacts: [], specialist: null, hardDayHelpers: [], redisclosureNotice: false, discloses: [] });
  });

  describe("the hard-day person", () => {
    const hardDay = (document: ReturnType<typeof buildTakeHomeDocument>) => document.sections.find((s) => s.id === "hardDay")?.paragraphs ?? [];
    const en = translator("en");

    it("tells only the person the plan names for hard days that the participant may call them", () => {
      const friend = hardDay(buildTakeHomeDocument(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "friend" }), "support", en, "2026-06-01"));
      expect(friend[0]).toBe("Jo may call you after a hard day. Listen first. You do not have to fix it.");
      // Ana is not the one Jo calls after a hard day: her copy says so, without naming Chris.
      const mom = hardDay(buildTakeHomeDocument(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "mom" }), "support", en, "2026-06-01"));
      expect(mom.join(" ")).not.toContain("Jo may call you after a hard day");
      expect(mom[0]).toBe("After a hard day, Jo can talk with someone else close to them.");
      expect(mom.join(" ")).not.toContain("Chris");
    });

    it("names the specialist, not the word \"specialist\", when the specialist is the hard-day person", () => {
      const input = world();
      input.items = input.items.map((i) => (i.id === "talk" ? { ...i, provider: "specialist" as const, supportPersonId: null } : i));
      const own = hardDay(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "participant" }), "participant", en, "2026-06-01"));
      expect(own[1]).toBe("Call or text someone who said they would listen: Sam Patel (employment specialist).");
      const mom = hardDay(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }), "support", en, "2026-06-01"));
      expect(mom[0]).toBe("After a hard day, Jo can talk with Sam Patel (employment specialist).");
    });

    it("names each hard-day person once in the participant's copy, in plan order", () => {
      const input = world();
      input.items = [...input.items, item("talk2", { kind: "after_hard_day", supportPersonId: "mom" }), item("talk3", { kind: "after_hard_day", supportPersonId: "friend" })];
      const own = hardDay(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "participant" }), "participant", en, "2026-06-01"));
      expect(own[1]).toBe("Call or text someone who said they would listen: Chris, Ana Lee.");
    });

    it("asks a support person to listen when no one is named for hard days", () => {
      const input = world();
      input.items = input.items.filter((i) => i.id !== "talk");
      const mom = hardDay(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }), "support", en, "2026-06-01"));
      expect(mom[0]).toBe("If Jo calls you after a hard day, listen first. You do not have to fix it.");
    });

    it("prints one period after a name that ends in one", () => {
      const input = world();
      input.people = input.people.map((p) => (p.id === "friend" ? { ...p, name: "Chris Dale Jr." } : p));
      const own = hardDay(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "participant" }), "participant", en, "2026-06-01"));
      expect(own[1]).toBe("Call or text someone who said they would listen: Chris Dale Jr.");
      expect(JSON.stringify(own)).not.toContain("..");
    });
  });

  it("shows nothing to someone marked do not contact, or without a plan grant", () => {
    expect(buildTakeHomePlan(world(), { kind: "support", supportPersonId: "uncle" }).allowed).toBe(false);
    const input = world();
    input.consent = { grants: [grant("g-mom", "mom", { mayReceivePlan: false })], revocations: [] };
    expect(buildTakeHomePlan(input, { kind: "support", supportPersonId: "mom" }).allowed).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { StaffActor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import type { ConsentHistory } from "../consent/check.ts";
import { mayKeepResources, mayOfferTo } from "./policy.ts";
import { mayKeepAdvocacy, mayReadAdvocacy } from "../advocacy/policy.ts";

function staff(role: Role): StaffActor {
  return { kind: "staff", userId: role, email: `${role}@test.org`, name: role, role, teamId: "t1", permissions: ROLE_PERMISSIONS[role], locale: "en" };
}

const at = new Date("2026-06-01T12:00:00Z");
const gloria = { id: "s-1", status: "supportive" as const, endedAt: null };
const history: ConsentHistory = {
  grants: [{
    id: "g-1", supportPersonId: "s-1", categories: ["employment_goals"], mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
    startsOn: "2026-01-01", expiresOn: "2099-12-31", recordedAt: "2026-01-01T00:00:00Z", endedAt: null,
  }],
  revocations: [],
};

describe("resource policy", () => {
  it("lets specialists and administrators keep the directory, not supervisors", () => {
    expect(mayKeepResources(staff("specialist"))).toBe(true);
    expect(mayKeepResources(staff("admin"))).toBe(true);
    expect(mayKeepResources(staff("supervisor"))).toBe(false);
  });

  it("offers a resource that reveals nothing to anyone reachable, and one that reveals a category only within consent", () => {
    const reader = { kind: "support_person" as const, person: gloria };
    expect(mayOfferTo(history, reader, null, at)).toBe(true);
    expect(mayOfferTo(history, reader, "employment_goals", at)).toBe(true);
    expect(mayOfferTo(history, reader, "substance_use_treatment", at)).toBe(false);
    expect(mayOfferTo(history, { kind: "support_person", person: { ...gloria, status: "do_not_contact" } }, null, at)).toBe(false);
    expect(mayOfferTo(history, { kind: "support_person", person: { ...gloria, id: "s-2" } }, "employment_goals", at)).toBe(false);
    expect(mayOfferTo(history, { kind: "participant" }, "substance_use_treatment", at)).toBe(true);
  });
});

describe("advocacy policy", () => {
  it("is read by all staff and kept by supervisors and administrators", () => {
    expect(mayReadAdvocacy(staff("specialist"))).toBe(true);
    expect(mayKeepAdvocacy(staff("specialist"))).toBe(false);
    expect(mayKeepAdvocacy(staff("supervisor"))).toBe(true);
    expect(mayKeepAdvocacy(staff("admin"))).toBe(true);
    expect(mayReadAdvocacy({ kind: "support_person", supportPersonId: "s", participantId: "p", name: "S", locale: "en" })).toBe(false);
  });
});

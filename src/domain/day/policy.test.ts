import { describe, expect, it } from "vitest";
import type { StaffActor, SupportPersonActor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import { calendarScope, homeView, homeVisit, VISIT_KEPT_MS } from "./policy.ts";

function staff(role: Role, teamId: string | null = "t-1"): StaffActor {
  return { kind: "staff", userId: `u-${role}`, email: `${role}@test.org`, name: role, role, teamId, permissions: ROLE_PERMISSIONS[role], locale: "en" };
}

describe("the day's policy", () => {
  it("gives a specialist their own caseload and a supervisor their team's", () => {
    expect(homeView(staff("specialist"))).toEqual({ kind: "caseload", scope: { kind: "own", userId: "u-specialist" } });
    expect(homeView(staff("supervisor"))).toEqual({ kind: "caseload", scope: { kind: "team", teamId: "t-1" } });
    expect(calendarScope(staff("specialist"))).toEqual({ kind: "own", userId: "u-specialist" });
  });

  it("gives an administrator counts only, and no calendar", () => {
    expect(homeView(staff("admin"))).toEqual({ kind: "summary" });
    expect(calendarScope(staff("admin"))).toBeNull();
  });

  it("gives a supervisor without a team, and anyone who is not staff, nothing", () => {
    expect(homeView(staff("supervisor", null))).toEqual({ kind: "none" });
    const supporter: SupportPersonActor = { kind: "support_person", supportPersonId: "s-1", participantId: "p-1", name: "Gloria", locale: "en" };
    expect(homeView(supporter)).toEqual({ kind: "none" });
    expect(calendarScope(supporter)).toBeNull();
  });

  describe("the home page's visit", () => {
    const kept = { session_id: "s1", visited_at: "2026-12-01T09:00:00.000Z", news_since: "2026-11-30T17:00:00.000Z" };
    const at = (iso: string) => new Date(iso);

    it("starts with no news on a first visit, and writes it down", () => {
      expect(homeVisit(undefined, "s1", at("2026-12-01T09:00:00Z"))).toEqual({ newsSince: null, write: true });
    });

    it("keeps the news's start within one sign-in, writing again only after a minute", () => {
      expect(homeVisit(kept, "s1", at("2026-12-01T09:00:30Z"))).toEqual({ newsSince: kept.news_since, write: false });
      expect(homeVisit(kept, "s1", new Date(Date.parse(kept.visited_at) + VISIT_KEPT_MS))).toEqual({ newsSince: kept.news_since, write: true });
    });

    it("moves the start to the last visit when a new sign-in comes, however soon", () => {
      expect(homeVisit(kept, "s2", at("2026-12-01T09:00:01Z"))).toEqual({ newsSince: kept.visited_at, write: true });
    });
  });
});

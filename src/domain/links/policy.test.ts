import { describe, expect, it } from "vitest";
import { buildPolicyCast } from "../access/builders.ts";
import { linkState, supportLinkActions, type LinkFacts } from "./policy.ts";

const now = new Date("2026-03-10T12:00:00.000Z");
const working: LinkFacts = {
  expiresAt: "2026-04-01T00:00:00.000Z", revokedAt: null, participantArchivedAt: null,
  supportPerson: { status: "supportive", endedAt: null, holdsConsent: true },
};

describe("linkState", () => {
  it("is valid while nothing has ended it", () => {
    expect(linkState(working, now)).toBe("valid");
    expect(linkState({ ...working, supportPerson: undefined }, now)).toBe("valid");
  });

  it("names what ended it", () => {
    expect(linkState({ ...working, expiresAt: "2026-03-10T11:59:59.000Z" }, now)).toBe("expired");
    expect(linkState({ ...working, revokedAt: "2026-03-09T00:00:00.000Z" }, now)).toBe("revoked");
    expect(linkState({ ...working, participantArchivedAt: "2026-03-09T00:00:00.000Z" }, now)).toBe("archived");
    expect(linkState({ ...working, supportPerson: { ...working.supportPerson!, status: "do_not_contact" } }, now)).toBe("do_not_contact");
    expect(linkState({ ...working, supportPerson: { ...working.supportPerson!, endedAt: "2026-03-10T00:00:00.000Z" } }, now)).toBe("off_network");
    expect(linkState({ ...working, supportPerson: { ...working.supportPerson!, holdsConsent: false } }, now)).toBe("no_consent");
  });

  it("lets nothing but the subject's own facts keep a participant's link alive", () => {
    expect(linkState({ ...working, supportPerson: undefined, participantArchivedAt: "2026-03-01T00:00:00.000Z" }, now)).toBe("archived");
  });
});

describe("supportLinkActions", () => {
  const { actors, scope, otherTeamCaseload } = buildPolicyCast();
  const reachable = { status: "supportive" as const, endedAt: null, holdsConsent: true };

  it("lets the specialist issue and revoke", () => {
    expect(supportLinkActions(scope(actors.specialistOwn), reachable)).toEqual({ read: true, issue: true, revoke: true });
  });

  it("issues nothing to someone without consent, not to be contacted, or off the network, but can still revoke", () => {
    for (const person of [{ ...reachable, holdsConsent: false }, { ...reachable, status: "do_not_contact" as const }, { ...reachable, endedAt: "2026-01-01T00:00:00.000Z" }]) {
      expect(supportLinkActions(scope(actors.specialistOwn), person)).toEqual({ read: true, issue: false, revoke: true });
    }
  });

  it("gives partners and other teams nothing", () => {
    for (const actor of [actors.supportPerson, actors.participant]) expect(supportLinkActions(scope(actor), reachable)).toEqual({ read: false, issue: false, revoke: false });
    expect(supportLinkActions(scope(actors.specialistOwn, otherTeamCaseload), reachable).issue).toBe(false);
  });
});

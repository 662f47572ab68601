import { describe, expect, it } from "vitest";
import { benefitsActions, mayManageBenefitYears, payStubActions } from "../benefits/policy.ts";
import { concernActions } from "../concerns/policy.ts";
import { consentActions, grantActions } from "../consent/policy.ts";
import { fhirActions } from "../fhir/policy.ts";
import { meetingActions, meetingsActions } from "../meetings/policy.ts";
import { milestoneActions } from "../milestones/policy.ts";
import { networkActions, supportPersonActions } from "../network/policy.ts";
import { planActions } from "../plans/policy.ts";
import { supportSuggestionActions } from "../portal/policy.ts";
import { buildConsentGrant, buildPayStub, buildPolicyCast, buildStaffActor, buildSupport } from "./builders.ts";
import type { ParticipantScope } from "./model.ts";

/**
 * Every area's policy, per role, against one specialist's caseload: the
 * specialist themselves, another specialist of the team, the team's supervisor,
 * another team's supervisor, an admin, and the two actors who are not staff.
 */
const { actors, ownCaseload, otherTeamCaseload, scope } = buildPolicyCast();

/** Each area's whole-record actions, as one flat list of booleans per actor, so one matrix covers them all. */
const AREAS: Record<string, (s: ParticipantScope) => object> = {
  network: networkActions,
  consent: consentActions,
  meetings: meetingsActions,
  meeting: meetingActions,
  plans: planActions,
  concerns: concernActions,
  milestones: milestoneActions,
  benefits: benefitsActions,
  supportSuggestions: supportSuggestionActions,
  fhir: fhirActions,
};

/** Reading actions in each area; everything else changes the record. */
const READS = new Set(["read", "sendInvitations"]);

type Reach = "all" | "read" | "none";
const EXPECTED: Record<keyof typeof actors, Reach> = {
  specialistOwn: "all",
  specialistOther: "none",
  supervisorOwnTeam: "all",
  supervisorOtherTeam: "none",
  admin: "all",
  supportPerson: "none",
  participant: "none",
};

describe("area policies, per role", () => {
  for (const [area, policy] of Object.entries(AREAS)) {
    for (const [who, reach] of Object.entries(EXPECTED) as [keyof typeof actors, Reach][]) {
      it(`${area}: ${who} may ${reach === "all" ? "do everything" : reach === "read" ? "only read" : "do nothing"}`, () => {
        const actions = policy(scope(actors[who]));
        for (const [action, allowed] of Object.entries(actions) as [string, boolean][]) {
          const expected = reach === "all" || (reach === "read" && READS.has(action));
          expect({ action, allowed }).toEqual({ action, allowed: expected });
        }
      });
    }
  }

  it("lets the team's supervisor and the admin reach another team's caseload only if it is theirs to reach", () => {
    expect(planActions(scope(actors.supervisorOwnTeam, otherTeamCaseload)).read).toBe(false);
    expect(planActions(scope(actors.supervisorOtherTeam, otherTeamCaseload)).addItem).toBe(true);
    expect(planActions(scope(actors.admin, otherTeamCaseload)).addItem).toBe(true);
    expect(planActions(scope(actors.specialistOwn, otherTeamCaseload)).read).toBe(false);
  });

  it("lets a reader with no update permission read and change nothing", () => {
    const reader = buildStaffActor("specialist", { userId: "specialist-a", permissions: ["read:participant:own"] });
    for (const policy of Object.values(AREAS)) {
      const actions = policy({ actor: reader, participant: ownCaseload });
      for (const [action, allowed] of Object.entries(actions) as [string, boolean][]) expect({ action, allowed }).toEqual({ action, allowed: READS.has(action) });
    }
  });
});

describe("record-level actions", () => {
  const own = scope(actors.specialistOwn);

  it("keeps a person taken off the network from being changed, ended again or sent a consent form", () => {
    expect(supportPersonActions(own, buildSupport())).toEqual({ read: true, update: true, end: true, recordConsent: true });
    expect(supportPersonActions(own, buildSupport({ endedAt: "2026-01-01T00:00:00.000Z" }))).toEqual({ read: true, update: false, end: false, recordConsent: false });
  });

  it("records no consent for someone marked do not contact", () => {
    expect(supportPersonActions(own, buildSupport({ status: "do_not_contact" })).recordConsent).toBe(false);
    expect(supportPersonActions(own, buildSupport({ status: "do_not_contact" })).update).toBe(true);
  });

  it("revokes only a grant still in force or yet to start, and shows a scan only where there is one", () => {
    expect(grantActions(own, buildConsentGrant({ status: "active" })).revoke).toBe(true);
    expect(grantActions(own, buildConsentGrant({ status: "not_started" })).revoke).toBe(true);
    expect(grantActions(own, buildConsentGrant({ status: "revoked" })).revoke).toBe(false);
    expect(grantActions(own, buildConsentGrant({ status: "expired" })).revoke).toBe(false);
    expect(grantActions(own, buildConsentGrant({ hasScan: true })).readScan).toBe(true);
    expect(grantActions(own, buildConsentGrant({ hasScan: false })).readScan).toBe(false);
    expect(grantActions(scope(actors.specialistOther), buildConsentGrant({ hasScan: true }))).toEqual({ readScan: false, revoke: false });
  });

  it("voids a pay stub once", () => {
    expect(payStubActions(own, buildPayStub())).toEqual({ void: true });
    expect(payStubActions(own, buildPayStub({ voidedAt: "2026-02-01T00:00:00.000Z" }))).toEqual({ void: false });
    expect(payStubActions(scope(actors.supportPerson), buildPayStub())).toEqual({ void: false });
  });

  it("lets only an actor with manage:benefits add a year's figures", () => {
    expect(mayManageBenefitYears(actors.specialistOwn)).toBe(false);
    expect(mayManageBenefitYears(buildStaffActor("admin", { permissions: ["manage:benefits:any"] }))).toBe(true);
    expect(mayManageBenefitYears(actors.supportPerson)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { buildParticipantActor, buildPolicyCast, buildSupportPersonActor } from "../access/builders.ts";
import { mayWithdrawGrant, ownRecordActions } from "./policy.ts";

const { actors } = buildPolicyCast();
const ana = buildParticipantActor({ participantId: "participant-1" });
const record = { id: "participant-1", active: true };

describe("the participant's own pages", () => {
  it("let a participant read, copy, withdraw consent, suggest someone and ask for help on their own record", () => {
    expect(ownRecordActions(ana, record)).toEqual({ read: true, copyRecord: true, withdrawConsent: true, suggestSupport: true, askForHelp: true });
  });

  it("give a participant nothing on another participant's record", () => {
    expect(ownRecordActions(ana, { id: "participant-2", active: true })).toEqual({ read: false, copyRecord: false, withdrawConsent: false, suggestSupport: false, askForHelp: false });
  });

  it("give staff, even the participant's own specialist and an admin, nothing here: staff work on the staff pages", () => {
    for (const actor of [actors.specialistOwn, actors.supervisorOwnTeam, actors.admin]) {
      expect(ownRecordActions(actor, record).read).toBe(false);
    }
  });

  it("give a support person of this participant nothing on the participant's own pages", () => {
    expect(ownRecordActions(buildSupportPersonActor({ participantId: "participant-1" }), record).read).toBe(false);
  });

  it("keep reading, the copy and withdrawing open on an archived record, but not new suggestions or help requests", () => {
    expect(ownRecordActions(ana, { id: "participant-1", active: false })).toEqual({ read: true, copyRecord: true, withdrawConsent: true, suggestSupport: false, askForHelp: false });
  });

  it("let a participant withdraw a release in force or yet to start, not one already over", () => {
    const actions = ownRecordActions(ana, record);
    expect(mayWithdrawGrant(actions, { status: "active" })).toBe(true);
    expect(mayWithdrawGrant(actions, { status: "not_started" })).toBe(true);
    for (const status of ["revoked", "expired", "ended"] as const) expect(mayWithdrawGrant(actions, { status })).toBe(false);
    expect(mayWithdrawGrant(ownRecordActions(ana, { id: "participant-2", active: true }), { status: "active" })).toBe(false);
  });
});

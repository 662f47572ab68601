import { describe, expect, it } from "vitest";
import { buildPolicyCast, buildSupport, buildSupportPersonActor } from "../access/builders.ts";
import { channelFor, ownPreferenceActions, staffPreferenceActions } from "./policy.ts";

const { actors, otherTeamCaseload, scope } = buildPolicyCast();

describe("message preferences: staff", () => {
  it("the specialist sees and changes the choices of people on their caseload", () => {
    expect(staffPreferenceActions(scope(actors.specialistOwn), buildSupport())).toEqual({ read: true, change: true });
    expect(staffPreferenceActions(scope(actors.specialistOwn), null)).toEqual({ read: true, change: true });
  });

  it("nobody changes the choices of someone whose place on the network ended", () => {
    expect(staffPreferenceActions(scope(actors.specialistOwn), buildSupport({ endedAt: "2026-01-01T00:00:00.000Z" }))).toEqual({ read: true, change: false });
  });

  it("staff without the record get nothing", () => {
    expect(staffPreferenceActions(scope(actors.specialistOwn, otherTeamCaseload), null)).toEqual({ read: false, change: false });
    expect(staffPreferenceActions(scope(actors.supportPerson), null)).toEqual({ read: false, change: false });
  });
});

describe("message preferences: one's own", () => {
  it("a support person changes their own and nobody else's", () => {
    expect(ownPreferenceActions(actors.supportPerson, { kind: "support_person", id: "support-1" })).toEqual({ read: true, change: true });
    expect(ownPreferenceActions(buildSupportPersonActor({ supportPersonId: "support-2" }), { kind: "support_person", id: "support-1" }).change).toBe(false);
    expect(ownPreferenceActions(actors.supportPerson, { kind: "participant", id: "participant-1" }).read).toBe(false);
  });

  it("the participant changes their own, and staff go through the record instead", () => {
    expect(ownPreferenceActions(actors.participant, { kind: "participant", id: "participant-1" }).change).toBe(true);
    expect(ownPreferenceActions(actors.participant, { kind: "participant", id: "participant-2" }).change).toBe(false);
    expect(ownPreferenceActions(actors.specialistOwn, { kind: "participant", id: "participant-1" }).read).toBe(false);
  });
});

describe("the channel a message goes by", () => {
  const reach = { kind: "support_person" as const, email: "ana@example.org", phone: "+15555550123" };

  it("is the one the person chose", () => {
    expect(channelFor({ ...reach, chosen: "text" })).toEqual({ channel: "text" });
    expect(channelFor({ ...reach, chosen: "email" })).toEqual({ channel: "email" });
  });

  it("is none, with why, when they chose none, even with an address on the record", () => {
    expect(channelFor({ ...reach, chosen: null })).toEqual({ channel: null, why: "no channel chosen" });
  });

  it("never falls back to the other channel when the chosen one has no address", () => {
    expect(channelFor({ ...reach, phone: null, chosen: "text" })).toEqual({ channel: null, why: "no phone number" });
    expect(channelFor({ ...reach, email: null, chosen: "email" })).toEqual({ channel: null, why: "no email address" });
  });
});

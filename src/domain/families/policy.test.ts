import { describe, expect, it } from "vitest";
import { buildStaffActor, buildSupportPersonActor } from "../access/builders.ts";
import { familyActions, introductionRefusal, introductionShown, sharedContact, type IntroductionSide } from "./policy.ts";

const at = new Date("2026-06-01T12:00:00Z");
const side = (overrides: Partial<IntroductionSide> = {}): IntroductionSide => ({
  participantId: "p-1", person: { id: "s-1", status: "supportive", endedAt: null }, inReach: true, personAgreed: true, participantAgreed: true, ...overrides,
});
const specialist = buildStaffActor("specialist");

describe("introducing two families", () => {
  it("goes ahead when both support persons and both participants agreed, across two participants within reach", () => {
    expect(introductionRefusal(specialist, side(), side({ participantId: "p-2", person: { id: "s-2", status: "supportive", endedAt: null } }), at)).toBeNull();
  });

  it("needs the agreement of all four people", () => {
    const other = side({ participantId: "p-2", person: { id: "s-2", status: "supportive", endedAt: null } });
    expect(introductionRefusal(specialist, side({ personAgreed: false }), other, at)).toBe("not_agreed");
    expect(introductionRefusal(specialist, side({ participantAgreed: false }), other, at)).toBe("not_agreed");
    expect(introductionRefusal(specialist, side(), { ...other, personAgreed: false }, at)).toBe("not_agreed");
    expect(introductionRefusal(specialist, side(), { ...other, participantAgreed: false }, at)).toBe("not_agreed");
  });

  it("refuses two supports of the same participant, a record out of reach, someone not to be contacted, and anyone but staff", () => {
    expect(introductionRefusal(specialist, side(), side({ person: { id: "s-2", status: "supportive", endedAt: null } }), at)).toBe("same_participant");
    expect(introductionRefusal(specialist, side(), side({ participantId: "p-2", inReach: false }), at)).toBe("not_found");
    expect(introductionRefusal(specialist, side(), side({ participantId: "p-2", person: { id: "s-2", status: "do_not_contact", endedAt: null } }), at)).toBe("not_reachable");
    expect(introductionRefusal(specialist, side(), side({ participantId: "p-2", person: { id: "s-2", status: "supportive", endedAt: "2026-05-01T00:00:00Z" } }), at)).toBe("not_reachable");
    expect(introductionRefusal(buildSupportPersonActor(), side(), side({ participantId: "p-2" }), at)).toBe("not_found");
  });
});

describe("what the other family sees", () => {
  const gloria = { name: "Gloria", phone: "555-0100", email: "gloria@example.org" };
  it("is the name, and the phone or email only when chosen", () => {
    expect(sharedContact(gloria, { sharePhone: true, shareEmail: false })).toEqual({ name: "Gloria", phone: "555-0100", email: null });
    expect(sharedContact(gloria, { sharePhone: false, shareEmail: false })).toEqual({ name: "Gloria", phone: null, email: null });
  });

  it("hides an ended introduction and one whose other side left the network", () => {
    const person = { id: "s-2", status: "supportive" as const, endedAt: null };
    expect(introductionShown({ endedAt: null }, person, at)).toBe(true);
    expect(introductionShown({ endedAt: "2026-05-01T00:00:00Z" }, person, at)).toBe(false);
    expect(introductionShown({ endedAt: null }, { ...person, status: "do_not_contact" }, at)).toBe(false);
  });

  it("lets staff who may change the record record agreements, and those who only read see them", () => {
    const place = { specialistId: specialist.userId, teamId: specialist.teamId };
    expect(familyActions({ actor: specialist, participant: place })).toEqual({ read: true, record: true });
    expect(familyActions({ actor: specialist, participant: { specialistId: "someone-else", teamId: "other-team" } })).toEqual({ read: false, record: false });
  });
});

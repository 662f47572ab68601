import { describe, expect, it } from "vitest";
import { helpRequestActions, mayAnswerMeeting, mayShowMeeting, type SupportReader } from "./policy.ts";

const at = new Date("2026-03-10T12:00:00.000Z");
const gloria: SupportReader = {
  person: { id: "s-1", status: "supportive", endedAt: null, helpKinds: ["rides"] },
  history: {
    grants: [{
      id: "g-1", supportPersonId: "s-1", categories: ["employment_goals", "work_schedule"], mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
      startsOn: "2026-01-01", expiresOn: "2099-12-31", recordedAt: "2026-01-01T00:00:00.000Z", endedAt: null,
    }],
    revocations: [],
  },
};
const meeting = { categories: ["employment_goals" as const], scheduledAt: "2026-03-12T17:00", status: "planned", invited: true };

describe("meetings on a support person's page", () => {
  it("show a planned meeting, and one called off, so nobody turns up to it; only the planned one takes an answer", () => {
    expect([mayShowMeeting(gloria, meeting, at), mayAnswerMeeting(gloria, meeting, at)]).toEqual([true, true]);
    const cancelled = { ...meeting, status: "cancelled" };
    expect([mayShowMeeting(gloria, cancelled, at), mayAnswerMeeting(gloria, cancelled, at)]).toEqual([true, false]);
  });

  it("leave out held meetings, past days, meetings they are not invited to, and what their consent does not cover", () => {
    for (const other of [
      { ...meeting, status: "held" }, { ...meeting, scheduledAt: "2026-03-09T17:00" }, { ...meeting, invited: false },
      { ...meeting, categories: ["mental_health_treatment" as const] }, { ...meeting, status: "cancelled", categories: ["mental_health_treatment" as const] },
    ]) {
      expect(mayShowMeeting(gloria, other, at)).toBe(false);
      expect(mayAnswerMeeting(gloria, other, at)).toBe(false);
    }
  });
});

describe("help request actions", () => {
  it("withdraw only while open and mark done only once claimed; done and withdrawn are read only", () => {
    expect(helpRequestActions(true, { status: "open" })).toEqual({ withdraw: true, markDone: false });
    expect(helpRequestActions(true, { status: "claimed" })).toEqual({ withdraw: false, markDone: true });
    expect(helpRequestActions(true, { status: "done" })).toEqual({ withdraw: false, markDone: false });
    expect(helpRequestActions(true, { status: "cancelled" })).toEqual({ withdraw: false, markDone: false });
  });

  it("give nothing to someone who may not change the request", () => {
    for (const status of ["open", "claimed"] as const) expect(helpRequestActions(false, { status })).toEqual({ withdraw: false, markDone: false });
  });
});

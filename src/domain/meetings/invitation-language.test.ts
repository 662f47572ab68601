import { describe, expect, it } from "vitest";
import type { ConsentHistory } from "../consent/check.ts";
import { calendarSender, invitationsToSend, printSender, type InvitedMeeting } from "./invitations.ts";

const at = new Date("2026-02-20T12:00:00.000Z");
const meeting: InvitedMeeting = {
  id: "m1", categories: ["job_details"], title: "Plan review", place: "Library", agenda: ["Work goal"],
  scheduledAt: "2026-03-01T10:00:00.000Z", durationMinutes: 60, refreshments: null, sequence: 0, cancelled: false,
};
const grant = (supportPersonId: string) => ({
  id: `g-${supportPersonId}`, supportPersonId, categories: ["job_details" as const], mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
  startsOn: "2026-01-01", expiresOn: null, recordedAt: "2026-01-01T00:00:00.000Z", endedAt: null,
});
const consent: ConsentHistory = { grants: [grant("rosa"), grant("ben")], revocations: [] };
const source = { participantName: "Pat", specialistName: "Sam", specialistEmail: "sam@program.example", specialistPhone: null, programName: "Program", programPhone: null, timeZone: null };

describe("an invitation's language", () => {
  it("is each invitee's own: one meeting gives a Spanish calendar file to one person and an English one to another", async () => {
    const people = [
      { id: "rosa", name: "Rosa", status: "supportive" as const, endedAt: null, locale: "es" as const },
      { id: "ben", name: "Ben", status: "supportive" as const, endedAt: null, locale: "en" as const },
    ];
    const { invitations } = invitationsToSend(meeting, people, consent, source, at);
    const rosa = invitations.find((i) => i.supportPersonId === "rosa")!;
    const ben = invitations.find((i) => i.supportPersonId === "ben")!;
    expect((await printSender.send(rosa, at)).locale).toBe("es");
    expect(await calendarSender.send(rosa, at)).toContain("Pat le invita.");
    expect(await calendarSender.send(ben, at)).toContain("Pat invites you.");
  });

  it("is English for someone with no language on record", async () => {
    const { invitations } = invitationsToSend(meeting, [{ id: "rosa", name: "Rosa", status: "supportive", endedAt: null }], consent, source, at);
    expect(invitations[0]!.locale).toBe("en");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConsentHistory, GrantFacts, PersonFacts } from "../consent/check.ts";
import { mayDisclose } from "../consent/disclosure.ts";
import { CONSENT_CATEGORIES } from "../consent/model.ts";
import { celebrateWithChoices } from "../milestones/celebrate.ts";
import { RELATIONSHIP_STATUSES } from "../network/vocabulary.ts";
import { calendarSender, invitationsToSend, printSender, type InvitedMeeting } from "./invitations.ts";

// Consent by content, as a property: for generated networks, grants, meetings and
// wins, each meeting's title, place and agenda and each win's note carrying a marker
// of its own, no calendar file, printed invitation or celebrate-with output handed to
// a reader ever holds the marker of a piece that reader may not see.
const BASE = Date.parse("2026-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PEOPLE = ["p0", "p1", "p2", "p3"];
const category = fc.constantFrom(...CONSENT_CATEGORIES);
const categories = fc.uniqueArray(category, { maxLength: 3 });

const grantArb = (id: string) => fc.record({
  supportPersonId: fc.constantFrom(...PEOPLE), categories: fc.uniqueArray(category, { minLength: 1, maxLength: 4 }),
  mayAttendMeetings: fc.boolean(), mayReceivePlan: fc.boolean(), mayBeContacted: fc.boolean(),
  start: fc.integer({ min: 0, max: 20 }), length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  ended: fc.option(fc.integer({ min: 0, max: 60 * DAY }), { nil: null }),
}).map((g): GrantFacts => ({
  id, supportPersonId: g.supportPersonId, categories: g.categories, mayAttendMeetings: g.mayAttendMeetings, mayReceivePlan: g.mayReceivePlan,
  mayBeContacted: g.mayBeContacted, startsOn: date(BASE + g.start * DAY), expiresOn: g.length === null ? null : date(BASE + (g.start + g.length) * DAY),
  recordedAt: new Date(BASE).toISOString(), endedAt: g.ended === null ? null : new Date(BASE + g.ended).toISOString(),
}));

const worldArb = fc.record({
  people: fc.tuple(...PEOPLE.map((id) => fc.record({
    id: fc.constant(id), name: fc.constant(`Reader ${id}`), status: fc.constantFrom(...RELATIONSHIP_STATUSES), endedAt: fc.constant(null),
  }))) as fc.Arbitrary<(PersonFacts & { name: string })[]>,
  grants: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => grantArb(`g${i}`)))),
  meetings: fc.array(categories, { minLength: 1, maxLength: 4 }),
  wins: fc.array(categories, { minLength: 1, maxLength: 4 }),
  day: fc.integer({ min: 0, max: 80 }),
});

describe("support-facing meeting and win outputs", () => {
  it("never carry the marker of a piece their reader may not see", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ({ people, grants, meetings, wins, day }) => {
        const consent: ConsentHistory = { grants, revocations: [] };
        const at = new Date(BASE + day * DAY + 12 * 3_600_000);
        const pieces: InvitedMeeting[] = meetings.map((cats, i) => ({
          id: `m${i}`, categories: cats, title: `TITLE-MARK-${i}`, place: `PLACE-MARK-${i}`, agenda: [`AGENDA-MARK-${i}`],
          scheduledAt: "2026-03-01T10:00:00.000Z", durationMinutes: 60, refreshments: null, sequence: i % 3, cancelled: i % 2 === 1,
        }));
        for (const meeting of pieces) {
          const { invitations, refused } = invitationsToSend(meeting, people, consent, {
            participantName: "Pat", specialistName: "Sam", specialistEmail: "sam@program.example", specialistPhone: null,
            programName: "Program", programPhone: null, timeZone: "America/Chicago",
          }, at);
          expect(invitations.length + refused.length).toBe(people.length);
          for (const invitation of invitations) {
            const reader = people.find((p) => p.id === invitation.supportPersonId)!;
            const outputs = [await calendarSender.send(invitation, at), JSON.stringify(await printSender.send(invitation, at))];
            for (const output of outputs) {
              for (const other of pieces) {
                const shown = [`TITLE-MARK-${other.id.slice(1)}`, `PLACE-MARK-${other.id.slice(1)}`, `AGENDA-MARK-${other.id.slice(1)}`].some((m) => output.includes(m));
                if (shown) expect(mayDisclose(consent, { kind: "support_person", person: reader }, other, "attendMeetings", at)).toBe(true);
              }
              // Only the invitee is named, never another reader.
              for (const p of people) if (p.id !== reader.id) expect(output).not.toContain(p.name);
            }
          }
        }
        // Celebrate with: the note of a win goes to each reader offered it, and to no one else.
        for (const [i, cats] of wins.entries()) {
          const note = `WIN-MARK-${i}`;
          for (const choice of celebrateWithChoices(people, consent, { categories: cats }, at)) {
            const reader = people.find((p) => p.id === choice.id)!;
            const shared = `${choice.name}: ${note}`;
            if (shared.includes(note)) expect(mayDisclose(consent, { kind: "support_person", person: reader }, { categories: cats }, "contact", at)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/index.ts";
import { buildMinutesDocument } from "./minutes-pdf.server.ts";
import type { MeetingMinutes } from "./minutes.ts";

const t = translator("en");
const program = { name: "Riverside IPS", phone: "555-0100" };
const base = { program, title: "Getting ready for work", participantName: "Pat", copyFor: null, held: true };
const minutes: MeetingMinutes = {
  meetingId: "m1", title: "Getting ready for work", scheduledAt: "2030-03-14T18:30", place: "Library", heldAt: "2030-03-14T19:30",
  came: ["Ana"], jobIdeas: [{ text: "Ask the bakery on Main Street", by: "Ana", whenText: null }], strengths: [{ text: "Always on time", by: null, whenText: null }], concerns: [], ideas: [],
  commitments: [{ text: "Drive Pat on Mondays", by: "Ana", whenText: "Mondays" }], nextSteps: [],
  leftOut: true, discloses: ["employment_goals"], part2Notice: false,
};

describe("the minutes as a document", () => {
  it("says why there is nothing: not held yet, or not covered by this person's consent", () => {
    expect(buildMinutesDocument({ ...base, minutes: null, held: false }, t).notes).toEqual([t("meetings.minutes.notHeld")]);
    const refused = buildMinutesDocument({ ...base, minutes: null, copyFor: "Ana" }, t);
    expect([refused.copyFor, refused.sections, refused.notes]).toEqual(["Copy for Ana", [], [t("meetings.minutes.notShown")]]);
  });

  it("names who said what and by when, marks what was left out, and adds the Part 2 notice only when asked", () => {
    const doc = buildMinutesDocument({ ...base, minutes }, t);
    expect(doc.facts.at(-1)).toEqual({ label: "Who came", value: "Pat, Ana" });
    expect(doc.sections.map((s) => s.items)).toEqual([["Always on time (Pat)"], ["Ask the bakery on Main Street (Ana)"], ["None"], ["None"], ["Drive Pat on Mondays — Mondays (Ana)"], ["None"]]);
    expect(doc.notes).toEqual([t("meetings.minutes.leftOut")]);
    expect(doc.part2).toBeNull();
    expect(buildMinutesDocument({ ...base, minutes: { ...minutes, part2Notice: true } }, t).part2?.text).toBe(t("consent.part2Notice"));
  });
});

import { describe, expect, it } from "vitest";
import { catalogOf } from "./index.ts";
import { fleschKincaidGrade, readingStats, syllables } from "./reading-level.ts";

/**
 * The messages families read (issue 13): the take-home copy, invitations and
 * calendar files, the support person's page, the participant's own pages, the
 * personal-link pages, benefits summaries and notes, and the glossary. Messages
 * made later for families (the outbox's messages) belong here too. The talking points
 * on benefits and relapse are said to families in a meeting.
 */
const FAMILY_FACING = ["takeHome.", "meetings.invitation.", "strays.calendar.", "supportPage.", "own.", "link.", "benefits.summary.", "benefits.note.", "plain.", "participantSignIn.", "concern.talk.losing_benefits.", "concern.talk.relapse.", "resource.own.", "messages.link_issued.", "messages.commitment_reminder.own.", "families.own."];
/** Names read as one word: programs and places a family looks up by their name. */
const ALLOWED_TERMS = ["Social Security", "Medicaid", "Medicare", "SSI", "SSDI", "Allies", "NAMI Family-to-Family", "IPS"];
/** Only sentences are graded: labels and headings of one to five words are not prose, and the formula means nothing for them. */
const MIN_WORDS = 6;
// One sentence alone swings the formula by several grades; the messages of a group read together must be at grade 6.
const ONE_MESSAGE_LIMIT = 9;

const english = catalogOf("en") as Record<string, string>;

function prose(prefix: string): [string, string][] {
  return Object.entries(english).filter(([key, text]) => key.startsWith(prefix) && readingStats(text, ALLOWED_TERMS).words >= MIN_WORDS);
}

describe("plain language for families", () => {
  for (const prefix of FAMILY_FACING) {
    it(`reads at grade 6 or below: ${prefix}*`, () => {
      const messages = prose(prefix);
      if (prefix !== "strays.calendar.") expect(messages.length).toBeGreaterThan(0);
      expect(fleschKincaidGrade(messages.map(([, text]) => text), ALLOWED_TERMS)).toBeLessThanOrEqual(6);
      const hard = messages.map(([key, text]) => ({ key, grade: Math.round(fleschKincaidGrade([text], ALLOWED_TERMS) * 10) / 10 })).filter((m) => m.grade > ONE_MESSAGE_LIMIT);
      expect(hard).toEqual([]);
    });
  }

  it("says none of the jargon the glossary explains, where families read", () => {
    const jargon = /CWIC|WIPA|1619\(b\)|cessation|\bSGA\b|substantial gainful/;
    const found = FAMILY_FACING.flatMap((prefix) => Object.entries(english).filter(([key, text]) => key.startsWith(prefix) && jargon.test(text)).map(([key]) => key));
    expect(found).toEqual([]);
  });
});

describe("the reading-level formula", () => {
  it("counts syllables close to a dictionary's", () => {
    expect(["job", "plan", "make", "meeting", "family", "support", "together", "benefits", "Social", "security", "estimate"].map(syllables))
      .toEqual([1, 1, 1, 2, 3, 2, 3, 3, 2, 4, 3]);
  });

  it("grades a children's sentence low and a bureaucratic one high", () => {
    expect(fleschKincaidGrade(["We will meet at the park. Bring a friend."])).toBeLessThan(2);
    expect(fleschKincaidGrade(["Substantial gainful activity determinations necessitate comprehensive evaluation of countable remuneration."])).toBeGreaterThan(16);
  });

  it("reads a placeholder and an allowed term as one short word", () => {
    expect(readingStats("{name} can call Social Security today.", ["Social Security"])).toEqual({ words: 5, sentences: 1, syllables: 6 });
  });
});

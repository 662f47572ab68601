import { describe, expect, it } from "vitest";
import { GLOSSARY } from "../../i18n/glossary.ts";
import { catalogOf, isMessageKey, translate } from "../../i18n/index.ts";
import { CONCERN_TYPES } from "./model.ts";
import { concernTypesToPrepare, talkingPointsFor } from "./talking-points.ts";

describe("talking points", () => {
  it("start with listening for every kind of concern, and every point has words", () => {
    for (const type of CONCERN_TYPES) {
      const { points, actions } = talkingPointsFor(type);
      expect(points[0]).toBe("concern.talk.listen");
      const written = Object.keys(catalogOf("en")).filter((key) => key.startsWith(`concern.talk.${type}.`));
      expect(points.slice(1)).toEqual(written);
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(isMessageKey(`concern.action.${action}`)).toBe(true);
    }
  });
  it("sends benefit worries to a benefits counselor", () => {
    expect(talkingPointsFor("losing_benefits").actions).toContain("refer_benefits_counselor");
  });
  it("answers the fear of losing benefits for good: SSI restarting, SSDI's fast return and Medicaid under 1619(b), each with its official term", () => {
    const { points, terms = {} } = talkingPointsFor("losing_benefits");
    const said = points.map((key) => translate("en", key)).join(" ");
    expect(said).toMatch(/SSI check can start again/);
    expect(said).toMatch(/get it back fast, within five years/);
    expect(said).toMatch(/keep Medicaid even when their pay is too high/);
    const linked = Object.values(terms).flat();
    expect(linked).toEqual(expect.arrayContaining(["ssi", "ssdi", "expeditedReinstatement", "section1619b", "benefitsCounselor"]));
    for (const [key, ids] of Object.entries(terms)) {
      expect(points).toContain(key);
      for (const id of ids ?? []) expect(GLOSSARY.map((term) => term.id)).toContain(id);
    }
  });
  it("says after a relapse that work helps recovery and what the team can offer, with a meeting of supports among the next steps", () => {
    const { points, actions } = talkingPointsFor("relapse");
    const said = points.map((key) => translate("en", key)).join(" ");
    expect(said).toMatch(/Work is good for recovery/);
    expect(said).toMatch(/more visits from the specialist/);
    expect(said).not.toMatch(/\d+ ?%/);
    expect(actions).toContain("plan_support_meeting");
  });
  it("prepares a meeting for the concerns not yet resolved and the kinds asked for, each once, in the usual order", () => {
    const concerns = [
      { type: "transport", status: "open" }, { type: "relapse", status: "resolved" }, { type: "losing_benefits", status: "in_progress" }, { type: "transport", status: "open" },
    ] as const;
    expect(concernTypesToPrepare(concerns)).toEqual(["losing_benefits", "transport"]);
    expect(concernTypesToPrepare(concerns, ["relapse", "not_a_kind", "transport"])).toEqual(["losing_benefits", "relapse", "transport"]);
    expect(concernTypesToPrepare([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { catalogOf, isMessageKey } from "../../i18n/index.ts";
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
  it("prepares a meeting for the concerns not yet resolved and the kinds asked for, each once, in the usual order", () => {
    const concerns = [
      { type: "transport", status: "open" }, { type: "relapse", status: "resolved" }, { type: "losing_benefits", status: "in_progress" }, { type: "transport", status: "open" },
    ] as const;
    expect(concernTypesToPrepare(concerns)).toEqual(["losing_benefits", "transport"]);
    expect(concernTypesToPrepare(concerns, ["relapse", "not_a_kind", "transport"])).toEqual(["losing_benefits", "relapse", "transport"]);
    expect(concernTypesToPrepare([])).toEqual([]);
  });
});

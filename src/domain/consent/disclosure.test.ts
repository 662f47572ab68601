import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayShare, mayInvolve, type ConsentHistory, type GrantFacts, type PersonFacts } from "./check.ts";
import { disclosable, disclosedCategories, mayDisclose, mayFileInHealthRecord, needsRedisclosureNotice } from "./disclosure.ts";
import { CONSENT_CATEGORIES, INVOLVEMENTS, type ConsentCategory } from "./model.ts";

const AT = new Date("2026-06-15T12:00:00.000Z");
const person: PersonFacts = { id: "p1", status: "supportive", endedAt: null };
const reader = { kind: "support_person", person } as const;

function grant(overrides: Partial<GrantFacts>): GrantFacts {
  return {
    id: "g1", supportPersonId: "p1", categories: ["employment_goals", "work_schedule"],
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
    startsOn: "2026-01-01", expiresOn: "2026-12-31", recordedAt: "2026-01-01T00:00:00.000Z", ...overrides,
  };
}

describe("mayDisclose", () => {
  it("shows a piece whose every category an active grant covers", () => {
    const history: ConsentHistory = { grants: [grant({})], revocations: [] };
    expect(mayDisclose(history, reader, { categories: ["employment_goals"] }, "receivePlan", AT)).toBe(true);
    expect(mayDisclose(history, reader, { categories: ["employment_goals", "work_schedule"] }, "receivePlan", AT)).toBe(true);
  });

  it("hides a piece about substance use from someone whose grant covers only employment", () => {
    const history: ConsentHistory = { grants: [grant({})], revocations: [] };
    expect(mayDisclose(history, reader, { categories: ["substance_use_treatment"] }, "receivePlan", AT)).toBe(false);
    expect(mayDisclose(history, reader, { categories: ["employment_goals", "substance_use_treatment"] }, "receivePlan", AT)).toBe(false);
  });

  it("hides a piece nobody has reviewed (no category) from every support person", () => {
    const history: ConsentHistory = { grants: [grant({ categories: [...CONSENT_CATEGORIES] })], revocations: [] };
    expect(mayDisclose(history, reader, { categories: [] }, "receivePlan", AT)).toBe(false);
  });

  it("needs the grant that covers the category to allow the way it reaches the reader", () => {
    const history: ConsentHistory = {
      grants: [grant({ id: "g1", categories: ["employment_goals"], mayAttendMeetings: false }), grant({ id: "g2", categories: ["job_details"], mayReceivePlan: false })],
      revocations: [],
    };
    expect(mayDisclose(history, reader, { categories: ["employment_goals"] }, "attendMeetings", AT)).toBe(false);
    expect(mayDisclose(history, reader, { categories: ["employment_goals"] }, "receivePlan", AT)).toBe(true);
    expect(mayDisclose(history, reader, { categories: ["job_details"] }, "receivePlan", AT)).toBe(false);
    expect(mayDisclose(history, reader, { categories: ["job_details"] }, "attendMeetings", AT)).toBe(true);
  });

  it("shows nothing once the category is withdrawn, the grant has ended or the person is not to be contacted", () => {
    const piece = { categories: ["employment_goals"] as ConsentCategory[] };
    const withdrawn: ConsentHistory = { grants: [grant({})], revocations: [{ grantId: "g1", category: "employment_goals", revokedAt: "2026-03-01T00:00:00.000Z" }] };
    expect(mayDisclose(withdrawn, reader, piece, "receivePlan", AT)).toBe(false);
    const expired: ConsentHistory = { grants: [grant({ expiresOn: "2026-06-14" })], revocations: [] };
    expect(mayDisclose(expired, reader, piece, "receivePlan", AT)).toBe(false);
    const history: ConsentHistory = { grants: [grant({})], revocations: [] };
    expect(mayDisclose(history, { kind: "support_person", person: { ...person, status: "do_not_contact" } }, piece, "receivePlan", AT)).toBe(false);
  });

  it("gives the participant every piece of their own record", () => {
    expect(mayDisclose({ grants: [], revocations: [] }, { kind: "participant" }, { categories: ["substance_use_treatment"] }, "receivePlan", AT)).toBe(true);
  });

  it("agrees with the category and involvement checks for any history (property)", () => {
    const category = fc.constantFrom(...CONSENT_CATEGORIES);
    fc.assert(fc.property(
      fc.array(fc.record({ categories: fc.uniqueArray(category, { minLength: 1 }), attend: fc.boolean(), plan: fc.boolean(), contact: fc.boolean() }), { maxLength: 3 }),
      fc.uniqueArray(category, { maxLength: 3 }),
      fc.constantFrom(...INVOLVEMENTS),
      (grants, categories, involvement) => {
        const history: ConsentHistory = {
          grants: grants.map((g, i) => grant({ id: `g${i}`, categories: g.categories, mayAttendMeetings: g.attend, mayReceivePlan: g.plan, mayBeContacted: g.contact })),
          revocations: [],
        };
        const shown = mayDisclose(history, reader, { categories }, involvement, AT);
        // Shown implies each category may be shared and the involvement is allowed; never shown when unreviewed.
        if (shown) {
          expect(categories.length).toBeGreaterThan(0);
          for (const c of categories) expect(mayShare(history, person, c, AT)).toBe(true);
          expect(mayInvolve(history, person, involvement, AT)).toBe(true);
        }
        if (categories.length === 0) expect(shown).toBe(false);
      },
    ));
  });
});

describe("outputs assembled from pieces", () => {
  it("keeps only the pieces the reader may see, and says when the Part 2 notice must go with them", () => {
    const history: ConsentHistory = { grants: [grant({ categories: ["employment_goals"] }), grant({ id: "g2", categories: ["substance_use_treatment"] })], revocations: [] };
    const pieces = [
      { id: "a", categories: ["employment_goals"] as ConsentCategory[] },
      { id: "b", categories: ["substance_use_treatment"] as ConsentCategory[] },
      { id: "c", categories: ["benefits_income"] as ConsentCategory[] },
    ];
    const shown = disclosable(history, reader, pieces, "receivePlan", AT);
    expect(shown.map((p) => p.id)).toEqual(["a", "b"]);
    expect(needsRedisclosureNotice(shown)).toBe(true);
    expect(needsRedisclosureNotice(shown.slice(0, 1))).toBe(false);
    expect(disclosedCategories(shown)).toEqual(["employment_goals", "substance_use_treatment"]);
  });
});

describe("mayFileInHealthRecord (decision 0043)", () => {
  it("files every reviewed category in the program's own record, but substance use only on a consent naming the record signed by then", () => {
    const others = CONSENT_CATEGORIES.filter((c) => c !== "substance_use_treatment");
    for (const category of others) expect(mayFileInHealthRecord({ categories: [category] }, null, AT)).toBe(true);
    const part2 = { categories: ["employment_goals", "substance_use_treatment"] as ConsentCategory[] };
    expect(mayFileInHealthRecord(part2, null, AT)).toBe(false);
    expect(mayFileInHealthRecord(part2, { signedOn: "2026-06-15" }, AT)).toBe(true);
    expect(mayFileInHealthRecord(part2, { signedOn: "2026-06-16" }, AT)).toBe(false);
  });

  it("files no piece nobody has reviewed, whatever consent there is", () => {
    expect(mayFileInHealthRecord({ categories: [] }, { signedOn: "2026-01-01" }, AT)).toBe(false);
  });
});

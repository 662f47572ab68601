import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONSENT_CATEGORIES, type ConsentCategory } from "./model.ts";
import { grantStatus, holdsConsent, mayInvolve, mayShare, sharedCategories, type ConsentHistory, type GrantFacts, type PersonFacts, type RevocationFacts } from "./check.ts";
import { RELATIONSHIP_STATUSES } from "../network/vocabulary.ts";

const BASE = Date.parse("2026-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

const PEOPLE = ["p1", "p2"];
const category = fc.constantFrom(...CONSENT_CATEGORIES);
const instant = fc.integer({ min: 0, max: 120 * DAY });

const grantArb = (id: string) =>
  fc.record({
    supportPersonId: fc.constantFrom(...PEOPLE),
    categories: fc.uniqueArray(category, { minLength: 1, maxLength: 6 }),
    mayAttendMeetings: fc.boolean(),
    mayReceivePlan: fc.boolean(),
    mayBeContacted: fc.boolean(),
    start: instant,
    length: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
    recordedOffset: fc.integer({ min: -5 * DAY, max: 5 * DAY }),
    // A grant that ends on an event may have had the event recorded (migration 0006).
    endedAfter: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }),
  }).map((g): GrantFacts => ({
    id,
    supportPersonId: g.supportPersonId,
    categories: g.categories,
    mayAttendMeetings: g.mayAttendMeetings,
    mayReceivePlan: g.mayReceivePlan,
    mayBeContacted: g.mayBeContacted,
    startsOn: date(BASE + g.start),
    expiresOn: g.length === null ? null : date(BASE + g.start + g.length * DAY),
    recordedAt: iso(BASE + g.start + g.recordedOffset),
    endedAt: g.endedAfter === null ? null : iso(BASE + g.start + g.endedAfter),
  }));

const historyArb = fc.integer({ min: 0, max: 5 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => grantArb(`g${i}`))).chain((grants) =>
    fc.array(
      fc.record({ grant: fc.integer({ min: 0, max: Math.max(0, grants.length - 1) }), category: fc.option(category, { nil: null }), at: instant }),
      { maxLength: 8 },
    ).map((revs): ConsentHistory => ({
      grants,
      revocations: grants.length === 0 ? [] : revs.map((r): RevocationFacts => ({ grantId: grants[r.grant]!.id, category: r.category, revokedAt: iso(BASE + r.at) })),
    })),
  ),
);

const personArb = fc.record({
  id: fc.constantFrom(...PEOPLE),
  status: fc.constantFrom(...RELATIONSHIP_STATUSES),
  endedAt: fc.option(instant.map((ms) => iso(BASE + ms)), { nil: null }),
}) as fc.Arbitrary<PersonFacts>;

/**
 * An independent statement of "an active grant covers this": written with date
 * strings rather than the implementation's arithmetic.
 */
function coveredByActiveGrant(history: ConsentHistory, person: PersonFacts, cat: ConsentCategory, at: Date): boolean {
  const atIso = at.toISOString();
  const day = atIso.slice(0, 10);
  if (person.status === "do_not_contact") return false;
  if (person.endedAt && person.endedAt <= atIso) return false;
  return history.grants.some((g) =>
    g.supportPersonId === person.id &&
    g.categories.includes(cat) &&
    g.startsOn <= day &&
    g.recordedAt <= atIso &&
    (g.expiresOn === null || day <= g.expiresOn) &&
    (g.endedAt == null || atIso < g.endedAt) &&
    !history.revocations.some((r) => r.grantId === g.id && (r.category === null || r.category === cat) && r.revokedAt <= atIso),
  );
}

describe("mayShare over random grant and revocation histories", () => {
  it("shares exactly when an active, unrevoked grant covers the category", () => {
    fc.assert(
      fc.property(historyArb, personArb, category, instant, (history, person, cat, ms) => {
        const at = new Date(BASE + ms);
        expect(mayShare(history, person, cat, at)).toBe(coveredByActiveGrant(history, person, cat, at));
      }),
      { numRuns: 3000 },
    );
  });

  it("never shares with a person marked do not contact, whatever they signed", () => {
    fc.assert(
      fc.property(historyArb, personArb, instant, (history, person, ms) => {
        const blocked = { ...person, status: "do_not_contact" as const };
        const at = new Date(BASE + ms);
        expect(sharedCategories(history, blocked, at)).toEqual([]);
        for (const involvement of ["attendMeetings", "receivePlan", "contact"] as const) {
          expect(mayInvolve(history, blocked, involvement, at)).toBe(false);
        }
      }),
    );
  });

  it("a revocation only ever takes away, effective from its moment", () => {
    fc.assert(
      fc.property(historyArb, personArb, category, instant, instant, fc.option(category, { nil: null }), (history, person, cat, ms, revokeMs, revokeCat) => {
        fc.pre(history.grants.length > 0);
        const revocation: RevocationFacts = { grantId: history.grants[0]!.id, category: revokeCat, revokedAt: iso(BASE + revokeMs) };
        const more = { ...history, revocations: [...history.revocations, revocation] };
        const at = new Date(BASE + ms);
        if (mayShare(more, person, cat, at)) expect(mayShare(history, person, cat, at)).toBe(true);
        if (BASE + ms < BASE + revokeMs) expect(mayShare(more, person, cat, at)).toBe(mayShare(history, person, cat, at));
      }),
    );
  });

  it("involvement needs a grant that allows it and still shares something", () => {
    fc.assert(
      fc.property(historyArb, personArb, instant, (history, person, ms) => {
        const at = new Date(BASE + ms);
        if (mayInvolve(history, person, "attendMeetings", at)) {
          expect(holdsConsent(history, person, at)).toBe(true);
          expect(history.grants.some((g) => g.supportPersonId === person.id && g.mayAttendMeetings && grantStatus(g, history.revocations, at) === "active")).toBe(true);
        }
      }),
    );
  });
});

describe("grant lifetime", () => {
  const grant: GrantFacts = {
    id: "g", supportPersonId: "p1", categories: ["employment_goals", "work_schedule"], mayAttendMeetings: true, mayReceivePlan: false, mayBeContacted: true,
    startsOn: "2026-03-01", expiresOn: "2026-03-31", recordedAt: "2026-02-27T10:00:00.000Z",
  };
  const person: PersonFacts = { id: "p1", status: "supportive", endedAt: null };

  it("covers from the first day through the whole last day", () => {
    const history = { grants: [grant], revocations: [] };
    expect(mayShare(history, person, "employment_goals", new Date("2026-02-28T23:59:59Z"))).toBe(false);
    expect(mayShare(history, person, "employment_goals", new Date("2026-03-01T00:00:00Z"))).toBe(true);
    expect(mayShare(history, person, "employment_goals", new Date("2026-03-31T23:59:59Z"))).toBe(true);
    expect(mayShare(history, person, "employment_goals", new Date("2026-04-01T00:00:00Z"))).toBe(false);
    expect(mayShare(history, person, "benefits_income", new Date("2026-03-15T12:00:00Z"))).toBe(false);
  });

  it("stops one category at once when only that category is revoked", () => {
    const history = { grants: [grant], revocations: [{ grantId: "g", category: "work_schedule" as const, revokedAt: "2026-03-10T09:00:00.000Z" }] };
    expect(mayShare(history, person, "work_schedule", new Date("2026-03-10T08:59:59Z"))).toBe(true);
    expect(mayShare(history, person, "work_schedule", new Date("2026-03-10T09:00:00Z"))).toBe(false);
    expect(mayShare(history, person, "employment_goals", new Date("2026-03-10T09:00:00Z"))).toBe(true);
    expect(mayInvolve(history, person, "attendMeetings", new Date("2026-03-11T00:00:00Z"))).toBe(true);
    expect(mayInvolve(history, person, "receivePlan", new Date("2026-03-11T00:00:00Z"))).toBe(false);
  });

  it("stops everything when the whole grant is revoked", () => {
    const history = { grants: [grant], revocations: [{ grantId: "g", category: null, revokedAt: "2026-03-10T09:00:00.000Z" }] };
    expect(grantStatus(grant, history.revocations, new Date("2026-03-10T09:00:00Z"))).toBe("revoked");
    expect(mayInvolve(history, person, "contact", new Date("2026-03-12T00:00:00Z"))).toBe(false);
  });
});

describe("a grant ended by its event", () => {
  it("is 'ended' from the recorded moment on and covers nothing after it, whatever its dates", () => {
    fc.assert(
      fc.property(historyArb, personArb, category, instant, (history, person, cat, ms) => {
        const at = new Date(BASE + ms);
        for (const grant of history.grants) {
          if (grant.endedAt != null && Date.parse(grant.endedAt) <= at.getTime()) {
            expect(["ended", "expired", "revoked", "not_started"]).toContain(grantStatus(grant, history.revocations, at));
          }
        }
        const onlyUnended = { ...history, grants: history.grants.filter((g) => g.endedAt == null || at.getTime() < Date.parse(g.endedAt)) };
        expect(mayShare(history, person, cat, at)).toBe(mayShare(onlyUnended, person, cat, at));
      }),
      { numRuns: 1000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitShareChoices, SHARE_PIECE } from "../benefits/share-consent.ts";
import type { ConsentHistory, GrantFacts, RevocationFacts } from "../consent/check.ts";
import { mayDisclose, needsRedisclosureNotice, type Reader } from "../consent/disclosure.ts";
import { CONSENT_CATEGORIES } from "../consent/model.ts";
import { RELATIONSHIP_STATUSES } from "../network/vocabulary.ts";
import { translator } from "../../i18n/index.ts";
import { PLAN_STATUSES, PROVIDERS, type PlanItem } from "./model.ts";
import { buildTakeHomePlan, type TakeHomeInput, type TakeHomePerson } from "./take-home.ts";
import { buildTakeHomeDocument, renderTakeHomePdf } from "./take-home-pdf.server.ts";
import { pdfText } from "../../../tests/support/pdf-text.ts";

// Consent by content, as a property (issue 9): for any network, any grants and
// revocations, and any plan, every piece's text carries a marker of its own; no
// output meant for a support person ever carries the marker of a piece that reader
// may not see (mayDisclose decides), nor the name of another support person.

const at = new Date("2026-06-15T12:00:00.000Z");
const day = fc.integer({ min: -60, max: 60 }).map((offset) => new Date(at.getTime() + offset * 86_400_000).toISOString().slice(0, 10));
const moment = fc.integer({ min: -60, max: 60 }).map((offset) => new Date(at.getTime() + offset * 86_400_000).toISOString());
const category = fc.constantFrom(...CONSENT_CATEGORIES);

/** Markers no other text contains: letters the catalog never puts together. */
const personName = (i: number) => `Qxname${i}q`;
const itemMarker = (i: number) => `Qxitem${i}q`;
const GOAL = "Qxgoalq";
const SCHOOL_GOAL = "Qxschoolq";

const world = fc.integer({ min: 1, max: 4 }).chain((peopleCount) => {
  const personIndex = fc.integer({ min: 0, max: peopleCount - 1 });
  const person = fc.record({ status: fc.constantFrom(...RELATIONSHIP_STATUSES), endedAt: fc.option(moment, { freq: 4 }) });
  const grant = fc.record({
    person: personIndex, categories: fc.uniqueArray(category, { minLength: 1 }), mayAttendMeetings: fc.boolean(), mayReceivePlan: fc.boolean(), mayBeContacted: fc.boolean(),
    startsOn: day, expiresOn: fc.option(day, { freq: 4 }), recordedAt: moment,
  });
  const revocation = fc.record({ grant: fc.nat(), category: fc.option(category), revokedAt: moment });
  const item = fc.record({
    provider: fc.constantFrom(...PROVIDERS), person: personIndex, sharedWithSupports: fc.boolean(),
    discloses: fc.uniqueArray(category, { maxLength: 3 }), status: fc.constantFrom(...PLAN_STATUSES), kind: fc.constantFrom("rides", "after_hard_day", "budgeting"),
  });
  return fc.record({
    people: fc.array(person, { minLength: peopleCount, maxLength: peopleCount }),
    grants: fc.array(grant, { maxLength: 6 }),
    revocations: fc.array(revocation, { maxLength: 3 }),
    items: fc.array(item, { maxLength: 8 }),
    hasGoal: fc.boolean(),
    reader: personIndex,
  });
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function inputOf(w: World): TakeHomeInput {
  const people: TakeHomePerson[] = w.people.map((p, i) => ({ id: `p${i}`, name: personName(i), phone: `555-01${i}0`, status: p.status, endedAt: p.endedAt }));
  const grants: GrantFacts[] = w.grants.map((g, i) => ({
    id: `g${i}`, supportPersonId: `p${g.person}`, categories: g.categories, mayAttendMeetings: g.mayAttendMeetings, mayReceivePlan: g.mayReceivePlan,
    mayBeContacted: g.mayBeContacted, startsOn: g.startsOn, expiresOn: g.expiresOn, recordedAt: g.recordedAt,
  }));
  const revocations: RevocationFacts[] = grants.length ? w.revocations.map((r) => ({ grantId: `g${r.grant % grants.length}`, category: r.category, revokedAt: r.revokedAt })) : [];
  const items: PlanItem[] = w.items.map((it, i) => ({
    id: `item${i}`, participantId: "participant", kind: it.kind, description: itemMarker(i), provider: it.provider,
    supportPersonId: it.provider === "support_person" ? `p${it.person}` : null, providerName: it.provider === "support_person" ? personName(it.person) : null,
    frequency: `${itemMarker(i)}when`, startsOn: null, endsOn: null, status: it.status, notes: `${itemMarker(i)}note`,
    sharedWithSupports: it.sharedWithSupports, discloses: it.discloses, sourceEntryId: null, version: 1, createdAt: at.toISOString(), updatedAt: at.toISOString(),
  }));
  return {
    participant: { firstName: "Jordan", preferredName: null, lastName: "Lee", workGoal: w.hasGoal ? GOAL : null, schoolGoal: w.hasGoal ? SCHOOL_GOAL : null },
    specialist: { name: "Sam Patel", email: "sam@example.org" },
    items, people, consent: { grants, revocations }, at,
  };
}

/** What the support person may not see, and whom they may not be told about. */
function forbiddenFor(input: TakeHomeInput, readerId: string): { markers: string[]; part2Included: boolean } {
  const person = input.people.find((p) => p.id === readerId)!;
  const reader: Reader = { kind: "support_person", person };
  const markers: string[] = input.people.filter((p) => p.id !== readerId).map((p) => p.name);
  const included: { categories: readonly (typeof CONSENT_CATEGORIES)[number][] }[] = [];
  input.items.forEach((item, i) => {
    // The participant's own private notes never leave, whoever reads.
    markers.push(`${itemMarker(i)}note`);
    const offered = item.supportPersonId === readerId || item.sharedWithSupports;
    const current = item.status !== "done";
    if (offered && current && mayDisclose(input.consent, reader, { categories: item.discloses }, "receivePlan", at)) included.push({ categories: item.discloses });
    else markers.push(itemMarker(i));
  });
  const goalPiece = { categories: ["employment_goals"] as const };
  if (input.participant.workGoal && mayDisclose(input.consent, reader, goalPiece, "receivePlan", at)) included.push(goalPiece);
  else markers.push(GOAL, SCHOOL_GOAL);
  return { markers, part2Included: needsRedisclosureNotice(included) };
}

const t = translator("en");
const PART2_HEADING = t("consentForm.part2.heading");

describe("support-facing outputs carry only what their reader may see (property)", () => {
  it("the take-home plan and its document lines", () => {
    fc.assert(fc.property(world, (w) => {
      const input = inputOf(w);
      const readerId = `p${w.reader}`;
      const { markers, part2Included } = forbiddenFor(input, readerId);
      const plan = buildTakeHomePlan(input, { kind: "support", supportPersonId: readerId });
      const document = buildTakeHomeDocument(plan, "support", t, "2026-06-15");
      for (const output of [JSON.stringify(plan), JSON.stringify(document)]) {
        for (const marker of markers) expect(output).not.toContain(marker);
      }
      expect(plan.redisclosureNotice).toBe(part2Included);
      expect(document.sections.some((s) => s.id === "part2")).toBe(part2Included);
    }), { numRuns: 400 });
  });

  it("the take-home PDF", async () => {
    await fc.assert(fc.asyncProperty(world, async (w) => {
      const input = inputOf(w);
      const readerId = `p${w.reader}`;
      const { markers, part2Included } = forbiddenFor(input, readerId);
      const plan = buildTakeHomePlan(input, { kind: "support", supportPersonId: readerId });
      const text = await pdfText(await renderTakeHomePdf(buildTakeHomeDocument(plan, "support", t, "2026-06-15")));
      for (const marker of markers) expect(text).not.toContain(marker);
      expect(text.includes(PART2_HEADING)).toBe(part2Included);
    }), { numRuns: 150 });
  });

  it("the participant's own copy shows every current piece and names everyone who helps", () => {
    fc.assert(fc.property(world, (w) => {
      const input = inputOf(w);
      const output = JSON.stringify(buildTakeHomeDocument(buildTakeHomePlan(input, { kind: "participant" }), "participant", t, "2026-06-15"));
      input.items.forEach((item, i) => {
        if (item.status === "done") return;
        expect(output).toContain(itemMarker(i));
        if (item.supportPersonId) expect(output).toContain(personName(Number(item.supportPersonId.slice(1))));
      });
    }), { numRuns: 100 });
  });

  it("an estimate share goes only to people who may see a benefits piece by being contacted", () => {
    fc.assert(fc.property(world, (w) => {
      const input = inputOf(w);
      const choices = splitShareChoices(input.consent, input.people, at);
      for (const offered of choices.offered) {
        const person = input.people.find((p) => p.id === offered.id)!;
        expect(mayDisclose(input.consent, { kind: "support_person", person }, SHARE_PIECE, "contact", at)).toBe(true);
      }
      for (const person of input.people) {
        if (mayDisclose(input.consent, { kind: "support_person", person }, SHARE_PIECE, "contact", at)) expect(choices.offered.map((o) => o.id)).toContain(person.id);
      }
    }), { numRuns: 200 });
  });
});

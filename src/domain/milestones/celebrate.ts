import type { ConsentHistory, PersonFacts } from "../consent/check.ts";
import { mayDisclose, type DisclosurePiece } from "../consent/disclosure.ts";
import { CONSENT_CATEGORIES, type ConsentCategory } from "../consent/model.ts";

/**
 * Who may be told about a win (celebrate with). Telling someone a win reaches them
 * as contact, so a win goes only to people who may be contacted and may be shown
 * every category the win discloses (mayDisclose): a job offer is job details, and a
 * sponsor whose only grant is substance use treatment, or a probation officer
 * without an employment grant, is not offered it. Without a win yet (the form before
 * the kind is chosen): everyone who may be told about something, with what.
 * Pure: milestones.server.ts feeds it.
 */
export function celebrateWithChoices<P extends PersonFacts & { name: string }>(
  people: readonly P[], consent: ConsentHistory, win: DisclosurePiece | null, at: Date,
): { id: string; name: string; categories: ConsentCategory[] }[] {
  return people.flatMap((person) => {
    const reader = { kind: "support_person", person } as const;
    const categories = CONSENT_CATEGORIES.filter((category) => mayDisclose(consent, reader, { categories: [category] }, "contact", at));
    const allowed = win ? mayDisclose(consent, reader, win, "contact", at) : categories.length > 0;
    return allowed ? [{ id: person.id, name: person.name, categories }] : [];
  });
}

import type { ConsentHistory, PersonFacts } from "../consent/check.ts";
import { mayDisclose, type DisclosurePiece } from "../consent/disclosure.ts";

/** A shared estimate is, by what it is, about benefits and income (consent by content). */
export const SHARE_PIECE: DisclosurePiece = { categories: ["benefits_income"] };

/**
 * A share reaches the person outside any meeting and apart from the plan: the
 * specialist hands, posts or (later) sends them the copy. That is contacting them
 * with the participant's information, so the grant must allow contact; a grant
 * that only lets someone receive the plan or attend meetings does not cover it.
 */
const SHARE_INVOLVEMENT = "contact" as const;

export function maySendShare(consent: ConsentHistory, person: PersonFacts, piece: DisclosurePiece, at: Date): boolean {
  return mayDisclose(consent, { kind: "support_person", person }, piece, SHARE_INVOLVEMENT, at);
}

export interface ShareChoices {
  /** Supports whose consent covers benefits and income, and contact, right now. */
  offered: { id: string; name: string }[];
  /** Current supports it may not go to, so the page can say why they are missing. */
  notOffered: { id: string; name: string }[];
}

/** Who an estimate may go to at this moment, and which current supports it may not. Pure. */
export function splitShareChoices(consent: ConsentHistory, people: readonly (PersonFacts & { name: string })[], at: Date): ShareChoices {
  const offered: ShareChoices["offered"] = [];
  const notOffered: ShareChoices["notOffered"] = [];
  for (const person of people) {
    if (person.endedAt !== null && Date.parse(person.endedAt) <= at.getTime()) continue;
    (maySendShare(consent, person, SHARE_PIECE, at) ? offered : notOffered).push({ id: person.id, name: person.name });
  }
  return { offered, notOffered };
}

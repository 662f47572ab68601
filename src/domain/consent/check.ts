import type { RelationshipStatus } from "../network/vocabulary.ts";
import type { ConsentCategory, Involvement } from "./model.ts";

/**
 * The one consent check. Every page, export, message and link that shows
 * anything to a support person asks these functions, at the moment of showing
 * or sending, over the full grant and revocation history. Pure: no clock, no I/O.
 */

export interface GrantFacts {
  id: string;
  supportPersonId: string;
  categories: readonly ConsentCategory[];
  mayAttendMeetings: boolean;
  mayReceivePlan: boolean;
  mayBeContacted: boolean;
  /** First day covered, YYYY-MM-DD (UTC). */
  startsOn: string;
  /** Last day covered, YYYY-MM-DD (UTC), or null when it ends on an event instead. */
  expiresOn: string | null;
  /** When the grant was recorded: it never covers anything before that. */
  recordedAt: string;
  /**
   * When the event the grant ends on was recorded as having happened (the end of
   * that day, or the moment of recording if sooner); absent or null while it has not.
   */
  endedAt?: string | null;
}

export interface RevocationFacts {
  grantId: string;
  /** null revokes the whole grant. */
  category: ConsentCategory | null;
  revokedAt: string;
}

export interface PersonFacts {
  id: string;
  status: RelationshipStatus;
  endedAt: string | null;
}

export interface ConsentHistory {
  grants: readonly GrantFacts[];
  revocations: readonly RevocationFacts[];
}

export type GrantStatus = "active" | "not_started" | "expired" | "ended" | "revoked";

const DAY_MS = 86_400_000;

function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** Where a grant stands at a moment, before looking at single-category revocations. */
export function grantStatus(grant: GrantFacts, revocations: readonly RevocationFacts[], at: Date): GrantStatus {
  const t = at.getTime();
  const wholeRevoked = revocations.some((r) => r.grantId === grant.id && r.category === null && Date.parse(r.revokedAt) <= t);
  if (wholeRevoked) return "revoked";
  if (t < dayStart(grant.startsOn) || t < Date.parse(grant.recordedAt)) return "not_started";
  if (grant.expiresOn !== null && t >= dayStart(grant.expiresOn) + DAY_MS) return "expired";
  if (grant.endedAt != null && t >= Date.parse(grant.endedAt)) return "ended";
  return "active";
}

/** The categories a grant still covers at a moment. */
export function grantCategoriesAt(grant: GrantFacts, revocations: readonly RevocationFacts[], at: Date): ConsentCategory[] {
  if (grantStatus(grant, revocations, at) !== "active") return [];
  const t = at.getTime();
  const withdrawn = new Set(
    revocations.filter((r) => r.grantId === grant.id && r.category !== null && Date.parse(r.revokedAt) <= t).map((r) => r.category),
  );
  return grant.categories.filter((c) => !withdrawn.has(c));
}

/** Nobody marked "do not contact", and nobody taken off the network, gets anything. */
export function isReachable(person: PersonFacts, at: Date): boolean {
  if (person.status === "do_not_contact") return false;
  if (person.endedAt !== null && Date.parse(person.endedAt) <= at.getTime()) return false;
  return true;
}

function activeGrantsFor(history: ConsentHistory, person: PersonFacts, at: Date): GrantFacts[] {
  if (!isReachable(person, at)) return [];
  return history.grants.filter((g) => g.supportPersonId === person.id && grantStatus(g, history.revocations, at) === "active");
}

/** May information of this category be shown or sent to this person at this moment? */
export function mayShare(history: ConsentHistory, person: PersonFacts, category: ConsentCategory, at: Date): boolean {
  return activeGrantsFor(history, person, at).some((g) => grantCategoriesAt(g, history.revocations, at).includes(category));
}

/** Every category this person may receive at this moment. */
export function sharedCategories(history: ConsentHistory, person: PersonFacts, at: Date): ConsentCategory[] {
  const categories = new Set<ConsentCategory>();
  for (const grant of activeGrantsFor(history, person, at)) {
    for (const c of grantCategoriesAt(grant, history.revocations, at)) categories.add(c);
  }
  return [...categories];
}

/**
 * May this person attend meetings, receive the plan or be contacted? Only under a
 * grant that is active and still covers at least one category.
 */
export function mayInvolve(history: ConsentHistory, person: PersonFacts, involvement: Involvement, at: Date): boolean {
  return activeGrantsFor(history, person, at).some((g) => {
    if (grantCategoriesAt(g, history.revocations, at).length === 0) return false;
    if (involvement === "attendMeetings") return g.mayAttendMeetings;
    if (involvement === "receivePlan") return g.mayReceivePlan;
    return g.mayBeContacted;
  });
}

/** Holds any active consent at all (the ecomap's consent mark). */
export function holdsConsent(history: ConsentHistory, person: PersonFacts, at: Date): boolean {
  return sharedCategories(history, person, at).length > 0;
}

import { isReachable, grantCategoriesAt, grantStatus, type ConsentHistory, type PersonFacts } from "./check.ts";
import { CONSENT_CATEGORIES, PART2_CATEGORY, type ConsentCategory, type Involvement } from "./model.ts";

/**
 * Consent by content. Whatever can leave the agency (a plan item, a meeting's title,
 * place and agenda, a concern, a win, an encouragement note, a shared estimate, a
 * message) is a piece that carries the consent categories it discloses. A support
 * person sees a piece only when, at that moment, for every one of its categories an
 * active grant of theirs covers that category and allows the way it reaches them
 * (receiving the plan, attending meetings, being contacted). A piece with no
 * category has not been reviewed yet and reaches no support person.
 * Pure: no clock, no I/O. See docs/decisions/0010-consent-by-content.md.
 */
export interface DisclosurePiece {
  readonly categories: readonly ConsentCategory[];
}

/** Who reads an output: the participant, or one support person. */
export type Reader = { kind: "participant" } | { kind: "support_person"; person: PersonFacts };

/** May this reader be shown this piece, reaching them through this involvement, at this moment? */
export function mayDisclose(history: ConsentHistory, reader: Reader, piece: DisclosurePiece, involvement: Involvement, at: Date): boolean {
  if (reader.kind === "participant") return true;
  const person = reader.person;
  if (!isReachable(person, at)) return false;
  if (piece.categories.length === 0) return false;
  const grants = history.grants.filter((g) => g.supportPersonId === person.id && grantStatus(g, history.revocations, at) === "active" && allows(g, involvement));
  return piece.categories.every((category) => grants.some((g) => grantCategoriesAt(g, history.revocations, at).includes(category)));
}

function allows(grant: { mayAttendMeetings: boolean; mayReceivePlan: boolean; mayBeContacted: boolean }, involvement: Involvement): boolean {
  if (involvement === "attendMeetings") return grant.mayAttendMeetings;
  if (involvement === "receivePlan") return grant.mayReceivePlan;
  return grant.mayBeContacted;
}

/** Only the pieces this reader may see: every outward document is assembled from these. */
export function disclosable<P extends DisclosurePiece>(history: ConsentHistory, reader: Reader, pieces: readonly P[], involvement: Involvement, at: Date): P[] {
  return pieces.filter((piece) => mayDisclose(history, reader, piece, involvement, at));
}

/**
 * The participant's written consent to file substance use treatment information in
 * the program's own health record (42 CFR 2.31 names the recipient; the support
 * persons' grants name someone else). Recorded by staff with the export that
 * relies on it (decision 0043).
 */
export interface HealthRecordConsent {
  /** The day the participant signed it, YYYY-MM-DD. */
  signedOn: string;
}

/**
 * May this piece be filed in the program's own health record? Within the program,
 * sharing for treatment and operations needs no consent (HIPAA, 45 CFR 164.506),
 * so every reviewed category may go there except substance use treatment, which
 * needs a consent naming the record, signed by that moment. A piece with no
 * category has not been reviewed and could hold anything: it stays out, as it
 * reaches no support person. Pure.
 */
export function mayFileInHealthRecord(piece: DisclosurePiece, consent: HealthRecordConsent | null, at: Date): boolean {
  if (piece.categories.length === 0) return false;
  if (!piece.categories.includes(PART2_CATEGORY)) return true;
  return consent !== null && consent.signedOn <= at.toISOString().slice(0, 10);
}

/** 42 CFR 2.32: anything disclosed from a substance use treatment record carries the redisclosure notice. */
export function needsRedisclosureNotice(pieces: readonly DisclosurePiece[]): boolean {
  return pieces.some((piece) => piece.categories.includes(PART2_CATEGORY));
}

/** Every category an output discloses, for the audit row of the disclosure. */
export function disclosedCategories(pieces: readonly DisclosurePiece[]): ConsentCategory[] {
  return [...new Set(pieces.flatMap((piece) => piece.categories))].sort();
}

/**
 * The categories stored with a piece (a JSON list in its `discloses` column). Anything
 * unreadable counts as "not reviewed", so it reaches nobody rather than somebody.
 */
export function disclosesOf(stored: string | null | undefined): ConsentCategory[] {
  try {
    const parsed: unknown = JSON.parse(stored ?? "[]");
    // An unknown category could be one that needs a consent of its own: drop nothing, show nothing.
    if (!Array.isArray(parsed) || !parsed.every((c) => (CONSENT_CATEGORIES as readonly unknown[]).includes(c))) return [];
    return CONSENT_CATEGORIES.filter((c) => parsed.includes(c));
  } catch {
    return [];
  }
}

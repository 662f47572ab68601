import { disclosureSchema, type Disclosure } from "../audit/events.ts";
import type { DisclosureKind } from "./model.ts";

/** The audit actions that can record something reaching a support person or guest. */
export const DISCLOSING_ACTIONS = [
  "plan.read", "meeting.invitation_send", "benefits_estimate.share", "benefits.read", "milestone.create", "milestone.share",
  // The support person's own page (decision 0022): each view names what it showed them.
  "support_page.read",
  // An email or text the outbox sent (decision 0025).
  "message.send",
  // A supporter's name and chosen contact given to another family (decision 0044).
  "family.introduce",
] as const;

export interface DisclosureRow {
  occurredAt: string;
  action: string;
  details: string;
}

/** A disclosure found in one audit row: what kind of thing, to whom, which categories. Names are looked up after. */
export interface FoundDisclosure {
  at: string;
  kind: DisclosureKind;
  disclosure: Disclosure & { readerKind: "support_person" };
}

/** The kind of thing a disclosing row sent, as the participant's list names it. */
function kindOf(action: string, details: Record<string, unknown>): DisclosureKind | null {
  switch (action) {
    // A take-home copy the consent check left empty told its reader nothing.
    case "plan.read": return typeof details.takeHome === "string" && details.takeHome.startsWith("support:") && details.allowed === true ? "take_home" : null;
    case "meeting.invitation_send": return details.channel === "calendar" ? "calendar" : "invitation";
    case "benefits_estimate.share": return "estimate";
    // A shared estimate opened again is shown only while consent still covers it.
    case "benefits.read": return details.allowed === true ? "estimate" : null;
    case "milestone.create":
    case "milestone.share": return "win";
    case "support_page.read": return "partner_page";
    case "message.send": return "message";
    case "family.introduce": return "introduction";
    default: return null;
  }
}

/**
 * Reads one audit row as a disclosure to someone outside the agency, or null.
 * The participant's own copies and staff reads are not disclosures to a support
 * person or guest, so they are left out (HIPAA's accounting of disclosures lists
 * what went to others). Pure: the rows come from the audit log.
 */
export function disclosureInRow(row: DisclosureRow): FoundDisclosure | null {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    return null;
  }
  const parsed = disclosureSchema.safeParse(details.disclosure);
  if (!parsed.success || parsed.data.readerKind !== "support_person") return null;
  const kind = kindOf(row.action, details);
  if (!kind) return null;
  // An introduction's reader is on the other family's network: the participant is told
  // which of their own supporters was introduced, never who the other family is.
  if (kind === "introduction") {
    const named = typeof details.supportPersonId === "string" ? details.supportPersonId : null;
    return named ? { at: row.occurredAt, kind, disclosure: { ...parsed.data, readerKind: "support_person", readerId: named } } : null;
  }
  return { at: row.occurredAt, kind, disclosure: { ...parsed.data, readerKind: "support_person" } };
}

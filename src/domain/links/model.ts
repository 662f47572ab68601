import { z } from "zod";
import type { ParticipantActor, SupportPersonActor } from "../auth/actor.ts";

/**
 * Personal links (decision 0022): a random token that opens one subject's own
 * page without a password. The subject is one support person of one participant,
 * or the participant themselves.
 */
export const LINK_SUBJECT_KINDS = ["support_person", "participant"] as const;
export type LinkSubjectKind = (typeof LINK_SUBJECT_KINDS)[number];

export type LinkSubject =
  | { kind: "support_person"; participantId: string; supportPersonId: string }
  | { kind: "participant"; participantId: string };

/** Whoever a partner session acts for. */
export type PartnerActor = SupportPersonActor | ParticipantActor;

/** How long a link lasts and whether using it moves the end on. */
export interface LinkTerms {
  /** Days from issue (and, when it renews, from each use) until the link stops working. */
  validDays: number;
  /** Each use starts the `validDays` over again. */
  renewOnUse: boolean;
}

/**
 * A support person's link lasts 60 days from its last use: a family member who
 * opens it now and then keeps it working; one left in a drawer for two months
 * stops. The participant's own link is short and never renews, because their
 * page shows the whole record, substance use included.
 */
export const SUPPORT_PERSON_LINK_TERMS: LinkTerms = { validDays: 60, renewOnUse: true };
export const PARTICIPANT_LINK_TERMS: LinkTerms = { validDays: 7, renewOnUse: false };

/** Where opening a link leads: the subject's own page. The token is never part of it. */
export const PARTNER_HOME: Record<LinkSubjectKind, string> = {
  support_person: "/support",
  participant: "/me",
};

/** Why a link does not (or no longer) open its page. */
export const LINK_REFUSALS = ["expired", "revoked", "no_consent", "do_not_contact", "off_network", "archived"] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];

/** A link as the staff pages show it: never the token, which exists only once, at issue. */
export interface PersonalLinkSummary {
  id: string;
  issuedAt: string;
  issuedBy: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** "valid", or why it no longer opens the page. */
  state: "valid" | LinkRefusal;
}

/** A link just issued: the only moment the token is known. */
export interface IssuedLink {
  linkId: string;
  token: string;
  /** The path that opens the page; the caller puts the site's origin in front. */
  path: string;
  expiresAt: string;
}

/** How a new link reaches its holder (decision 0032): printed or read out, or sent by the channel they chose. */
export const LINK_DELIVERIES = ["print", "message"] as const;
export const issueLinkSchema = z.object({ delivery: z.enum(LINK_DELIVERIES, { error: "links.send.invalid" }).default("print") });

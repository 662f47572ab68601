import type { Locale } from "../../i18n/index.ts";
import type { Role } from "./permissions.ts";

/** A signed-in staff member: what every request acts for today. */
export interface StaffActor {
  kind: "staff";
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  permissions: readonly string[];
  /** The language of the pages and messages this person reads, from their profile. */
  locale: Locale;
}

/**
 * A participant's support person, acting through a link or an account of their
 * own. No page signs one in yet; the type exists so every policy already has to
 * say what such a person may do (today: nothing, unless a policy says otherwise).
 */
export interface SupportPersonActor {
  kind: "support_person";
  supportPersonId: string;
  participantId: string;
  name: string;
  /** The language this person reads. */
  locale: Locale;
}

/** The participant themselves, reading their own record. Refused everywhere for now, like a support person. */
export interface ParticipantActor {
  kind: "participant";
  participantId: string;
  name: string;
  /** The language this person reads. */
  locale: Locale;
}

/** Whoever a request acts for. Policies decide per kind; only staff reach staff pages. */
export type Actor = StaffActor | SupportPersonActor | ParticipantActor;

export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind === "staff";
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export const systemMeta: RequestMeta = { ip: null, requestId: null };

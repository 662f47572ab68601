import type { Locale } from "../../i18n/index.ts";
import type { Role } from "./permissions.ts";

/** The signed-in staff member a request acts for. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  permissions: readonly string[];
  /** The language of the pages and messages this person reads, from their profile. */
  locale: Locale;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export const systemMeta: RequestMeta = { ip: null, requestId: null };

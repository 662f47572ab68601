import type { PasswordFacts, PasswordRefusal } from "./model.ts";

/**
 * Whether a participant's password may be set and used now (decision 0031): only
 * while the program has the option on, for a participant who is not archived and
 * has an email on record (the email is how they say who they are). The first
 * reason that applies is given, so the page can say what to do.
 */
export function passwordRefusal(facts: PasswordFacts): PasswordRefusal | null {
  if (!facts.optionOn) return "option_off";
  if (facts.archived) return "archived";
  if (!facts.email?.trim()) return "no_email";
  return null;
}

/** A stored password signs in only while nothing refuses it; a refused one is kept, unused, until staff remove it. */
export function passwordWorks(facts: PasswordFacts, hasPassword: boolean): boolean {
  return hasPassword && passwordRefusal(facts) === null;
}

/** The participant's email as the sign-in form compares it. */
export function signInEmail(email: string | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

import { z } from "zod";
import { newPasswordSchema, samePassword } from "../auth/model.ts";

/**
 * A participant's own password (decision 0031): a second door to their pages, next
 * to the personal link, that the program may open. The email is the one on their
 * record; the password rules are the staff ones.
 */

/** The participant sign-in form. */
export const participantSignInSchema = z.object({
  email: z.string().trim().toLowerCase().email({ error: "participantSignIn.email.invalid" }).max(254, { error: "common.tooLong" }),
  password: z.string().min(1, { error: "participantSignIn.password.required" }).max(1000, { error: "common.tooLong" }),
});
export type ParticipantSignInInput = z.infer<typeof participantSignInSchema>;

/** Setting or changing the password, from the participant's own pages. */
export const participantPasswordSchema = z.object({ password: newPasswordSchema, confirm: z.string().max(1000) }).superRefine(samePassword);
export type ParticipantPasswordInput = z.infer<typeof participantPasswordSchema>;

/** Why a participant may not set or use a password now. */
export const PASSWORD_REFUSALS = ["option_off", "archived", "no_email"] as const;
export type PasswordRefusal = (typeof PASSWORD_REFUSALS)[number];

/** Everything that decides whether a participant's password works. */
export interface PasswordFacts {
  /** The program setting "participants may also sign in with an email and a password". */
  optionOn: boolean;
  archived: boolean;
  email: string | null;
}

/**
 * The login_attempts key of a participant's email: their failures count apart from
 * a staff account that happens to share the address, while failures from one
 * network address count across both doors.
 */
export function attemptKey(email: string): string {
  return `participant:${email}`;
}

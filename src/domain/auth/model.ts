import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email({ error: "auth.email.invalid" }).max(254),
  password: z.string().min(1, { error: "auth.password.required" }).max(1000),
  /** The authenticator app's code or a recovery code; empty for accounts without two-factor. */
  code: z.string().trim().max(40, { error: "common.tooLong" }).optional().transform((v) => (v ? v : null)),
});
/** What sign-in checks; the code may be left out for accounts without two-factor. */
export type SignInInput = Omit<z.infer<typeof signInSchema>, "code"> & { code?: string | null };

export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1, { error: "tokens.name.required" }).max(100, { error: "tokens.name.tooLong" }),
});

/** Failed sign-ins since the previous one, shown once to the person when they next sign in. */
export interface SignInNotice {
  failedAttempts: number;
  lastFailedAt: string;
}
/**
 * How long a staff session lasts (HIPAA 164.312(a)(2)(iii), automatic logoff): it
 * ends after `idleMinutes` without a request and, however busy, `maxHours` after
 * sign-in. The cookie itself is a session cookie, gone when the browser closes.
 */
export interface SessionLimits { idleMinutes: number; maxHours: number }
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_SECONDS = 60;

/** NIST SP 800-63B: length matters more than composition rules (the same rule as a new account's). */
export const newPasswordSchema = z.string().min(12, { error: "admin.password.tooShort" }).max(1000, { error: "common.tooLong" });
const confirmation = z.string().max(1000);
export function samePassword(value: { password: string; confirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "admin.password.mismatch" });
}

export const changePasswordSchema = z.object({
  current: z.string().min(1, { error: "auth.password.current" }).max(1000),
  password: newPasswordSchema,
  confirm: confirmation,
}).superRefine(samePassword);
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** A reset link's page, and `allies user password` (which reads the password from standard input). */
export const resetPasswordSchema = z.object({ password: newPasswordSchema, confirm: confirmation }).superRefine(samePassword);
export const commandPasswordSchema = z.object({ password: newPasswordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** How long an administrator's reset link works. */
export const PASSWORD_RESET_HOURS = 24;

const code = z.string().trim().min(1, { error: "auth.twoFactor.code.required" }).max(40, { error: "common.tooLong" });

/** Turning two-factor on: the secret shown (carried back by the form), the password that seals it, a code proving the app has it. */
export const enableTwoFactorSchema = z.object({
  secret: z.string().trim().regex(/^[A-Z2-7]{32}$/, { error: "auth.twoFactor.secret.invalid" }),
  password: z.string().min(1, { error: "auth.password.current" }).max(1000),
  code,
});
export type EnableTwoFactorInput = z.infer<typeof enableTwoFactorSchema>;

export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, { error: "auth.password.current" }).max(1000),
  code,
});
export type DisableTwoFactorInput = z.infer<typeof disableTwoFactorSchema>;

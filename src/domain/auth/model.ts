import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email({ error: "auth.email.invalid" }).max(254),
  password: z.string().min(1, { error: "auth.password.required" }).max(1000),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1, { error: "tokens.name.required" }).max(100, { error: "tokens.name.tooLong" }),
});

/** Sign-in limits: per address, and per network origin, over a sliding window. */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perEmail: 5, perIp: 30 };
/**
 * How long a staff session lasts (HIPAA 164.312(a)(2)(iii), automatic logoff): it
 * ends after `idleMinutes` without a request and, however busy, `maxHours` after
 * sign-in. The cookie itself is a session cookie, gone when the browser closes.
 */
export interface SessionLimits { idleMinutes: number; maxHours: number }
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_SECONDS = 60;

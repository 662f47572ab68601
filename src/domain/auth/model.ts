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
export const SESSION_DAYS = 14;

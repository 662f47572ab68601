import { mayManageUsers } from "../users/policy.ts";
import type { Actor } from "./actor.ts";
import type { Role } from "./permissions.ts";

/**
 * Administrators reach every participant and every account, so their sign-in
 * needs a second factor (HIPAA 164.312(d), person or entity authentication);
 * for everyone else it is their choice.
 */
export function twoFactorRequired(role: Role): boolean {
  return role === "admin";
}

/** A signed-in person who must turn two-factor on before any other page (decision 0019). */
export function mustEnrolTwoFactor(account: { role: Role; twoFactorEnabled: boolean }): boolean {
  return twoFactorRequired(account.role) && !account.twoFactorEnabled;
}

/** Turning two-factor off is refused to those who must keep it. */
export function mayDisableTwoFactor(role: Role): boolean {
  return !twoFactorRequired(role);
}

/**
 * An administrator may make a password reset link for another active account; their
 * own password they change on their profile, where the current one is asked.
 */
export function mayIssuePasswordReset(actor: Actor, target: { id: string; active: boolean }): boolean {
  return mayManageUsers(actor) && target.active && !(actor.kind === "staff" && actor.userId === target.id);
}

import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { AuditActor } from "../audit/events.ts";
import { systemMeta, type RequestMeta, type StaffActor } from "./actor.ts";
import {
  PASSWORD_RESET_HOURS, commandPasswordSchema,
  type ChangePasswordInput, type DisableTwoFactorInput, type EnableTwoFactorInput, type ResetPasswordInput,
} from "./model.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { isRole } from "./permissions.ts";
import { mayDisableTwoFactor, mayIssuePasswordReset, twoFactorRequired } from "./policy.ts";
import { hashSecret, newSecret } from "./tokens.ts";
import { hashRecoveryCode, matchRecoveryCode, matchTotp, newRecoveryCodes, totpStep } from "./two-factor.ts";
import { openTotpSecret, sealTotpSecret } from "./two-factor-seal.ts";

/* Passwords, reset links and two-factor of staff accounts (decision 0019). */

async function passwordMatches(db: Db | Trx, userId: string, password: string): Promise<boolean> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return !!user?.password_hash && (await verifyPassword(password, user.password_hash));
}

/** Turns two-factor off inside a change that cannot carry the sealed secret over; true when it was on. */
async function clearTwoFactor(trx: Trx, userId: string): Promise<boolean> {
  const before = await trx.selectFrom("users").select("totp_secret_sealed").where("id", "=", userId).executeTakeFirstOrThrow();
  await trx.updateTable("users").set({ totp_secret_sealed: null, totp_enabled_at: null, totp_last_step: null }).where("id", "=", userId).execute();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  return before.totp_secret_sealed !== null;
}

export type ChangePasswordResult = { ok: true; sessionsEnded: number } | { ok: false; reason: "wrong_password" };

/**
 * The signed-in person changes their own password, giving the current one. Their
 * other sessions end (someone who learnt the old password is signed out); this one
 * goes on. The two-factor secret is resealed with the new password.
 */
export async function changePassword(db: Db, actor: StaffActor, currentSessionId: string, input: ChangePasswordInput, meta: RequestMeta): Promise<ChangePasswordResult> {
  if (!(await passwordMatches(db, actor.userId, input.current))) return { ok: false, reason: "wrong_password" };
  const user = await db.selectFrom("users").select("totp_secret_sealed").where("id", "=", actor.userId).executeTakeFirstOrThrow();
  const secret = user.totp_secret_sealed ? await openTotpSecret(user.totp_secret_sealed, input.current) : null;
  const resealed = secret ? await sealTotpSecret(secret, input.password) : null;
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date().toISOString() }).where("id", "=", actor.userId).execute();
    const twoFactorOff = user.totp_secret_sealed !== null && !resealed ? await clearTwoFactor(trx, actor.userId) : false;
    if (resealed) await trx.updateTable("users").set({ totp_secret_sealed: resealed }).where("id", "=", actor.userId).execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", actor.userId).where("id", "!=", currentSessionId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, {
      actor, action: "user.change_password", entityType: "user", entityId: actor.userId, reason: "own profile",
      details: { sessionsEnded, twoFactorOff }, meta,
    });
    return { ok: true as const, sessionsEnded };
  });
}

/** Sets a new password on an account, ends all its sessions and turns two-factor off (its secret was sealed with the old password). */
async function replacePassword(trx: Trx, userId: string, passwordHash: string): Promise<{ sessionsEnded: number; twoFactorOff: boolean }> {
  await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date().toISOString() }).where("id", "=", userId).execute();
  const twoFactorOff = await clearTwoFactor(trx, userId);
  const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return { sessionsEnded: Number(ended.numDeletedRows), twoFactorOff };
}

export type CommandPasswordResult =
  | { ok: true; sessionsEnded: number; twoFactorOff: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; problems: string[] };

/**
 * `allies user password EMAIL`: whoever runs commands on the server is trusted to
 * set a password without the old one (a forgotten password, a locked-out admin).
 * Audited under the command's name.
 */
export async function setPasswordByCommand(db: Db, email: string, password: string, meta: RequestMeta = systemMeta): Promise<CommandPasswordResult> {
  const parsed = commandPasswordSchema.safeParse({ password });
  if (!parsed.success) return { ok: false, reason: "invalid", problems: parsed.error.issues.map((i) => i.message) };
  const user = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!user) return { ok: false, reason: "not_found" };
  const passwordHash = await hashPassword(parsed.data.password);
  return db.transaction().execute(async (trx) => {
    const done = await replacePassword(trx, user.id, passwordHash);
    await recordAudit(trx, {
      actor: { userId: null, label: "allies user password" }, action: "user.change_password", entityType: "user", entityId: user.id,
      reason: "server command line", details: done, meta,
    });
    return { ok: true as const, ...done };
  });
}

export type IssueResetResult = { ok: true; path: string; expiresAt: string } | { ok: false; reason: "not_found" };

async function issueReset(db: Db, who: AuditActor, issuedBy: string | null, userId: string, reason: string, meta: RequestMeta, now: Date): Promise<IssueResetResult> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).where("active", "=", 1).executeTakeFirst();
    if (!user) return { ok: false as const, reason: "not_found" as const };
    // A newer link voids the older ones: only the link last handed over works.
    const voided = await trx.updateTable("password_resets").set({ voided_at: now.toISOString() })
      .where("user_id", "=", userId).where("used_at", "is", null).where("voided_at", "is", null).where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    const token = newSecret();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_HOURS * 3_600_000).toISOString();
    await trx.insertInto("password_resets").values({
      id, user_id: userId, token_hash: hashSecret(token), issued_by: issuedBy, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, voided_at: null,
    }).execute();
    await recordAudit(trx, {
      actor: who, action: "user.password_reset_issue", entityType: "user", entityId: userId, reason,
      details: { expiresAt, voided: Number(voided.numUpdatedRows) }, meta,
    });
    return { ok: true as const, path: `/password-reset/${token}`, expiresAt };
  });
}

/**
 * An administrator makes a one-time link for a staff member to set a new password.
 * The link's secret is returned once, to hand over; the database keeps its hash.
 */
export async function issuePasswordReset(db: Db, actor: StaffActor, userId: string, meta: RequestMeta, now = new Date()): Promise<IssueResetResult> {
  const target = await db.selectFrom("users").select(["id", "active"]).where("id", "=", userId).executeTakeFirst();
  if (!target || !mayIssuePasswordReset(actor, { id: target.id, active: Number(target.active) === 1 })) return { ok: false, reason: "not_found" };
  return issueReset(db, actor, actor.userId, userId, "manage:user:any", meta, now);
}

/** `allies user reset-link EMAIL`: the same link, made on the server. */
export async function issuePasswordResetByCommand(db: Db, email: string, meta: RequestMeta = systemMeta, now = new Date()): Promise<IssueResetResult> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!user) return { ok: false, reason: "not_found" };
  return issueReset(db, { userId: null, label: "allies user reset-link" }, null, user.id, "server command line", meta, now);
}

export type PasswordResetState = "open" | "expired" | "used";

/** A reset link works once, only until it expires, and only while it is the newest. */
export function passwordResetState(reset: { expiresAt: string; usedAt: string | null; voidedAt: string | null }, now: Date): PasswordResetState {
  if (reset.usedAt || reset.voidedAt) return "used";
  return reset.expiresAt <= now.toISOString() ? "expired" : "open";
}

function selectReset(db: Db | Trx, token: string) {
  return db.selectFrom("password_resets as r").innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.user_id", "r.expires_at", "r.used_at", "r.voided_at", "u.email", "u.name", "u.role", "u.active"])
    .where("r.token_hash", "=", hashSecret(token));
}

export interface PasswordResetView {
  email: string;
  name: string;
  state: PasswordResetState;
  /** After the reset, an administrator turns two-factor on again at their next sign-in. */
  mustEnrolAfter: boolean;
}

/** What the public reset page shows; null for a link that never existed. */
export async function findPasswordReset(db: Db, token: string, now = new Date()): Promise<PasswordResetView | null> {
  const row = await selectReset(db, token).executeTakeFirst();
  if (!row || Number(row.active) !== 1) return null;
  return {
    email: row.email, name: row.name,
    state: passwordResetState({ expiresAt: row.expires_at, usedAt: row.used_at, voidedAt: row.voided_at }, now),
    mustEnrolAfter: isRole(row.role) && twoFactorRequired(row.role),
  };
}

export type UseResetResult = { ok: true; email: string } | { ok: false; reason: "invalid" };

/**
 * The person sets a new password through the link. Every session of theirs ends
 * and two-factor goes off (it was sealed with the forgotten password); the link is
 * spent, whichever of two racing submissions claims it first.
 */
export async function usePasswordReset(db: Db, token: string, input: ResetPasswordInput, meta: RequestMeta, now = new Date()): Promise<UseResetResult> {
  const view = await findPasswordReset(db, token, now);
  if (!view || view.state !== "open") return { ok: false, reason: "invalid" };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx): Promise<UseResetResult> => {
    const row = await selectReset(trx, token).executeTakeFirst();
    if (!row || passwordResetState({ expiresAt: row.expires_at, usedAt: row.used_at, voidedAt: row.voided_at }, now) !== "open") return { ok: false, reason: "invalid" };
    const claimed = await trx.updateTable("password_resets").set({ used_at: now.toISOString() })
      .where("id", "=", row.id).where("used_at", "is", null).where("voided_at", "is", null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { ok: false, reason: "invalid" };
    const done = await replacePassword(trx, row.user_id, passwordHash);
    await recordAudit(trx, {
      actor: { userId: null, label: row.email }, action: "user.password_reset_use", entityType: "user", entityId: row.user_id,
      reason: "reset link", details: { resetId: row.id, ...done }, meta,
    });
    return { ok: true, email: row.email };
  });
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
  mayDisable: boolean;
}

export async function getTwoFactorStatus(db: Db, actor: StaffActor): Promise<TwoFactorStatus> {
  const user = await db.selectFrom("users").select(["totp_enabled_at"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
  const left = await db.selectFrom("recovery_codes").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", actor.userId).where("used_at", "is", null).executeTakeFirstOrThrow();
  return {
    enabled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at,
    recoveryCodesLeft: Number(left.n),
    required: twoFactorRequired(actor.role),
    mayDisable: mayDisableTwoFactor(actor.role),
  };
}

export type EnableTwoFactorResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: "wrong_password" | "wrong_code" };

/**
 * Turns two-factor on once the person's app shows the right code for the secret
 * they were shown. Returns ten recovery codes, to show this once; only their hashes
 * are kept. Turning it on again replaces the secret and the codes.
 */
export async function enableTwoFactor(db: Db, actor: StaffActor, input: EnableTwoFactorInput, meta: RequestMeta, now = new Date()): Promise<EnableTwoFactorResult> {
  if (!(await passwordMatches(db, actor.userId, input.password))) return { ok: false, reason: "wrong_password" };
  const step = matchTotp(input.secret, input.code, now, null);
  if (step === null) return { ok: false, reason: "wrong_code" };
  const sealed = await sealTotpSecret(input.secret, input.password);
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ totp_secret_sealed: sealed, totp_enabled_at: now.toISOString(), totp_last_step: Math.max(step, totpStep(now)) })
      .where("id", "=", actor.userId).execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", actor.userId).execute();
    await trx.insertInto("recovery_codes").values(recoveryCodes.map((code) => ({
      id: randomUUID(), user_id: actor.userId, code_hash: hashRecoveryCode(code), created_at: now.toISOString(), used_at: null,
    }))).execute();
    await recordAudit(trx, {
      actor, action: "user.two_factor_enable", entityType: "user", entityId: actor.userId, reason: "own profile",
      details: { recoveryCodes: recoveryCodes.length }, meta,
    });
  });
  return { ok: true, recoveryCodes };
}

export type DisableTwoFactorResult = { ok: true } | { ok: false; reason: "not_allowed" | "wrong_password" | "wrong_code" };

/** Turns two-factor off, for those who may go without it, given the password and a current code (or a recovery code). */
export async function disableTwoFactor(db: Db, actor: StaffActor, input: DisableTwoFactorInput, meta: RequestMeta, now = new Date()): Promise<DisableTwoFactorResult> {
  if (!mayDisableTwoFactor(actor.role)) return { ok: false, reason: "not_allowed" };
  if (!(await passwordMatches(db, actor.userId, input.password))) return { ok: false, reason: "wrong_password" };
  const user = await db.selectFrom("users").select(["totp_secret_sealed", "totp_last_step"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
  if (!user.totp_secret_sealed) return { ok: true };
  const secret = await openTotpSecret(user.totp_secret_sealed, input.password);
  const byApp = secret ? matchTotp(secret, input.code, now, user.totp_last_step === null ? null : Number(user.totp_last_step)) : null;
  if (byApp === null) {
    const unused = await db.selectFrom("recovery_codes").select(["id", "code_hash"]).where("user_id", "=", actor.userId).where("used_at", "is", null).execute();
    if (!matchRecoveryCode(input.code, unused.map((c) => ({ id: c.id, codeHash: c.code_hash })))) return { ok: false, reason: "wrong_code" };
  }
  await db.transaction().execute(async (trx) => {
    await clearTwoFactor(trx, actor.userId);
    await recordAudit(trx, { actor, action: "user.two_factor_disable", entityType: "user", entityId: actor.userId, reason: "own profile", meta });
  });
  return { ok: true };
}

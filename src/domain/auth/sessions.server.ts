import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { prepared } from "../../db/prepared.ts";
import { localeFor } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "./actor.ts";
import { DEFAULT_SESSION_LIMITS, SESSION_TOUCH_SECONDS, type SessionLimits, type SignInInput, type SignInNotice } from "./model.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { isRole } from "./permissions.ts";
import { mustEnrolTwoFactor } from "./policy.ts";
import { SIGN_IN_DELAYS, signInWait, type FailureCount, type SignInWait } from "./sign-in-delays.ts";
import { matchRecoveryCode, matchTotp } from "./two-factor.ts";
import { openTotpSecret } from "./two-factor-seal.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export type SignInResult =
  | { ok: true; token: string; actor: StaffActor; notice: SignInNotice | null }
  /** Wrong email or password, or a deactivated account; `retryAt` when the next attempt must wait. */
  | { ok: false; reason: "invalid"; retryAt: string | null }
  /** The password is right and the account has two-factor on: ask for the code. */
  | { ok: false; reason: "code_needed" }
  | { ok: false; reason: "code_invalid"; retryAt: string | null }
  /** A right code that already signed in once: wait for the app's next one. Not counted as a failure. */
  | { ok: false; reason: "code_reused" }
  /** Too soon after failed attempts: tried again at `retryAt`; which part was wrong is not said. */
  | { ok: false; reason: "wait"; retryAt: string };

function minutesAgo(minutes: number, now: Date): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

// Every signed-in request runs these three (decision 0041): built and compiled once.
const activeUser = prepared((db, v: { userId: string }) => db.selectFrom("users")
  .select(["id", "email", "name", "role", "team_id", "locale"]).where("id", "=", v.userId).where("active", "=", 1));
const rolePermissions = prepared((db, v: { role: string }) => db.selectFrom("role_permissions").select("permission").where("role", "=", v.role));
const sessionByToken = prepared((db, v: { tokenHash: string }) => db.selectFrom("sessions as s").innerJoin("users as u", "u.id", "s.user_id")
  .select(["s.id", "s.user_id", "s.created_at", "s.expires_at", "s.last_seen_at", "s.sign_in_notice", "u.totp_enabled_at"])
  .where("s.token_hash", "=", v.tokenHash));

/** Loads a user with the permissions of their role; null when missing or deactivated. */
/**
 * The staff actor an `allies` command acts as (`--as EMAIL`): the same active account,
 * role and permissions a signed-in page gets, found by its email; null for no such
 * active account.
 */
export async function loadActorByEmail(db: Db, email: string): Promise<StaffActor | null> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return user ? loadActor(db, user.id) : null;
}

export async function loadActor(db: Db, userId: string): Promise<StaffActor | null> {
  const user = await activeUser.first(db, { userId });
  if (!user || !isRole(user.role)) return null;
  const permissions = await rolePermissions.all(db, { role: user.role });
  return {
    kind: "staff",
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamId: user.team_id,
    permissions: permissions.map((p) => p.permission),
    locale: localeFor(user.locale),
  };
}

async function failuresSince(db: Db | Trx, where: { email?: string; ip?: string; failure: "password" | "code" | null }, since: string): Promise<FailureCount> {
  let query = db.selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("attempted_at").as("last")])
    .where("succeeded", "=", 0).where("attempted_at", ">", since);
  if (where.email !== undefined) query = query.where("email", "=", where.email);
  if (where.ip !== undefined) query = query.where("ip", "=", where.ip);
  if (where.failure !== null) query = query.where("failure", "=", where.failure);
  const row = await query.executeTakeFirstOrThrow();
  return { failures: Number(row.n), lastAt: row.last ?? null };
}

/** The account's failures count from its latest sign-in, and never from further back than the window. */
async function accountCountsFrom(db: Db | Trx, email: string, now: Date): Promise<{ since: string; lastSignIn: string | null }> {
  const last = await db.selectFrom("login_attempts").select((eb) => eb.fn.max("attempted_at").as("at"))
    .where("email", "=", email).where("succeeded", "=", 1).executeTakeFirstOrThrow();
  const windowStart = minutesAgo(SIGN_IN_DELAYS.windowHours * 60, now);
  const lastSignIn = last.at ?? null;
  return { since: lastSignIn && lastSignIn > windowStart ? lastSignIn : windowStart, lastSignIn };
}

/**
 * How long the next attempt for this email from this address must wait, from the
 * failures stored in the database (so every app server sees the same).
 */
export async function signInWaitFor(db: Db, email: string, ip: string, now = new Date()): Promise<SignInWait> {
  const { since } = await accountCountsFrom(db, email, now);
  const [account, address, accountCodes] = await Promise.all([
    failuresSince(db, { email, failure: "password" }, since),
    failuresSince(db, { ip, failure: "password" }, minutesAgo(SIGN_IN_DELAYS.addressWindowMinutes, now)),
    failuresSince(db, { email, failure: "code" }, since),
  ]);
  return signInWait({ account, address, accountCodes }, now);
}

type SecondFactorUsed = { kind: "totp"; step: number } | { kind: "recovery_code"; recoveryCodeId: string };

/**
 * The TOTP code or recovery code typed, checked against the account; null when
 * neither matches, "reused" for a right code whose time step already signed in.
 */
async function checkSecondFactor(db: Db, user: { id: string; totp_secret_sealed: string | null; totp_last_step: number | null }, password: string, code: string, now: Date): Promise<SecondFactorUsed | "reused" | null> {
  if (!user.totp_secret_sealed) return null;
  const secret = await openTotpSecret(user.totp_secret_sealed, password);
  if (secret) {
    const step = matchTotp(secret, code, now, user.totp_last_step === null ? null : Number(user.totp_last_step));
    if (step !== null) return { kind: "totp", step };
    if (matchTotp(secret, code, now, null) !== null) return "reused";
  }
  const unused = await db.selectFrom("recovery_codes").select(["id", "code_hash"]).where("user_id", "=", user.id).where("used_at", "is", null).execute();
  const recoveryCodeId = matchRecoveryCode(code, unused.map((c) => ({ id: c.id, codeHash: c.code_hash })));
  return recoveryCodeId ? { kind: "recovery_code", recoveryCodeId } : null;
}

/** Marks the second factor used, so the same code cannot sign in twice; false when a parallel sign-in used it first. */
async function spendSecondFactor(trx: Trx, userId: string, used: SecondFactorUsed, now: Date): Promise<boolean> {
  if (used.kind === "totp") {
    const result = await trx.updateTable("users").set({ totp_last_step: used.step }).where("id", "=", userId)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", used.step)])).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  const result = await trx.updateTable("recovery_codes").set({ used_at: now.toISOString() })
    .where("id", "=", used.recoveryCodeId).where("used_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * One sign-in attempt, for the delays to count (sign-in-delays.ts). `account` is the
 * key an account's failures count under: a staff email, or a participant's (decision 0031).
 */
export async function recordSignInAttempt(trx: Trx, account: string, ip: string, outcome: "password" | "code" | "signed_in", now: Date): Promise<void> {
  await trx.insertInto("login_attempts").values({
    id: randomUUID(), email: account, ip, attempted_at: now.toISOString(), succeeded: outcome === "signed_in" ? 1 : 0, failure: outcome === "signed_in" ? null : outcome,
  }).execute();
}

async function recordFailure(db: Db, email: string, ip: string, userId: string | null, failure: "password" | "code", meta: RequestMeta, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordSignInAttempt(trx, email, ip, failure, now);
    await recordAudit(trx, {
      actor: { userId: null, label: email },
      action: "user.sign_in_failed",
      entityType: "user",
      entityId: userId,
      reason: failure === "password" ? "wrong email or password, or account deactivated" : "wrong two-factor code",
      meta,
    });
  });
}

/**
 * Signs a staff member in with their password and, when they have turned it on,
 * the code from their authenticator app (or one of their recovery codes).
 *
 * Failed attempts make the next ones wait (sign-in-delays.ts), per account and per
 * address; the answer says until when, and nothing is held open meanwhile. While a
 * wait caused by wrong passwords runs, an attempt is checked only when it carries
 * a code: the right password with the right code always gets in, so nobody can
 * keep a person out by failing on purpose, and anything else is answered "wait"
 * without saying which part was wrong.
 */
export async function signIn(db: Db, input: SignInInput, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<SignInResult> {
  const ip = meta.ip ?? "unknown";
  const wait = await signInWaitFor(db, input.email, ip, now);
  const user = await db.selectFrom("users").select(["id", "password_hash", "active", "totp_secret_sealed", "totp_last_step"])
    .where("email", "=", input.email).executeTakeFirst();
  const twoFactor = !!user?.totp_secret_sealed;
  const waiting = (retryAt: Date | null): SignInResult | null => (retryAt ? { ok: false, reason: "wait", retryAt: retryAt.toISOString() } : null);
  const afterFailure = async (failure: "password" | "code"): Promise<SignInResult> => {
    await recordFailure(db, input.email, ip, user?.id ?? null, failure, meta, now);
    const next = await signInWaitFor(db, input.email, ip, now);
    // During a wait, a failed attempt is answered like any other in it: which part was wrong is not said.
    const during = wait.passwordFailures ? (next.passwordFailures ?? wait.passwordFailures) : null;
    if (during) return { ok: false, reason: "wait", retryAt: during.toISOString() };
    const retryAt = (failure === "code" ? next.codeFailures : next.passwordFailures)?.toISOString() ?? null;
    return failure === "code" ? { ok: false, reason: "code_invalid", retryAt } : { ok: false, reason: "invalid", retryAt };
  };

  if (wait.passwordFailures && !(twoFactor && input.code)) return waiting(wait.passwordFailures)!;

  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !passwordOk || user.active !== 1) return afterFailure("password");

  let used: SecondFactorUsed | null = null;
  if (twoFactor) {
    if (wait.codeFailures) return waiting(wait.codeFailures)!;
    if (!input.code) return { ok: false, reason: "code_needed" };
    const checked = await checkSecondFactor(db, user, input.password, input.code, now);
    if (checked === "reused") return { ok: false, reason: "code_reused" };
    if (!checked) return afterFailure("code");
    used = checked;
  }
  const actor = await loadActor(db, user.id);
  if (!actor) return afterFailure("password");

  const signedIn = await db.transaction().execute(async (trx) => {
    if (used && !(await spendSecondFactor(trx, user.id, used, now))) return null;
    const { since, lastSignIn } = await accountCountsFrom(trx, input.email, now);
    const failed = await failuresSince(trx, { email: input.email, failure: null }, lastSignIn ?? since);
    const notice: SignInNotice | null = failed.failures > 0 && failed.lastAt ? { failedAttempts: failed.failures, lastFailedAt: failed.lastAt } : null;
    await recordSignInAttempt(trx, input.email, ip, "signed_in", now);
    const token = await createSession(trx, actor.userId, meta, userAgent, limits, notice);
    await recordAudit(trx, {
      actor, action: "user.sign_in", entityType: "user", entityId: actor.userId,
      reason: used ? "password and second factor verified" : "password verified",
      details: { secondFactor: used?.kind ?? "none", failedAttemptsBefore: failed.failures },
      meta,
    });
    return { token, notice };
  });
  if (!signedIn) return { ok: false, reason: "code_reused" };
  return { ok: true, token: signedIn.token, actor, notice: signedIn.notice };
}

/**
 * Starts a session inside the caller's transaction and returns the cookie value;
 * only its hash is stored. The caller records the audit row for why it started.
 */
export async function createSession(trx: Trx, userId: string, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS, notice: SignInNotice | null = null): Promise<string> {
  const token = newSecret();
  const now = new Date();
  await trx.insertInto("sessions").values({
    id: randomUUID(),
    token_hash: hashSecret(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + limits.maxHours * 3_600_000).toISOString(),
    last_seen_at: now.toISOString(),
    ip: meta.ip ?? "unknown",
    user_agent: userAgent?.slice(0, 300) ?? null,
    sign_in_notice: notice ? JSON.stringify(notice) : null,
  }).execute();
  return token;
}

export interface SessionActor {
  actor: StaffActor;
  sessionId: string;
  /** An administrator without two-factor: every page but enrolment sends them to enrol. */
  mustEnrolTwoFactor: boolean;
  /** Failed attempts before this sign-in, until a page has shown it (markSignInNoticeShown). */
  notice: SignInNotice | null;
}

/**
 * The actor behind a session cookie, or null when the session is unknown, past its
 * absolute lifetime, idle too long, or the user deactivated. An ended session is
 * deleted. Being used moves last_seen_at on (at most once a minute), in the
 * database, so every app server sees the same idle time.
 */
export async function actorForSession(db: Db, token: string, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<SessionActor | null> {
  const session = await sessionByToken.first(db, { tokenHash: hashSecret(token) });
  if (!session) return null;
  const t = now.getTime();
  const ended = Date.parse(session.expires_at) <= t
    || Date.parse(session.created_at) + limits.maxHours * 3_600_000 <= t
    || Date.parse(session.last_seen_at) + limits.idleMinutes * 60_000 <= t;
  if (ended) {
    await db.deleteFrom("sessions").where("id", "=", session.id).execute();
    return null;
  }
  const actor = await loadActor(db, session.user_id);
  if (!actor) return null;
  if (Date.parse(session.last_seen_at) + SESSION_TOUCH_SECONDS * 1000 <= t) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", session.id).execute();
  }
  return {
    actor,
    sessionId: session.id,
    mustEnrolTwoFactor: mustEnrolTwoFactor({ role: actor.role, twoFactorEnabled: session.totp_enabled_at !== null }),
    notice: session.sign_in_notice ? (JSON.parse(session.sign_in_notice) as SignInNotice) : null,
  };
}

/** The notice of failed attempts is shown once: the page that shows it marks it so. */
export async function markSignInNoticeShown(db: Db, actor: StaffActor, sessionId: string): Promise<void> {
  await db.updateTable("sessions").set({ sign_in_notice: null }).where("id", "=", sessionId).where("user_id", "=", actor.userId).execute();
}

export async function signOut(db: Db, sessionId: string, actor: StaffActor, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
    await recordAudit(trx, { actor, action: "user.sign_out", entityType: "user", entityId: actor.userId, reason: "own session", meta });
  });
}

export async function signOutEverywhere(db: Db, actor: StaffActor, meta: RequestMeta): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("sessions").where("user_id", "=", actor.userId).executeTakeFirst();
    await recordAudit(trx, { actor, action: "user.sign_out_all", entityType: "user", entityId: actor.userId, reason: "own sessions", meta });
    return Number(result.numDeletedRows);
  });
}

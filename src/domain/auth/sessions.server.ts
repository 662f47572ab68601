import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { localeFor } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "./actor.ts";
import { DEFAULT_SESSION_LIMITS, SESSION_TOUCH_SECONDS, SIGN_IN_LIMITS, type SessionLimits, type SignInInput } from "./model.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { isRole } from "./permissions.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export type SignInResult =
  | { ok: true; token: string; actor: StaffActor }
  | { ok: false; reason: "invalid" | "rate_limited" };

function minutesAgo(minutes: number, now = new Date()): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/** Loads a user with the permissions of their role; null when missing or deactivated. */
export async function loadActor(db: Db, userId: string): Promise<StaffActor | null> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).where("active", "=", 1).executeTakeFirst();
  if (!user || !isRole(user.role)) return null;
  const permissions = await db.selectFrom("role_permissions").select("permission").where("role", "=", user.role).execute();
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

export async function isSignInLimited(db: Db, email: string, ip: string): Promise<boolean> {
  const since = minutesAgo(SIGN_IN_LIMITS.windowMinutes);
  const [byEmail, byIp] = await Promise.all([
    db.selectFrom("login_attempts").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email", "=", email).where("succeeded", "=", 0).where("attempted_at", ">=", since).executeTakeFirstOrThrow(),
    db.selectFrom("login_attempts").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ip", "=", ip).where("succeeded", "=", 0).where("attempted_at", ">=", since).executeTakeFirstOrThrow(),
  ]);
  return Number(byEmail.n) >= SIGN_IN_LIMITS.perEmail || Number(byIp.n) >= SIGN_IN_LIMITS.perIp;
}

export async function signIn(db: Db, input: SignInInput, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS): Promise<SignInResult> {
  const ip = meta.ip ?? "unknown";
  if (await isSignInLimited(db, input.email, ip)) return { ok: false, reason: "rate_limited" };

  const user = await db.selectFrom("users").select(["id", "password_hash", "active"]).where("email", "=", input.email).executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  const actor = user && passwordOk && user.active === 1 ? await loadActor(db, user.id) : null;
  const now = new Date().toISOString();

  if (!actor) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("login_attempts").values({ id: randomUUID(), email: input.email, ip, attempted_at: now, succeeded: 0 }).execute();
      await recordAudit(trx, {
        actor: { userId: null, label: input.email },
        action: "user.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        reason: "wrong email or password, or account deactivated",
        meta,
      });
    });
    return { ok: false, reason: "invalid" };
  }

  const token = await db.transaction().execute(async (trx) => {
    await trx.insertInto("login_attempts").values({ id: randomUUID(), email: input.email, ip, attempted_at: now, succeeded: 1 }).execute();
    const created = await createSession(trx, actor.userId, meta, userAgent, limits);
    await recordAudit(trx, { actor, action: "user.sign_in", entityType: "user", entityId: actor.userId, reason: "password verified", meta });
    return created;
  });
  return { ok: true, token, actor };
}

/**
 * Starts a session inside the caller's transaction and returns the cookie value;
 * only its hash is stored. The caller records the audit row for why it started.
 */
export async function createSession(trx: Trx, userId: string, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS): Promise<string> {
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
  }).execute();
  return token;
}

/**
 * The actor behind a session cookie, or null when the session is unknown, past its
 * absolute lifetime, idle too long, or the user deactivated. An ended session is
 * deleted. Being used moves last_seen_at on (at most once a minute), in the
 * database, so every app server sees the same idle time.
 */
export async function actorForSession(db: Db, token: string, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<{ actor: StaffActor; sessionId: string } | null> {
  const session = await db.selectFrom("sessions").select(["id", "user_id", "created_at", "expires_at", "last_seen_at"])
    .where("token_hash", "=", hashSecret(token)).executeTakeFirst();
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
  return { actor, sessionId: session.id };
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

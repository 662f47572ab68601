import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { localeFor } from "../../i18n/index.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { ParticipantActor, RequestMeta } from "../auth/actor.ts";
import { DEFAULT_SESSION_LIMITS, SESSION_TOUCH_SECONDS, type SessionLimits } from "../auth/model.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/password.ts";
import { recordSignInAttempt, signInWaitFor } from "../auth/sessions.server.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { participantReach } from "../participants/policy.ts";
import type { OwnRecord } from "../portal/model.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { attemptKey, type ParticipantPasswordInput, type ParticipantSignInInput, type PasswordFacts, type PasswordRefusal } from "./model.ts";
import { passwordRefusal, passwordWorks, signInEmail } from "./policy.ts";

/*
 * A participant's own password (decision 0031). Hashing, the password rules and the
 * delays after failed attempts are the staff ones (src/domain/auth); the session is
 * a participant session of its own table, carried by the same partner cookie as a
 * link's, so the participant's pages do not know which door they came in by.
 */

interface ParticipantRow {
  id: string;
  first_name: string;
  preferred_name: string | null;
  preferred_language: string;
  email: string | null;
  archived_at: string | null;
}

function actorOf(row: ParticipantRow): ParticipantActor {
  return { kind: "participant", participantId: row.id, name: row.preferred_name ?? row.first_name, locale: localeFor(row.preferred_language) };
}

function participantQuery(db: Db | Trx) {
  return db.selectFrom("participants").select(["id", "first_name", "preferred_name", "preferred_language", "email", "archived_at"]);
}

async function factsOf(db: Db | Trx, row: Pick<ParticipantRow, "email" | "archived_at">): Promise<PasswordFacts> {
  const settings = await getProgramSettings(db);
  return { optionOn: settings.participantPasswords, archived: row.archived_at !== null, email: signInEmail(row.email) };
}

/** What the participant's password page shows: whether one is set, and why none may be, if so. */
export interface OwnPasswordStatus {
  hasPassword: boolean;
  refusal: PasswordRefusal | null;
  /** The email they sign in with: the one on their record. */
  email: string | null;
}

export async function ownPasswordStatus(db: Db, own: OwnRecord): Promise<OwnPasswordStatus> {
  const row = await participantQuery(db).where("id", "=", own.participant.id).executeTakeFirstOrThrow();
  const stored = await db.selectFrom("participant_passwords").select("participant_id").where("participant_id", "=", own.participant.id).executeTakeFirst();
  const facts = await factsOf(db, row);
  return { hasPassword: !!stored, refusal: passwordRefusal(facts), email: facts.email };
}

export type SetOwnPasswordResult = { ok: true; changed: boolean } | { ok: false; reason: PasswordRefusal };

/**
 * The participant sets or changes their password from their own pages. Being signed
 * in (by their link or their password) is the proof: a participant who forgot their
 * password asks for a new link and sets another. Every other password session of
 * theirs ends, so a lost phone signed in with the old one is signed out.
 */
export async function setOwnPassword(db: Db, own: OwnRecord, currentSessionId: string, input: ParticipantPasswordInput, meta: RequestMeta, now = new Date()): Promise<SetOwnPasswordResult> {
  const row = await participantQuery(db).where("id", "=", own.participant.id).executeTakeFirstOrThrow();
  const refusal = passwordRefusal(await factsOf(db, row));
  if (refusal) return { ok: false, reason: refusal };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("participant_passwords").select("participant_id").where("participant_id", "=", row.id).executeTakeFirst();
    if (before) {
      await trx.updateTable("participant_passwords").set({ password_hash: passwordHash, set_at: now.toISOString() }).where("participant_id", "=", row.id).execute();
    } else {
      await trx.insertInto("participant_passwords").values({ participant_id: row.id, password_hash: passwordHash, set_at: now.toISOString() }).execute();
    }
    const ended = await trx.deleteFrom("participant_sessions").where("participant_id", "=", row.id).where("id", "!=", currentSessionId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, {
      actor: own.actor, action: "participant_password.set", entityType: "participant", entityId: row.id, participantId: row.id,
      reason: "own record", details: { changed: !!before, sessionsEnded }, meta,
    });
    return { ok: true as const, changed: !!before };
  });
}

export type ParticipantSignInResult =
  | { ok: true; sessionToken: string; actor: ParticipantActor }
  /** Wrong email or password (or an archived participant): which is never said. `retryAt` when the next attempt must wait. */
  | { ok: false; reason: "invalid"; retryAt: string | null }
  | { ok: false; reason: "wait"; retryAt: string }
  /** The program does not let participants sign in with a password. */
  | { ok: false; reason: "option_off" };

/**
 * Signs a participant in with the email on their record and their password. The
 * delays after failures are the staff ones, per email and per network address;
 * while one runs, nothing is checked. An archived participant, or one without the
 * option, is answered like a wrong password (and audited with the real reason).
 */
export async function signInParticipant(db: Db, input: ParticipantSignInInput, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<ParticipantSignInResult> {
  const settings = await getProgramSettings(db);
  if (!settings.participantPasswords) return { ok: false, reason: "option_off" };
  const ip = meta.ip ?? "unknown";
  const account = attemptKey(input.email);
  const wait = await signInWaitFor(db, account, ip, now);
  if (wait.passwordFailures) return { ok: false, reason: "wait", retryAt: wait.passwordFailures.toISOString() };

  // Emails are not unique among participants (a family may share one): the password says whose record it is.
  const candidates = await db.selectFrom("participants as p").innerJoin("participant_passwords as w", "w.participant_id", "p.id")
    .select(["p.id", "p.first_name", "p.preferred_name", "p.preferred_language", "p.email", "p.archived_at", "w.password_hash"])
    .where((eb) => eb(eb.fn("lower", [eb.fn("trim", ["p.email"])]), "=", input.email)).execute();
  let match: (typeof candidates)[number] | null = null;
  for (const candidate of candidates) {
    if (await verifyPassword(input.password, candidate.password_hash)) match = candidate;
  }
  if (candidates.length === 0) await verifyPassword(input.password, await dummyPasswordHash());
  const refusal = match ? passwordRefusal(await factsOf(db, match)) : null;

  if (!match || refusal) {
    await db.transaction().execute(async (trx) => {
      await recordSignInAttempt(trx, account, ip, "password", now);
      await recordAudit(trx, {
        actor: match ? actorOf(match) : { userId: null, label: input.email }, action: "participant_password.sign_in_failed",
        entityType: "participant", entityId: match?.id ?? null, participantId: match?.id ?? null,
        reason: "participant sign-in", details: { reason: refusal ?? "wrong_email_or_password" }, meta,
      });
    });
    const next = await signInWaitFor(db, account, ip, now);
    return { ok: false, reason: "invalid", retryAt: next.passwordFailures?.toISOString() ?? null };
  }

  const actor = actorOf(match);
  const sessionToken = newSecret();
  await db.transaction().execute(async (trx) => {
    await recordSignInAttempt(trx, account, ip, "signed_in", now);
    await trx.insertInto("participant_sessions").values({
      id: randomUUID(), token_hash: hashSecret(sessionToken), participant_id: actor.participantId, created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.maxHours * 3_600_000).toISOString(), last_seen_at: now.toISOString(),
      ip: meta.ip ?? null, user_agent: userAgent?.slice(0, 300) ?? null,
    }).execute();
    await recordAudit(trx, {
      actor, action: "participant_password.sign_in", entityType: "participant", entityId: actor.participantId, participantId: actor.participantId,
      reason: "password verified", meta,
    });
  });
  return { ok: true, sessionToken, actor };
}

/**
 * The participant behind a password session's cookie, or null. Like a staff session
 * it ends when idle or old; it also ends the moment the password stops working:
 * the option turned off, the participant archived, their email taken off the record,
 * or the password removed. An ended session is deleted.
 */
export async function participantForPasswordSession(db: Db, sessionToken: string, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<{ actor: ParticipantActor; sessionId: string } | null> {
  const session = await db.selectFrom("participant_sessions").selectAll().where("token_hash", "=", hashSecret(sessionToken)).executeTakeFirst();
  if (!session) return null;
  const t = now.getTime();
  const row = await participantQuery(db).where("id", "=", session.participant_id).executeTakeFirst();
  const stored = await db.selectFrom("participant_passwords").select("participant_id").where("participant_id", "=", session.participant_id).executeTakeFirst();
  const ended = !row
    || Date.parse(session.expires_at) <= t
    || Date.parse(session.created_at) + limits.maxHours * 3_600_000 <= t
    || Date.parse(session.last_seen_at) + limits.idleMinutes * 60_000 <= t
    || !passwordWorks(await factsOf(db, row), !!stored);
  if (ended) {
    await db.deleteFrom("participant_sessions").where("id", "=", session.id).execute();
    return null;
  }
  if (Date.parse(session.last_seen_at) + SESSION_TOUCH_SECONDS * 1000 <= t) {
    await db.updateTable("participant_sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", session.id).execute();
  }
  return { actor: actorOf(row), sessionId: session.id };
}

/** What the specialist's view shows: whether the participant can sign in with a password, never the password. */
export async function participantCanUsePassword(db: Db, access: AuthorizedParticipant): Promise<{ hasPassword: boolean; works: boolean; mayRemove: boolean }> {
  const row = await participantQuery(db).where("id", "=", access.participant.id).executeTakeFirstOrThrow();
  const stored = await db.selectFrom("participant_passwords").select("participant_id").where("participant_id", "=", row.id).executeTakeFirst();
  return { hasPassword: !!stored, works: passwordWorks(await factsOf(db, row), !!stored), mayRemove: !!stored && participantReach(access.actor, access.participant).update };
}

/**
 * Staff turn a participant's password off (a lost phone, a worry): it is deleted and
 * every password session of theirs ends; their link, if any, still works. False
 * when the actor may not change this record. Audited.
 */
export async function removeParticipantPassword(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<boolean> {
  if (!participantReach(access.actor, access.participant).update) return false;
  const participantId = access.participant.id;
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom("participant_passwords").where("participant_id", "=", participantId).executeTakeFirst();
    const ended = await trx.deleteFrom("participant_sessions").where("participant_id", "=", participantId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return;
    await recordAudit(trx, {
      actor: access.actor, action: "participant_password.remove", entityType: "participant", entityId: participantId, participantId,
      reason: access.permissions.update ?? access.reason, details: { sessionsEnded: Number(ended.numDeletedRows) }, meta,
    });
  });
  return true;
}

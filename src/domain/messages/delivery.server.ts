import { randomUUID } from "node:crypto";
import type { Db, DbKind } from "../../db/index.ts";
import { localeFor, supportPersonLocale, type Locale } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { AuditActor } from "../audit/events.ts";
import { systemMeta, type RequestMeta, type StaffActor } from "../auth/actor.ts";
import { consentHistoryForMessages } from "../consent/consent.server.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import type { Involvement } from "../consent/model.ts";
import { getProgramSettings } from "../program/program.server.ts";
import { messageChannelOfParticipant, messageChannelOfSupportPerson, messageContentSchema, type MessageChannel, type MessageKind, type MessageStatus, type QueuedMessage, type QueueView, type ReaderKind, type RenderedMessage } from "./model.ts";
import { addressFor, afterFailure, mayManageMessages, mayReceive, type MessageReader } from "./policy.ts";
import { messageLinkKey } from "./link-key.server.ts";
import { openSealedLinkToken, withoutToken } from "./sealed-link.ts";
import { scrubbedContent } from "./outbox.server.ts";
import { LINK_PATH_PREFIX, linkStillWorks } from "../links/links.server.ts";
import { renderMessage } from "./render.ts";
import { readUnsubscribeToken, unsubscribeToken } from "./unsubscribe.ts";
import { earliestTextTime, quietHoursZone } from "./quiet-hours.ts";
import { textOptOutOf } from "./text-replies.server.ts";

/**
 * Sending what the outbox holds (decision 0025). The worker claims due rows for a
 * lease longer than a sender's timeout, asks consent and the reader's choices again,
 * renders the message in the reader's language, hands it to a sender and records the
 * attempt. A worker that dies mid-send leaves its rows claimed until the lease ends;
 * then another sends them again with the same Message-ID.
 */

/** The worker, in the audit log: it acts for the program, not for a person. */
const WORKER: AuditActor = { userId: null, label: "message worker" };

export interface ClaimedMessage {
  id: string;
  idempotencyKey: string;
  kind: MessageKind;
  participantId: string | null;
  readerKind: ReaderKind;
  readerId: string;
  channel: MessageChannel;
  discloses: ReturnType<typeof disclosesOf>;
  purpose: Involvement;
  content: Record<string, string | number>;
  attempts: number;
  /** The lease this claim holds: recording the outcome checks it is still ours. */
  leaseUntil: string;
}

/**
 * Claims up to `limit` due messages: queued ones whose time has come, and ones whose
 * sender's lease ran out (a worker that died). PostgreSQL: rows locked by another
 * worker's claim are skipped (FOR UPDATE SKIP LOCKED), so several app servers share
 * the queue and none takes a row another holds. SQLite: one writer at a time anyway.
 */
export async function claimDueMessages(db: Db, kind: DbKind, options: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedMessage[]> {
  const now = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom("outbox_messages").selectAll()
      .where((eb) => eb.or([
        eb.and([eb("status", "=", "queued"), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "sending"), eb("lease_until", "<=", now)]),
      ]))
      .orderBy("next_attempt_at").limit(options.limit)
      .$if(kind === "postgres", (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    await trx.updateTable("outbox_messages").set((eb) => ({ status: "sending", lease_until: leaseUntil, attempts: eb("attempts", "+", 1) }))
      .where("id", "in", due.map((m) => m.id)).execute();
    return due.map((m) => ({
      id: m.id, idempotencyKey: m.idempotency_key, kind: m.kind as MessageKind, participantId: m.participant_id, readerKind: m.reader_kind as ReaderKind,
      readerId: m.reader_id, channel: m.channel as MessageChannel, discloses: disclosesOf(m.discloses), purpose: m.purpose as Involvement,
      content: messageContentSchema.parse(JSON.parse(m.content)), attempts: Number(m.attempts) + 1, leaseUntil,
    }));
  });
}

/**
 * Renews this worker's claim on one message just before it is sent. The lease of a
 * batch counts send time only, and a busy database can stretch the rest (the
 * checks before a send, the record after it) past it; another app server then
 * claims the message again (decision 0042). The renewal holds only while the claim
 * is still this one (same lease, same attempt), so a message another worker has
 * taken over is left to it (null) instead of being sent twice.
 */
export async function renewClaim(db: Db, message: ClaimedMessage, options: { now: Date; leaseMs: number }): Promise<ClaimedMessage | null> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const renewed = await db.updateTable("outbox_messages").set({ lease_until: leaseUntil })
    .where("id", "=", message.id).where("status", "=", "sending").where("lease_until", "=", message.leaseUntil).where("attempts", "=", message.attempts)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1 ? { ...message, leaseUntil } : null;
}

interface ReaderRecord {
  name: string;
  email: string | null;
  phone: string | null;
  /** The channel they chose now (staff: email). */
  chosen: MessageChannel | null;
  locale: Locale;
  reader: MessageReader;
  /** A staff account switched off, a participant archived: nothing more goes to them. */
  gone: boolean;
}

async function readerRecord(db: Db, message: ClaimedMessage): Promise<ReaderRecord | null> {
  if (message.readerKind === "support_person") {
    const row = await db.selectFrom("support_persons").select(["id", "name", "email", "phone", "preferred_channel", "preferred_language", "status", "ended_at"]).where("id", "=", message.readerId).executeTakeFirst();
    if (!row) return null;
    return {
      name: row.name, email: row.email, phone: row.phone, chosen: messageChannelOfSupportPerson(row.preferred_channel),
      // Their own language (migration 0017), whatever the specialist's screen is in.
      locale: supportPersonLocale(row.preferred_language), reader: { kind: "support_person", person: { id: row.id, status: row.status as never, endedAt: row.ended_at } }, gone: false,
    };
  }
  if (message.readerKind === "participant") {
    const row = await db.selectFrom("participants").select(["first_name", "preferred_name", "email", "phone", "message_channel", "preferred_language", "archived_at"]).where("id", "=", message.readerId).executeTakeFirst();
    if (!row) return null;
    return {
      name: row.preferred_name ?? row.first_name, email: row.email, phone: row.phone, chosen: messageChannelOfParticipant(row.message_channel),
      locale: localeFor(row.preferred_language), reader: { kind: "participant" }, gone: row.archived_at !== null,
    };
  }
  const row = await db.selectFrom("users").select(["name", "email", "phone", "locale", "active"]).where("id", "=", message.readerId).executeTakeFirst();
  if (!row) return null;
  return { name: row.name, email: row.email, phone: row.phone, chosen: "email", locale: localeFor(row.locale), reader: { kind: "staff" }, gone: Number(row.active) !== 1 };
}

export type Delivery =
  | { action: "withhold"; reason: "no_consent" | "opted_out" }
  | { action: "fail"; reason: string }
  /** A text in the program's quiet hours: back in the queue until morning, not counted as an attempt. */
  | { action: "hold"; until: Date }
  | { action: "send"; rendered: RenderedMessage; replyTo: string | null; unsubscribeUrl: string | null };

/**
 * What to do with a claimed message now: withhold it (consent no longer covers
 * what it says, or the person said stop or chose another way to be reached), fail
 * it (no address any more), or send it, rendered for its reader.
 */
export async function prepareDelivery(db: Db, message: ClaimedMessage, publicUrl: string, now: Date): Promise<Delivery> {
  const reader = await readerRecord(db, message);
  if (!reader || reader.gone) return { action: "withhold", reason: "no_consent" };
  let linkToken: string | null = null;
  if (message.kind === "link_issued") {
    // A link says nothing of the record; what matters is that it still opens the page
    // (consent held, not replaced, not taken back, not expired): otherwise it is not sent.
    if (!(await linkStillWorks(db, String(message.content.linkId), now))) return { action: "withhold", reason: "no_consent" };
    linkToken = typeof message.content.sealedLink === "string" ? openSealedLinkToken(await messageLinkKey(db), message.content.sealedLink) : null;
    if (!linkToken) return { action: "fail", reason: "the link was not kept: issue a new one" };
  } else if (message.participantId) {
    const consent = await consentHistoryForMessages(db, message.participantId);
    if (!mayReceive(consent, reader.reader, message, now)) return { action: "withhold", reason: "no_consent" };
  }
  const optedOut = await db.selectFrom("message_opt_outs").select("channel").where("reader_kind", "=", message.readerKind)
    .where("reader_id", "=", message.readerId).where("channel", "=", message.channel).executeTakeFirst();
  if (optedOut) return { action: "withhold", reason: "opted_out" };
  const reachability = { kind: message.readerKind, email: reader.email, phone: reader.phone, chosen: reader.chosen };
  // Someone who now asks to be reached some other way, or not at all, is not written to on this channel.
  if (reader.chosen !== message.channel) return { action: "withhold", reason: "opted_out" };
  const to = addressFor(reachability, message.channel);
  if (!to) return { action: "fail", reason: "no address" };
  // The number replied STOP (decision 0026): no text goes to it until it says START.
  if (message.channel === "text" && (await textOptOutOf(db, to)) !== null) return { action: "withhold", reason: "opted_out" };

  const program = await getProgramSettings(db);
  if (message.channel === "text") {
    const until = earliestTextTime(now, quietHoursZone(program.timeZone), program.quietHours);
    if (until.getTime() > now.getTime()) return { action: "hold", until };
  }
  const specialist = message.participantId
    ? await db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id").select(["u.name", "u.email"]).where("p.id", "=", message.participantId).executeTakeFirst()
    : undefined;
  const base = publicUrl.replace(/\/+$/, "");
  const pageUrl = linkToken ? `${base}${LINK_PATH_PREFIX}${linkToken}`
    : message.readerKind === "support_person" ? `${base}/support`
    : message.readerKind === "participant" ? `${base}/me`
    : message.participantId ? `${base}/participants/${message.participantId}` : `${base}/`;
  const unsubscribeUrl = message.channel === "email"
    ? `${base}/unsubscribe/${unsubscribeToken(await messageLinkKey(db), { readerKind: message.readerKind, readerId: message.readerId, channel: message.channel })}`
    : null;
  const rendered = renderMessage(message.kind, message.channel, message.content, {
    locale: reader.locale, readerKind: message.readerKind, readerName: reader.name, programName: program.name,
    specialistName: specialist?.name ?? program.name, pageUrl, unsubscribeUrl,
  });
  return {
    action: "send", rendered: { to, ...rendered, language: reader.locale },
    replyTo: message.readerKind === "staff" ? null : specialist?.email ?? null, unsubscribeUrl,
  };
}

export type Outcome =
  | { result: "held"; until: Date }
  | { result: "sent"; provider: string; providerId: string; rendered: RenderedMessage }
  | { result: "withheld"; reason: "no_consent" | "opted_out" }
  | { result: "failed"; permanent: boolean; error: string; rendered?: RenderedMessage };

/**
 * Records one attempt and where the message stands after it, with the audit row of
 * a message sent (a disclosure to its reader) or withheld, in one transaction.
 * A claim whose lease another worker has since taken over records its attempt and
 * leaves the status to the newer claim.
 */
/**
 * A link's message as it is kept after an attempt: the text shows where the link
 * was, not the token, except in the development mailbox, which is the delivery
 * itself (no provider is configured, and the demo needs the link to open).
 */
async function withoutLinkToken<O extends Outcome>(db: Db, message: ClaimedMessage, outcome: O): Promise<O> {
  if (!("rendered" in outcome) || !outcome.rendered || typeof message.content.sealedLink !== "string") return outcome;
  if (outcome.result === "sent" && outcome.provider === DEVELOPMENT_MAILBOX) return outcome;
  const token = openSealedLinkToken(await messageLinkKey(db), message.content.sealedLink);
  if (!token) return outcome;
  const { rendered } = outcome;
  return { ...outcome, rendered: { ...rendered, text: withoutToken(rendered.text, token), html: withoutToken(rendered.html, token) } };
}

export async function recordDelivery(db: Db, message: ClaimedMessage, given: Outcome, now: Date): Promise<void> {
  if (given.result === "held") {
    // Not an attempt: the claim counted one, so it is given back.
    await db.updateTable("outbox_messages").set((eb) => ({ status: "queued", lease_until: null, next_attempt_at: given.until.toISOString(), attempts: eb("attempts", "-", 1) }))
      .where("id", "=", message.id).where("status", "=", "sending").where("lease_until", "=", message.leaseUntil).execute();
    return;
  }
  const outcome = message.kind === "link_issued" ? await withoutLinkToken(db, message, given) : given;
  const settled = outcome.result === "sent" || outcome.result === "withheld" || (outcome.result === "failed" && afterFailure(message.attempts, outcome.permanent, now).status === "failed");
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("outbox_attempts").values({
      id: randomUUID(), message_id: message.id, attempted_at: now.toISOString(), result: outcome.result,
      detail: outcome.result === "sent" ? `${outcome.provider} ${outcome.providerId}` : outcome.result === "withheld" ? outcome.reason : outcome.error.slice(0, 500),
    }).execute();
    const ours = trx.updateTable("outbox_messages").where("id", "=", message.id).where("status", "=", "sending").where("lease_until", "=", message.leaseUntil);
    // A link's message that has gone, or never will, keeps no token (decision 0032).
    if (message.kind === "link_issued" && settled) {
      const row = await trx.selectFrom("outbox_messages").select("content").where("id", "=", message.id).executeTakeFirstOrThrow();
      await trx.updateTable("outbox_messages").set({ content: scrubbedContent(row.content) }).where("id", "=", message.id).where("status", "=", "sending").where("lease_until", "=", message.leaseUntil).execute();
    }
    if (outcome.result === "sent") {
      const saved = await ours.set({
        status: "sent", sent_at: now.toISOString(), lease_until: null, provider: outcome.provider, provider_id: outcome.providerId,
        last_error: null, rendered: JSON.stringify(outcome.rendered),
      }).executeTakeFirst();
      // Sent twice (a lease ran out mid-send): the disclosure was recorded by the first.
      if (Number(saved.numUpdatedRows) === 0) return;
      await recordAudit(trx, {
        actor: WORKER, action: "message.send", entityType: "message", entityId: message.id, participantId: message.participantId,
        reason: "consent checked at sending", meta: systemMeta,
        details: {
          messageId: message.id, kind: message.kind, channel: message.channel, provider: outcome.provider,
          disclosure: { readerKind: message.readerKind, readerId: message.readerId, categories: [...message.discloses] },
        },
      });
      return;
    }
    if (outcome.result === "withheld") {
      const status: MessageStatus = outcome.reason === "no_consent" ? "withheld_no_consent" : "withheld_opted_out";
      const saved = await ours.set({ status, lease_until: null, last_error: null }).executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) return;
      await recordAudit(trx, {
        actor: WORKER, action: "message.withhold", entityType: "message", entityId: message.id, participantId: message.participantId,
        reason: outcome.reason === "no_consent" ? "consent does not cover the message now" : "the reader asked for no messages on this channel", meta: systemMeta,
        details: { messageId: message.id, kind: message.kind, channel: message.channel, reason: outcome.reason },
      });
      return;
    }
    const next = afterFailure(message.attempts, outcome.permanent, now);
    await ours.set({
      status: next.status, lease_until: null, last_error: outcome.error.slice(0, 500),
      ...(next.status === "queued" ? { next_attempt_at: next.nextAttemptAt.toISOString() } : {}),
      ...(outcome.rendered ? { rendered: JSON.stringify(outcome.rendered) } : {}),
    }).executeTakeFirst();
  });
}

function toQueued(row: {
  id: string; kind: string; reader_kind: string; reader_id: string; channel: string; status: string; attempts: number; next_attempt_at: string;
  created_at: string; sent_at: string | null; provider: string | null; last_error: string | null; rendered: string | null;
}, names: Map<string, string>): QueuedMessage {
  return {
    id: row.id, kind: row.kind as MessageKind, readerKind: row.reader_kind as ReaderKind, readerId: row.reader_id,
    readerName: names.get(`${row.reader_kind}:${row.reader_id}`) ?? "", channel: row.channel as MessageChannel | "none", status: row.status as MessageStatus,
    attempts: Number(row.attempts), nextAttemptAt: row.next_attempt_at, createdAt: row.created_at, sentAt: row.sent_at, provider: row.provider,
    lastError: row.last_error, rendered: row.rendered ? (JSON.parse(row.rendered) as RenderedMessage) : null,
  };
}

async function readerNames(db: Db | Trx, rows: readonly { reader_kind: string; reader_id: string }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.reader_kind === kind).map((r) => r.reader_id))];
  const supports = ids("support_person");
  const participants = ids("participant");
  const staff = ids("staff");
  if (supports.length) for (const r of await db.selectFrom("support_persons").select(["id", "name"]).where("id", "in", supports).execute()) names.set(`support_person:${r.id}`, r.name);
  if (participants.length) {
    for (const r of await db.selectFrom("participants").select(["id", "first_name", "last_name"]).where("id", "in", participants).execute()) names.set(`participant:${r.id}`, `${r.first_name} ${r.last_name}`);
  }
  if (staff.length) for (const r of await db.selectFrom("users").select(["id", "name"]).where("id", "in", staff).execute()) names.set(`staff:${r.id}`, r.name);
  return names;
}

const VIEW_STATUSES: Record<QueueView, MessageStatus[]> = {
  queued: ["queued", "sending"],
  failed: ["failed"],
  withheld: ["withheld_no_consent", "withheld_opted_out", "withheld_no_channel", "cancelled"],
  sent: ["sent"],
};

const QUEUE_PAGE = 200;

/** The administrators' queue page: one view of the outbox, newest first. Audited (it names readers). */
export async function listMessageQueue(db: Db, actor: StaffActor, view: QueueView, meta: RequestMeta): Promise<{ messages: QueuedMessage[]; counts: Record<QueueView, number> } | null> {
  if (!mayManageMessages(actor)) return null;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("outbox_messages")
      .select(["id", "kind", "reader_kind", "reader_id", "channel", "status", "attempts", "next_attempt_at", "created_at", "sent_at", "provider", "last_error", "rendered"])
      .where("status", "in", VIEW_STATUSES[view]).orderBy("created_at", "desc").orderBy("id").limit(QUEUE_PAGE).execute();
    const grouped = await trx.selectFrom("outbox_messages").select((eb) => ["status", eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
    const counts = Object.fromEntries(Object.entries(VIEW_STATUSES).map(([name, statuses]) => [
      name, grouped.filter((g) => statuses.includes(g.status as MessageStatus)).reduce((sum, g) => sum + Number(g.n), 0),
    ])) as Record<QueueView, number>;
    await recordAudit(trx, { actor, action: "message.read_queue", entityType: "message", reason: "manage:program:any", details: { view, shown: rows.length }, meta });
    const names = await readerNames(trx, rows);
    return { messages: rows.map((r) => toQueued(r, names)), counts };
  });
}

/** The development mailbox: every message delivered there, as it would have been sent, newest first. Audited. */
export async function listDevelopmentMailbox(db: Db, actor: StaffActor, meta: RequestMeta): Promise<QueuedMessage[] | null> {
  if (!mayManageMessages(actor)) return null;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("outbox_messages")
      .select(["id", "kind", "reader_kind", "reader_id", "channel", "status", "attempts", "next_attempt_at", "created_at", "sent_at", "provider", "last_error", "rendered"])
      .where("status", "=", "sent").where("provider", "=", DEVELOPMENT_MAILBOX).orderBy("sent_at", "desc").orderBy("id").limit(QUEUE_PAGE).execute();
    await recordAudit(trx, { actor, action: "message.read_queue", entityType: "message", reason: "manage:program:any", details: { view: "mailbox", shown: rows.length }, meta });
    const names = await readerNames(trx, rows);
    return rows.map((r) => toQueued(r, names));
  });
}

/** The provider name of messages delivered to the development mailbox (no sender configured for their channel). */
export const DEVELOPMENT_MAILBOX = "development mailbox";

/**
 * An administrator's "try again now": a failed or withheld message goes back to the
 * queue, due now, with a fresh count of attempts. Consent is asked again at sending,
 * so a retry never sends what consent does not allow.
 */
export async function retryMessage(db: Db, actor: StaffActor, messageId: string, meta: RequestMeta, now = new Date()): Promise<boolean> {
  if (!mayManageMessages(actor)) return false;
  return db.transaction().execute(async (trx) => {
    const saved = await trx.updateTable("outbox_messages").set({ status: "queued", attempts: 0, next_attempt_at: now.toISOString(), lease_until: null })
      .where("id", "=", messageId).where("status", "in", ["failed", "withheld_no_consent", "withheld_opted_out", "queued"]).executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actor, action: "message.retry", entityType: "message", entityId: messageId, reason: "manage:program:any", details: { messageId }, meta });
    return true;
  });
}

/** The program's name for the unsubscribe page, and whether its token is one of ours. */
export async function findUnsubscribe(db: Db, token: string): Promise<{ valid: boolean; programName: string }> {
  const program = await getProgramSettings(db);
  return { valid: readUnsubscribeToken(await messageLinkKey(db), token) !== null, programName: program.name };
}

/**
 * The unsubscribe link, confirmed: records the person's choice (once; again is a
 * no-op) and the worker withholds what is still queued for them on that channel.
 * The signed token is the permission; no sign-in.
 */
export async function unsubscribeByToken(db: Db, token: string, meta: RequestMeta, now = new Date()): Promise<boolean> {
  const subject = readUnsubscribeToken(await messageLinkKey(db), token);
  if (!subject) return false;
  await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto("message_opt_outs").values({ reader_kind: subject.readerKind, reader_id: subject.readerId, channel: subject.channel, opted_out_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["reader_kind", "reader_id", "channel"]).doNothing()).returning("reader_id").executeTakeFirst();
    if (!inserted) return;
    const participantId = subject.readerKind === "support_person"
      ? (await trx.selectFrom("support_persons").select("participant_id").where("id", "=", subject.readerId).executeTakeFirst())?.participant_id ?? null
      : subject.readerKind === "participant" ? subject.readerId : null;
    await recordAudit(trx, {
      actor: { userId: null, label: "unsubscribe link" }, action: "message.opt_out", entityType: subject.readerKind, entityId: subject.readerId, participantId,
      reason: "signed unsubscribe link", details: { readerKind: subject.readerKind, channel: subject.channel }, meta,
    });
  });
  return true;
}

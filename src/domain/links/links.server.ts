import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import { prepared } from "../../db/prepared.ts";
import type { PersonalLinkTable } from "../../db/schema.ts";
import { localeFor } from "../../i18n/index.ts";
import { supportPersonLocaleOf } from "../network/language.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { ParticipantActor, RequestMeta, StaffActor } from "../auth/actor.ts";
import { DEFAULT_SESSION_LIMITS, SESSION_TOUCH_SECONDS, type SessionLimits } from "../auth/model.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { holdsConsent, type ConsentHistory, type RevocationFacts } from "../consent/check.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { participantReach } from "../participants/policy.ts";
import {
  PARTNER_HOME, SUPPORT_PERSON_LINK_TERMS, type LINK_DELIVERIES,
  type IssuedLink, type LinkRefusal, type LinkSubject, type LinkTerms, type PartnerActor, type PersonalLinkSummary,
} from "./model.ts";
import { linkState, supportLinkActions, type LinkFacts } from "./policy.ts";
import type { MessageChannel } from "../messages/model.ts";
import { cancelLinkMessages, linkChannel, queueLinkMessage, type LinkReader } from "../messages/outbox.server.ts";

type LinkRow = Selectable<PersonalLinkTable>;
const DAY_MS = 86_400_000;

/** The path that opens a link. Only the person holding the link ever sees it. */
export const LINK_PATH_PREFIX = "/l/";

async function supportPersonConsent(db: Db | Trx, participantId: string, supportPersonId: string): Promise<ConsentHistory> {
  const grants = await db.selectFrom("consent_grants").selectAll()
    .where("participant_id", "=", participantId).where("support_person_id", "=", supportPersonId).execute();
  const revocations = grants.length === 0 ? [] : await db.selectFrom("consent_revocations").select(["grant_id", "category", "revoked_at"])
    .where("grant_id", "in", grants.map((g) => g.id)).execute();
  return {
    grants: grants.map((g) => ({
      id: g.id, supportPersonId: g.support_person_id, categories: JSON.parse(g.categories) as ConsentCategory[],
      mayAttendMeetings: g.may_attend_meetings === 1, mayReceivePlan: g.may_receive_plan === 1, mayBeContacted: g.may_be_contacted === 1,
      startsOn: g.starts_on, expiresOn: g.expires_on, recordedAt: g.recorded_at, endedAt: g.ended_at,
    })),
    revocations: revocations.map((r): RevocationFacts => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at })),
  };
}

interface SubjectRecord {
  facts: LinkFacts;
  actor: PartnerActor;
}

/** The subject of a link as it stands now: who they are and everything that decides whether the link works. */
// Every request of a support person's or participant's page runs these (the session
// cookie's owner): compiled once, not on each request (decision 0041).
const partnerSessionByToken = prepared((db, v: { tokenHash: string }) => db.selectFrom("partner_sessions").selectAll().where("token_hash", "=", v.tokenHash));
const linkById = prepared((db, v: { id: string }) => db.selectFrom("personal_links").selectAll().where("id", "=", v.id));
const subjectParticipant = prepared((db, v: { id: string }) => db.selectFrom("participants")
  .select(["id", "first_name", "preferred_name", "preferred_language", "archived_at"]).where("id", "=", v.id));
const subjectSupportPerson = prepared((db, v: { id: string; participantId: string }) => db.selectFrom("support_persons").selectAll()
  .where("id", "=", v.id).where("participant_id", "=", v.participantId));

async function subjectOf(db: Db | Trx, link: Pick<LinkRow, "participant_id" | "subject_kind" | "support_person_id" | "expires_at" | "revoked_at">, at: Date): Promise<SubjectRecord | null> {
  const participant = await subjectParticipant.first(db, { id: link.participant_id });
  if (!participant) return null;
  const base = { expiresAt: link.expires_at, revokedAt: link.revoked_at, participantArchivedAt: participant.archived_at };
  if (link.subject_kind === "participant") {
    return {
      facts: base,
      actor: { kind: "participant", participantId: participant.id, name: participant.preferred_name ?? participant.first_name, locale: localeFor(participant.preferred_language) },
    };
  }
  if (link.subject_kind !== "support_person" || !link.support_person_id) return null;
  const person = await subjectSupportPerson.first(db, { id: link.support_person_id, participantId: participant.id });
  if (!person) return null;
  const personFacts = { id: person.id, status: person.status as RelationshipStatus, endedAt: person.ended_at };
  const history = await supportPersonConsent(db, participant.id, person.id);
  return {
    facts: { ...base, supportPerson: { status: personFacts.status, endedAt: person.ended_at, holdsConsent: holdsConsent(history, personFacts, at) } },
    actor: { kind: "support_person", supportPersonId: person.id, participantId: participant.id, name: person.name, locale: supportPersonLocaleOf(person) },
  };
}

function subjectColumns(subject: LinkSubject) {
  return { participant_id: subject.participantId, subject_kind: subject.kind, support_person_id: subject.kind === "support_person" ? subject.supportPersonId : null };
}

/** Ends every live link of a subject, and the sessions they opened, inside the caller's transaction. */
async function voidLinks(trx: Trx, subject: LinkSubject, by: string, reason: string, now: string): Promise<number> {
  let query = trx.selectFrom("personal_links").select("id")
    .where("participant_id", "=", subject.participantId).where("subject_kind", "=", subject.kind).where("revoked_at", "is", null);
  query = subject.kind === "support_person" ? query.where("support_person_id", "=", subject.supportPersonId) : query;
  const live = (await query.execute()).map((l) => l.id);
  // A message still waiting with an old link would hand out a link that no longer works.
  await cancelLinkMessages(trx, linkReader(subject));
  if (live.length === 0) return 0;
  await trx.updateTable("personal_links").set({ revoked_at: now, revoked_by: by, revoked_reason: reason }).where("id", "in", live).execute();
  await trx.deleteFrom("partner_sessions").where("link_id", "in", live).execute();
  return live.length;
}

/**
 * Ends every live link of one participant's record (their own and their supports')
 * with the sessions they opened, inside the archiving command's transaction, which
 * authorized and audits it. Restoring the participant later does not bring them back:
 * new links are issued on purpose.
 */
export async function endParticipantLinks(trx: Trx, actor: StaffActor, participantId: string, now: string): Promise<number> {
  const live = (await trx.selectFrom("personal_links").select("id").where("participant_id", "=", participantId).where("revoked_at", "is", null).execute()).map((l) => l.id);
  if (live.length === 0) return 0;
  await trx.updateTable("personal_links").set({ revoked_at: now, revoked_by: actor.userId, revoked_reason: "participant archived" }).where("id", "in", live).execute();
  await trx.deleteFrom("partner_sessions").where("link_id", "in", live).execute();
  return live.length;
}

export type IssueResult = { ok: true; link: IssuedLink; sentBy: MessageChannel | null } | { ok: false; reason: "not_found" | "not_allowed" | "no_channel" };

/** How a new link reaches its holder: on paper or read out by the specialist, or as a message on the channel the holder chose. */
export type LinkDelivery = (typeof LINK_DELIVERIES)[number];

function linkReader(subject: LinkSubject): LinkReader {
  return subject.kind === "support_person" ? { kind: "support_person", supportPersonId: subject.supportPersonId } : { kind: "participant", participantId: subject.participantId };
}

/** The channel a new link for this subject would be sent by, or null (it can only be printed). */
export async function linkMessageChannel(db: Db, access: AuthorizedParticipant, subject: LinkSubject): Promise<MessageChannel | null> {
  if (subject.participantId !== access.participant.id) return null;
  return (await linkChannel(db, subject.participantId, linkReader(subject))).channel;
}

/**
 * Issues a personal link for a support person of this participant, or for the
 * participant themselves, and voids any link the subject held before (a lost
 * link is replaced, never added to). Staff who may change the record issue it;
 * a support person must be reachable and hold consent. Audited as `link.issue`.
 * The token is returned once and stored only as its hash; sent as a message, it
 * waits in the outbox sealed (decision 0032), written in the same transaction.
 */
export async function issuePersonalLink(
  db: Db, access: AuthorizedParticipant, subject: LinkSubject, meta: RequestMeta, terms: LinkTerms = SUPPORT_PERSON_LINK_TERMS, now = new Date(), delivery: LinkDelivery = "print",
): Promise<IssueResult> {
  if (subject.participantId !== access.participant.id) return { ok: false, reason: "not_found" };
  if (subject.kind === "support_person") {
    const record = await subjectOf(db, { ...subjectColumns(subject), expires_at: now.toISOString(), revoked_at: null }, now);
    const person = record?.facts.supportPerson;
    if (!person) return { ok: false, reason: "not_found" };
    if (!supportLinkActions(access, person).issue) return { ok: false, reason: "not_allowed" };
  } else if (!participantReach(access.actor, access.participant).update) {
    return { ok: false, reason: "not_allowed" };
  }
  if (delivery === "message" && (await linkChannel(db, subject.participantId, linkReader(subject))).channel === null) return { ok: false, reason: "no_channel" };
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + terms.validDays * DAY_MS).toISOString();
  const linkId = randomUUID();
  const sentBy = await db.transaction().execute(async (trx) => {
    const replaced = await voidLinks(trx, subject, access.actor.userId, "replaced", now.toISOString());
    await trx.insertInto("personal_links").values({
      id: linkId, ...subjectColumns(subject), token_hash: hashSecret(token), issued_by: access.actor.userId,
      issued_at: now.toISOString(), expires_at: expiresAt, renew_days: terms.renewOnUse ? terms.validDays : null,
      last_used_at: null, revoked_at: null, revoked_by: null, revoked_reason: null,
    }).execute();
    const channel = delivery === "message" ? await queueLinkMessage(trx, subject.participantId, linkReader(subject), { linkId, token, expiresAt }, now) : null;
    await recordAudit(trx, {
      actor: access.actor, action: "link.issue", entityType: "personal_link", entityId: linkId, participantId: subject.participantId,
      reason: access.permissions.update ?? access.reason,
      details: { subjectKind: subject.kind, supportPersonId: subject.kind === "support_person" ? subject.supportPersonId : null, expiresAt, replaced, sentBy: channel },
      meta,
    });
    return channel;
  });
  return { ok: true, link: { linkId, token, path: `${LINK_PATH_PREFIX}${token}`, expiresAt }, sentBy };
}

/**
 * Takes back a subject's link at once, with every session it opened. Staff do it
 * from the support person's page; the participant does it from their privacy
 * page, for a support person's link or their own. Audited as `link.revoke`.
 * Returns how many live links ended (0 when there was none).
 */
export async function revokePersonalLinks(db: Db, by: AuthorizedParticipant | ParticipantActor, subject: LinkSubject, meta: RequestMeta, now = new Date()): Promise<number | null> {
  const staff = "participant" in by;
  if (staff) {
    if (subject.participantId !== by.participant.id || !participantReach(by.actor, by.participant).update) return null;
  } else if (subject.participantId !== by.participantId) {
    return null;
  }
  const actor = staff ? by.actor : by;
  const byLabel = staff ? by.actor.userId : `participant:${by.participantId}`;
  return db.transaction().execute(async (trx) => {
    const ended = await voidLinks(trx, subject, byLabel, staff ? "revoked by staff" : "revoked by the participant", now.toISOString());
    await recordAudit(trx, {
      actor, action: "link.revoke", entityType: subject.kind, entityId: subject.kind === "support_person" ? subject.supportPersonId : subject.participantId,
      participantId: subject.participantId, reason: staff ? (by.permissions.update ?? by.reason) : "own record",
      details: { subjectKind: subject.kind, supportPersonId: subject.kind === "support_person" ? subject.supportPersonId : null, by: staff ? "staff" : "participant", ended },
      meta,
    });
    return ended;
  });
}

/** The links a support person has held, newest first, each with whether it works now. Never the token. */
export async function listSupportPersonLinks(db: Db, access: AuthorizedParticipant, supportPersonId: string, now = new Date()): Promise<PersonalLinkSummary[]> {
  if (!participantReach(access.actor, access.participant).read) return [];
  const rows = await db.selectFrom("personal_links").leftJoin("users", "users.id", "personal_links.issued_by").selectAll("personal_links").select("users.name as issuer_name")
    .where("personal_links.participant_id", "=", access.participant.id).where("personal_links.support_person_id", "=", supportPersonId)
    .orderBy("personal_links.issued_at", "desc").limit(10).execute();
  const summaries: PersonalLinkSummary[] = [];
  for (const row of rows) {
    const record = await subjectOf(db, row, now);
    summaries.push({
      id: row.id, issuedAt: row.issued_at, issuedBy: row.issuer_name ?? row.issued_by, expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at, revokedAt: row.revoked_at, state: record ? linkState(record.facts, now) : "revoked",
    });
  }
  return summaries;
}

/** Whether a link still opens its page now: the worker asks before sending it (decision 0032). */
export async function linkStillWorks(db: Db, linkId: string, now = new Date()): Promise<boolean> {
  const link = await db.selectFrom("personal_links").selectAll().where("id", "=", linkId).executeTakeFirst();
  const record = link ? await subjectOf(db, link, now) : null;
  return record !== null && linkState(record.facts, now) === "valid";
}

export type OpenResult =
  | { ok: true; sessionToken: string; home: string; actor: PartnerActor }
  | { ok: false; reason: LinkRefusal | "unknown" };

/**
 * Opening a link: the token is the permission. A working link starts a partner
 * session (the caller sets its cookie and redirects to `home`, a path without the
 * token), renews the link if it renews on use, and is audited as `link.open`; a
 * link that no longer works is audited as `link.refused` with why. A token that
 * matches nothing leaves no row: there is nobody to name.
 */
export async function openPersonalLink(db: Db, token: string, meta: RequestMeta, userAgent: string | null, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<OpenResult> {
  if (!/^[\w-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const link = await db.selectFrom("personal_links").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirst();
  if (!link) return { ok: false, reason: "unknown" };
  const record = await subjectOf(db, link, now);
  if (!record) return { ok: false, reason: "unknown" };
  const state = linkState(record.facts, now);
  const subjectId = link.support_person_id ?? link.participant_id;
  if (state !== "valid") {
    await db.transaction().execute((trx) => recordAudit(trx, {
      actor: record.actor, action: "link.refused", entityType: "personal_link", entityId: link.id, participantId: link.participant_id,
      reason: `link ${state}`, details: { subjectKind: link.subject_kind === "participant" ? "participant" : "support_person", reason: state }, meta,
    }));
    return { ok: false, reason: state };
  }
  const sessionToken = newSecret();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("partner_sessions").values({
      id: randomUUID(), token_hash: hashSecret(sessionToken), link_id: link.id, created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.maxHours * 3_600_000).toISOString(), last_seen_at: now.toISOString(),
      ip: meta.ip ?? null, user_agent: userAgent?.slice(0, 300) ?? null,
    }).execute();
    await renew(trx, link, now);
    await recordAudit(trx, {
      actor: record.actor, action: "link.open", entityType: "personal_link", entityId: link.id, participantId: link.participant_id,
      reason: "personal link", details: { subjectKind: record.actor.kind, subjectId }, meta,
    });
  });
  return { ok: true, sessionToken, home: PARTNER_HOME[record.actor.kind], actor: record.actor };
}

async function renew(db: Db | Trx, link: LinkRow, now: Date): Promise<void> {
  const set: { last_used_at: string; expires_at?: string } = { last_used_at: now.toISOString() };
  if (link.renew_days !== null) set.expires_at = new Date(now.getTime() + Number(link.renew_days) * DAY_MS).toISOString();
  await db.updateTable("personal_links").set(set).where("id", "=", link.id).execute();
}

/**
 * The partner behind a partner session cookie, or null. The session ends (and is
 * deleted) when idle or old like a staff session, and also the moment its link
 * stops working for any reason (see `linkState`). Use renews the link.
 */
export async function partnerForSession(db: Db, sessionToken: string, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = new Date()): Promise<{ actor: PartnerActor; sessionId: string } | null> {
  const session = await partnerSessionByToken.first(db, { tokenHash: hashSecret(sessionToken) });
  if (!session) return null;
  const t = now.getTime();
  const link = await linkById.first(db, { id: session.link_id });
  const record = link ? await subjectOf(db, link, now) : null;
  const ended = !link || !record
    || Date.parse(session.expires_at) <= t
    || Date.parse(session.created_at) + limits.maxHours * 3_600_000 <= t
    || Date.parse(session.last_seen_at) + limits.idleMinutes * 60_000 <= t
    || linkState(record.facts, now) !== "valid";
  if (ended) {
    await db.deleteFrom("partner_sessions").where("id", "=", session.id).execute();
    return null;
  }
  if (Date.parse(session.last_seen_at) + SESSION_TOUCH_SECONDS * 1000 <= t) {
    await db.updateTable("partner_sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", session.id).execute();
    await renew(db, link, now);
  }
  return { actor: record.actor, sessionId: session.id };
}

/** Leaving the page on this device: the session ends, the link (or password) still works. */
export async function endPartnerSession(db: Db, actor: PartnerActor, sessionId: string, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("partner_sessions").where("id", "=", sessionId).execute();
    // The same cookie may carry a participant's password session (decision 0031).
    await trx.deleteFrom("participant_sessions").where("id", "=", sessionId).execute();
    await recordAudit(trx, {
      actor, action: "link.sign_out", entityType: actor.kind, entityId: actor.kind === "support_person" ? actor.supportPersonId : actor.participantId,
      participantId: actor.participantId, reason: "own session", meta,
    });
  });
}

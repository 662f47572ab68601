import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import type { ConsentGrantTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { consentActions } from "./policy.ts";
import { grantCategoriesAt, grantStatus, type ConsentHistory, type GrantFacts, type RevocationFacts } from "./check.ts";
import type { ConsentFormFacts, ConsentTerms } from "./consent-form.ts";
import type { RelationshipKind } from "../network/vocabulary.ts";
import type { ConsentCategory, ConsentGrant, ConsentGrantInput, ConsentRevocationInput, GrantEventInput } from "./model.ts";
import { scanMatchesDeclaredType } from "./scan-type.ts";

type GrantRow = Selectable<ConsentGrantTable>;

function grantFacts(row: GrantRow): GrantFacts {
  return {
    id: row.id,
    supportPersonId: row.support_person_id,
    categories: JSON.parse(row.categories) as ConsentCategory[],
    mayAttendMeetings: row.may_attend_meetings === 1,
    mayReceivePlan: row.may_receive_plan === 1,
    mayBeContacted: row.may_be_contacted === 1,
    startsOn: row.starts_on,
    expiresOn: row.expires_on,
    recordedAt: row.recorded_at,
    endedAt: row.ended_at,
  };
}

/**
 * Every grant and revocation for a participant: the input of the consent check,
 * for an area that is already reading the participant's record (not audited here).
 */
export async function loadConsentHistory(db: Db | Trx, access: AuthorizedParticipant): Promise<ConsentHistory> {
  if (!consentActions(access).read) return { grants: [], revocations: [] };
  return consentHistoryOf(db, access.participant.id);
}

/**
 * The same history for the message worker and scheduler, which act for the program
 * rather than for a request: they ask it just before a message goes (decision 0025).
 */
export async function consentHistoryForMessages(db: Db | Trx, participantId: string): Promise<ConsentHistory> {
  return consentHistoryOf(db, participantId);
}

async function consentHistoryOf(db: Db | Trx, participantId: string): Promise<ConsentHistory> {
  const grants = await db.selectFrom("consent_grants").selectAll().where("participant_id", "=", participantId).orderBy("recorded_at").execute();
  const revocations = grants.length === 0 ? [] : await db.selectFrom("consent_revocations")
    .select(["grant_id", "category", "revoked_at"]).where("grant_id", "in", grants.map((g) => g.id)).orderBy("revoked_at").execute();
  return {
    grants: grants.map(grantFacts),
    revocations: revocations.map((r): RevocationFacts => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at })),
  };
}

async function toGrants(db: Db | Trx, rows: GrantRow[], at: Date): Promise<ConsentGrant[]> {
  if (rows.length === 0) return [];
  const revocations = await db.selectFrom("consent_revocations").selectAll().where("grant_id", "in", rows.map((g) => g.id)).orderBy("revoked_at").execute();
  const userIds = rows.flatMap((r) => [r.recorded_by, r.event_recorded_by]).filter((id): id is string => id !== null);
  const names = await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...new Set(userIds)]).execute();
  const renewals = await db.selectFrom("consent_grants").select(["id", "renews_grant_id"]).where("renews_grant_id", "in", rows.map((g) => g.id)).execute();
  const facts = revocations.map((r): RevocationFacts => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at }));
  return rows.map((row) => {
    const grant = grantFacts(row);
    return {
      id: row.id,
      participantId: row.participant_id,
      supportPersonId: row.support_person_id,
      categories: [...grant.categories],
      purpose: row.purpose,
      mayAttendMeetings: grant.mayAttendMeetings,
      mayReceivePlan: grant.mayReceivePlan,
      mayBeContacted: grant.mayBeContacted,
      startsOn: row.starts_on,
      expiresOn: row.expires_on,
      expiryEvent: row.expiry_event,
      signedMethod: row.signed_method === "paper" ? "paper" : "in_app",
      signatureName: row.signature_name,
      signedOn: row.signed_on,
      participantConfirmed: row.participant_confirmed === 1,
      hasScan: row.scan_document_id !== null,
      recordedBy: names.find((n) => n.id === row.recorded_by)?.name ?? "",
      recordedAt: row.recorded_at,
      revocations: revocations.filter((r) => r.grant_id === row.id)
        .map((r) => ({ id: r.id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at, reason: r.reason })),
      event: row.event_occurred_on && row.event_recorded_at ? {
        occurredOn: row.event_occurred_on, note: row.event_note ?? "", recordedAt: row.event_recorded_at,
        recordedBy: names.find((n) => n.id === row.event_recorded_by)?.name ?? "",
      } : null,
      endedAt: row.ended_at,
      renewsGrantId: row.renews_grant_id,
      renewedByGrantId: renewals.find((r) => r.renews_grant_id === row.id)?.id ?? null,
      status: grantStatus(grant, facts, at),
      activeCategories: grantCategoriesAt(grant, facts, at),
    };
  });
}

/** The grants for one participant (optionally one support person), each with its status now. Audited. */
export async function listConsentGrants(db: Db, access: AuthorizedParticipant, meta: RequestMeta, supportPersonId?: string, at = new Date()): Promise<ConsentGrant[] | null> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, consentActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("consent_grants").selectAll().where("participant_id", "=", participantId);
    if (supportPersonId) query = query.where("support_person_id", "=", supportPersonId);
    const grants = await toGrants(trx, await query.orderBy("recorded_at", "desc").execute(), at);
    await recordAudit(trx, { actor, action: "consent.read", entityType: "participant", entityId: participantId, participantId, reason, details: { supportPersonId: supportPersonId ?? null }, meta });
    return grants;
  });
}

export type BlankFormResult = { ok: true; facts: ConsentFormFacts } | { ok: false; reason: "not_found" | "unreachable_person" };

/**
 * What a blank consent form says for terms not yet signed, so the participant can
 * sign it on paper before the scan is uploaded. Only for someone a consent could be
 * recorded for (see recordConsentGrant): the same permission, and the same refusal
 * of people marked do not contact or taken off the network. Audited: it names the
 * participant and the support person.
 */
export async function blankConsentForm(db: Db, access: AuthorizedParticipant, supportPersonId: string, terms: ConsentTerms, meta: RequestMeta): Promise<BlankFormResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, consentActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("support_persons").select(["id", "name", "relationship_kind", "relationship_other", "phone", "email", "status", "ended_at"])
      .where("id", "=", supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
    if (!person) {
      await recordRefusal(trx, actor, { action: "read:consent_form", entityType: "support_person", entityId: supportPersonId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" } as const;
    }
    if (person.status === "do_not_contact" || person.ended_at) return { ok: false, reason: "unreachable_person" } as const;
    await recordAudit(trx, {
      actor, action: "consent.read", entityType: "participant", entityId: participantId, participantId, reason,
      details: { supportPersonId, blankForm: true, categories: terms.categories }, meta,
    });
    const { firstName, lastName, preferredName, preferredLanguage, specialistName } = access.participant;
    return {
      ok: true,
      facts: {
        participant: { firstName, lastName, preferredName, preferredLanguage }, specialistName, terms,
        person: { name: person.name, relationshipKind: person.relationship_kind as RelationshipKind, relationshipOther: person.relationship_other, phone: person.phone, email: person.email },
      },
    } as const;
  });
}

export interface ScanUpload {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export const SCAN_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;

export type GrantResult =
  | { ok: true; grant: ConsentGrant }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "unreachable_person" | "scan_required" | "scan_invalid" };

/**
 * Records a release of information exactly as signed. A grant is never edited:
 * changes are a new grant, and the participant withdraws with a revocation.
 */
export async function recordConsentGrant(db: Db, access: AuthorizedParticipant, input: ConsentGrantInput, scan: ScanUpload | null, meta: RequestMeta): Promise<GrantResult> {
  // Nothing is renewed, so neither renewal refusal can come back.
  return recordGrant(db, access, input, scan, meta, null) as Promise<GrantResult>;
}

export type RenewResult = GrantResult | { ok: false; reason: "already_renewed" | "other_person" };

/**
 * Renews a grant: a new grant, signed again (in the app or on paper, as any grant),
 * that follows the old one. The old grant keeps its own dates; the consent history
 * shows the chain. A grant is renewed once; a later renewal renews the newest grant.
 */
export async function renewConsentGrant(db: Db, access: AuthorizedParticipant, grantId: string, input: ConsentGrantInput, scan: ScanUpload | null, meta: RequestMeta): Promise<RenewResult> {
  return recordGrant(db, access, input, scan, meta, grantId);
}

async function recordGrant(db: Db, access: AuthorizedParticipant, input: ConsentGrantInput, scan: ScanUpload | null, meta: RequestMeta, renewsGrantId: string | null): Promise<RenewResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, consentActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" };
  if (input.signedMethod === "paper") {
    if (!scan || scan.bytes.byteLength === 0) return { ok: false, reason: "scan_required" };
    if (!(SCAN_TYPES as readonly string[]).includes(scan.contentType) || scan.bytes.byteLength > SCAN_MAX_BYTES) return { ok: false, reason: "scan_invalid" };
    if (!scanMatchesDeclaredType(scan.bytes, scan.contentType)) return { ok: false, reason: "scan_invalid" };
  }
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("support_persons").select(["id", "status", "ended_at"])
      .where("id", "=", input.supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
    if (!person) {
      await recordRefusal(trx, actor, { action: "create:consent_grant", entityType: "support_person", entityId: input.supportPersonId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    if (person.status === "do_not_contact" || person.ended_at) return { ok: false, reason: "unreachable_person" };
    if (renewsGrantId) {
      const renewed = await trx.selectFrom("consent_grants").select(["id", "support_person_id"]).where("id", "=", renewsGrantId).where("participant_id", "=", participantId).executeTakeFirst();
      if (!renewed) return { ok: false, reason: "not_found" };
      if (renewed.support_person_id !== input.supportPersonId) return { ok: false, reason: "other_person" };
      const successor = await trx.selectFrom("consent_grants").select("id").where("renews_grant_id", "=", renewsGrantId).executeTakeFirst();
      if (successor) return { ok: false, reason: "already_renewed" };
    }
    const now = new Date().toISOString();
    let scanId: string | null = null;
    if (input.signedMethod === "paper" && scan) {
      scanId = randomUUID();
      await trx.insertInto("documents").values({
        id: scanId, participant_id: participantId, kind: "consent_scan", filename: scan.filename.slice(0, 200), content_type: scan.contentType,
        size: scan.bytes.byteLength, content_base64: Buffer.from(scan.bytes).toString("base64"), uploaded_by: actor.userId, uploaded_at: now,
      }).execute();
    }
    const id = randomUUID();
    await trx.insertInto("consent_grants").values({
      id, participant_id: participantId, support_person_id: input.supportPersonId, categories: JSON.stringify(input.categories),
      purpose: input.purpose, may_attend_meetings: input.mayAttendMeetings ? 1 : 0, may_receive_plan: input.mayReceivePlan ? 1 : 0,
      may_be_contacted: input.mayBeContacted ? 1 : 0, starts_on: input.startsOn, expires_on: input.expiresOn, expiry_event: input.expiryEvent,
      signed_method: input.signedMethod, signature_name: input.signatureName, signed_on: input.signedOn,
      participant_confirmed: input.participantConfirmed ? 1 : 0, scan_document_id: scanId, recorded_by: actor.userId, recorded_at: now,
      renews_grant_id: renewsGrantId,
    }).execute();
    const granted = { supportPersonId: input.supportPersonId, categories: input.categories, signedMethod: input.signedMethod };
    const envelope = { actor, entityType: "consent_grant", entityId: id, participantId, reason, meta } as const;
    await recordAudit(trx, renewsGrantId
      ? { ...envelope, action: "consent.renew", details: { ...granted, renewsGrantId } }
      : { ...envelope, action: "consent.grant", details: granted });
    const [grant] = await toGrants(trx, [await trx.selectFrom("consent_grants").selectAll().where("id", "=", id).executeTakeFirstOrThrow()], new Date());
    return { ok: true, grant: grant! };
  });
}

export type RevokeResult = { ok: true; grant: ConsentGrant } | { ok: false; reason: "not_found" | "already_revoked" };

/** How a revocation is recorded: by whom in the revocation row, and the rule that let them, for the audit row. */
export interface RevocationRecording {
  /** A user id, or `participant:<id>` (the audit log's actor id) when the participant withdrew it themselves. */
  recordedBy: string;
  reason: string;
}

/** Withdraws one category or the whole grant, effective the moment it is recorded. */
export async function revokeConsent(db: Db, access: AuthorizedParticipant, grantId: string, input: ConsentRevocationInput, meta: RequestMeta): Promise<RevokeResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, consentActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute((trx) => writeRevocation(trx, actor, participantId, grantId, input, { recordedBy: actor.userId, reason }, meta));
}

/**
 * The one way a revocation is written, whoever withdraws: the grant must be this
 * participant's and still cover what is withdrawn. One revocation row and its
 * audit row, in the caller's transaction; the consent check sees it at once.
 * Callers decide first whether the actor may (revokeConsent for staff, the
 * participant's own page for themselves).
 */
export async function writeRevocation(trx: Trx, actor: Actor, participantId: string, grantId: string, input: ConsentRevocationInput, recording: RevocationRecording, meta: RequestMeta): Promise<RevokeResult> {
  const row = await trx.selectFrom("consent_grants").selectAll().where("id", "=", grantId).where("participant_id", "=", participantId).executeTakeFirst();
  if (!row) {
    await recordRefusal(trx, actor, { action: "revoke:consent_grant", entityType: "consent_grant", entityId: grantId, participantId, reason: "not_found" }, meta);
    return { ok: false, reason: "not_found" };
  }
  const earlier = await trx.selectFrom("consent_revocations").select("category").where("grant_id", "=", grantId).execute();
  const categories = JSON.parse(row.categories) as ConsentCategory[];
  const wholeGone = earlier.some((r) => r.category === null);
  const stillCovered = !wholeGone && (input.category === null || (categories.includes(input.category) && !earlier.some((r) => r.category === input.category)));
  if (!stillCovered) return { ok: false, reason: "already_revoked" };
  const now = new Date().toISOString();
  await trx.insertInto("consent_revocations").values({ id: randomUUID(), grant_id: grantId, category: input.category, revoked_at: now, reason: input.reason, recorded_by: recording.recordedBy }).execute();
  await recordAudit(trx, {
    actor, action: "consent.revoke", entityType: "consent_grant", entityId: grantId, participantId, reason: recording.reason,
    details: { category: input.category ?? "whole grant", supportPersonId: row.support_person_id }, meta,
  });
  const [grant] = await toGrants(trx, [row], new Date(Date.parse(now) + 1));
  return { ok: true, grant: grant! };
}

export type GrantEventResult = { ok: true; grant: ConsentGrant } | { ok: false; reason: "not_found" | "no_event" | "already_ended" | "in_future" };

/**
 * Records that the event a grant ends on has happened ("when the job search ends").
 * The grant covers nothing after the end of the day the event happened, nor after
 * this moment if that is sooner: nobody learns anything new once it is known the
 * release no longer holds. The record says who recorded it and when; audited.
 */
export async function recordGrantEvent(db: Db, access: AuthorizedParticipant, grantId: string, input: GrantEventInput, meta: RequestMeta, at = new Date()): Promise<GrantEventResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, consentActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("consent_grants").selectAll().where("id", "=", grantId).where("participant_id", "=", participantId).executeTakeFirst();
    if (!row) return { ok: false, reason: "not_found" };
    if (!row.expiry_event) return { ok: false, reason: "no_event" };
    if (row.ended_at) return { ok: false, reason: "already_ended" };
    const now = at.toISOString();
    if (input.occurredOn > now.slice(0, 10)) return { ok: false, reason: "in_future" };
    const endOfEventDay = new Date(Date.parse(`${input.occurredOn}T00:00:00.000Z`) + 86_400_000).toISOString();
    const endedAt = endOfEventDay < now ? endOfEventDay : now;
    await trx.updateTable("consent_grants").set({
      event_occurred_on: input.occurredOn, event_note: input.note, event_recorded_by: actor.userId, event_recorded_at: now, ended_at: endedAt,
    }).where("id", "=", grantId).execute();
    await recordAudit(trx, {
      actor, action: "consent.event", entityType: "consent_grant", entityId: grantId, participantId, reason,
      details: { supportPersonId: row.support_person_id, event: row.expiry_event, occurredOn: input.occurredOn, endedAt }, meta,
    });
    const updated = await trx.selectFrom("consent_grants").selectAll().where("id", "=", grantId).executeTakeFirstOrThrow();
    const [grant] = await toGrants(trx, [updated], new Date(Math.max(at.getTime(), Date.parse(endedAt)) + 1));
    return { ok: true, grant: grant! };
  });
}

/** The scan of a paper consent, for download. Audited as a read of the record. */
export async function getConsentScan(db: Db, access: AuthorizedParticipant, grantId: string, meta: RequestMeta) {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, consentActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom("consent_grants as g").innerJoin("documents as d", "d.id", "g.scan_document_id")
      .select(["d.id", "d.filename", "d.content_type", "d.content_base64"])
      .where("g.id", "=", grantId).where("g.participant_id", "=", participantId).executeTakeFirst();
    if (!doc) return null;
    await recordAudit(trx, { actor, action: "document.read", entityType: "document", entityId: doc.id, participantId, reason, meta });
    return { filename: doc.filename, contentType: doc.content_type, bytes: Buffer.from(doc.content_base64, "base64") };
  });
}

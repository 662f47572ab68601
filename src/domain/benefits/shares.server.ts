import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { supportPersonLocales } from "../network/language.server.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import type { PersonFacts } from "../consent/check.ts";
import { disclosedCategories, disclosesOf } from "../consent/disclosure.ts";
import { SHARE_PIECE, maySendShare, splitShareChoices, type ShareChoices } from "./share-consent.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { benefitsActions } from "./policy.ts";
import { estimate } from "./estimate.ts";
import { estimateRequestSchemaFor, type EstimateRequest, type EstimateResult } from "./model.ts";
import { storedBenefitYears } from "./years.server.ts";

/**
 * Sharing an estimate with a support person. An estimate is benefits and income
 * information, so the consent check decides at the moment of sharing, and again
 * each time the shared copy is shown. What was shared, with whom and by whom is
 * kept as a record with its own audit row; sending it by email or text comes later,
 * so for now the record is a printable copy for that person.
 */

async function currentSupports(db: Db | Trx, participantId: string): Promise<(PersonFacts & { name: string })[]> {
  const rows = await db.selectFrom("support_persons").select(["id", "name", "status", "ended_at"])
    .where("participant_id", "=", participantId).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status as RelationshipStatus, endedAt: r.ended_at }));
}


/** Who an estimate may be shared with at this moment (no audit: the page that calls it has audited its read). */
export async function estimateShareChoices(db: Db | Trx, access: AuthorizedParticipant, at: Date = new Date()): Promise<ShareChoices> {
  if (!benefitsActions(access).shareEstimate) return { offered: [], notOffered: [] };
  const people = await currentSupports(db, access.participant.id);
  const consent = await loadConsentHistory(db, access);
  return splitShareChoices(consent, people, at);
}

export type ShareResult =
  | { ok: true; shares: { id: string; supportPersonId: string; name: string }[] }
  | { ok: false; reason: "not_found" | "invalid_request" | "nobody" }
  | { ok: false; reason: "not_allowed"; names: string[] };

/**
 * Shares one estimate with the chosen supports. The request is validated and the
 * estimate worked out again here, so the copy is exactly what the engine says.
 * If consent does not cover any one of the people chosen, nothing is shared.
 */
export async function shareEstimate(
  db: Db, access: AuthorizedParticipant, requestBody: unknown, supportPersonIds: readonly string[], meta: RequestMeta, at: Date = new Date(),
): Promise<ShareResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).shareEstimate);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const ids = [...new Set(supportPersonIds)];
    if (ids.length === 0) return { ok: false, reason: "nobody" } as const;
    const extraYears = await storedBenefitYears(trx);
    const parsed = estimateRequestSchemaFor(extraYears).safeParse(requestBody);
    if (!parsed.success) return { ok: false, reason: "invalid_request" } as const;
    const people = await currentSupports(trx, participantId);
    const consent = await loadConsentHistory(trx, access);
    const chosen = ids.map((id) => people.find((p) => p.id === id));
    const refused = chosen.map((p, i) => (p && maySendShare(consent, p, SHARE_PIECE, at) ? null : p?.name ?? ids[i]!)).filter((n): n is string => n !== null);
    if (refused.length > 0) return { ok: false, reason: "not_allowed", names: refused } as const;
    const sharedAt = at.toISOString();
    const localeOf = await supportPersonLocales(trx, access, ids);
    const shares = [];
    for (const person of chosen as (PersonFacts & { name: string })[]) {
      // The copy's summaries are words for its reader, in their language.
      const result = estimate(parsed.data, { extraYears, locale: localeOf(person.id) });
      const id = randomUUID();
      await trx.insertInto("benefits_estimate_shares").values({
        id, participant_id: participantId, support_person_id: person.id, request: JSON.stringify(parsed.data), result: JSON.stringify(result),
        shared_by: actor.userId, shared_at: sharedAt, discloses: JSON.stringify(SHARE_PIECE.categories),
      }).execute();
      await recordAudit(trx, {
        actor, action: "benefits_estimate.share", entityType: "benefits_estimate_share", entityId: id, participantId,
        reason: `${reason}; consent:${SHARE_PIECE.categories.join(",")}`,
        details: {
          supportPersonId: person.id, year: result.year, scenarios: result.scenarios.length,
          disclosure: { readerKind: "support_person", readerId: person.id, categories: disclosedCategories([SHARE_PIECE]) },
        }, meta,
      });
      shares.push({ id, supportPersonId: person.id, name: person.name });
    }
    return { ok: true, shares } as const;
  });
}

export interface SharedEstimate {
  id: string;
  supportPersonId: string;
  name: string;
  sharedBy: string;
  sharedAt: string;
  request: EstimateRequest;
  result: EstimateResult;
  /** Consent still covers what the share tells, and contact, at this moment; if not, the copy is not shown. */
  allowed: boolean;
}

export interface ShareListing {
  id: string;
  name: string;
  sharedBy: string;
  sharedAt: string;
  monthlyGross: number[];
}

/** The estimates shared for a participant, newest first (for the page that has audited its read). */
export async function listEstimateShares(db: Db | Trx, access: AuthorizedParticipant): Promise<ShareListing[]> {
  if (!benefitsActions(access).read) return [];
  const participantId = access.participant.id;
  const rows = await db.selectFrom("benefits_estimate_shares as s").innerJoin("support_persons as p", "p.id", "s.support_person_id")
    .innerJoin("users as u", "u.id", "s.shared_by")
    .select(["s.id", "s.result", "s.shared_at", "p.name", "u.name as shared_by_name"])
    .where("s.participant_id", "=", participantId).orderBy("s.shared_at", "desc").limit(50).execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, sharedBy: r.shared_by_name, sharedAt: r.shared_at,
    monthlyGross: (JSON.parse(r.result) as EstimateResult).scenarios.map((s) => s.monthlyGross),
  }));
}

/** One shared copy, with the consent check made again now. Audited as a read of the participant's benefits. */
export async function getSharedEstimate(db: Db, access: AuthorizedParticipant, shareId: string, meta: RequestMeta, at: Date = new Date()): Promise<SharedEstimate | null> {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, benefitsActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("benefits_estimate_shares as s").innerJoin("support_persons as p", "p.id", "s.support_person_id")
      .innerJoin("users as u", "u.id", "s.shared_by")
      .select(["s.id", "s.support_person_id", "s.request", "s.result", "s.shared_at", "s.discloses", "p.name", "p.status", "p.ended_at", "u.name as shared_by_name"])
      .where("s.id", "=", shareId).where("s.participant_id", "=", participantId).executeTakeFirst();
    if (!row) {
      await recordRefusal(trx, actor, { action: "read:benefits_estimate_share", entityType: "benefits_estimate_share", entityId: shareId, participantId, reason: "not_found" }, meta);
      return null;
    }
    const consent = await loadConsentHistory(trx, access);
    // Checked again now, against what the stored share says it tells.
    const allowed = maySendShare(consent, { id: row.support_person_id, status: row.status as RelationshipStatus, endedAt: row.ended_at }, { categories: disclosesOf(row.discloses) }, at);
    await recordAudit(trx, {
      actor, action: "benefits.read", entityType: "benefits_estimate_share", entityId: shareId, participantId, reason,
      details: {
        copyFor: row.support_person_id, allowed,
        // A copy still allowed is shown (and printed) for its support person: the participant's "who has seen what" reads this.
        ...(allowed ? { disclosure: { readerKind: "support_person" as const, readerId: row.support_person_id, categories: disclosesOf(row.discloses) } } : {}),
      }, meta,
    });
    return {
      id: row.id, supportPersonId: row.support_person_id, name: row.name, sharedBy: row.shared_by_name, sharedAt: row.shared_at,
      request: JSON.parse(row.request) as EstimateRequest, result: JSON.parse(row.result) as EstimateResult, allowed,
    };
  });
}

import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { readAllowed, changeAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { grantCategoriesAt, grantStatus, type GrantStatus, type RevocationFacts } from "../consent/check.ts";
import { writeRevocation, type RevokeResult } from "../consent/consent.server.ts";
import type { ConsentCategory, ConsentRevocationInput } from "../consent/model.ts";
import type { RelationshipKind, RelationshipStatus } from "../network/vocabulary.ts";
import type { OwnRecord, SupportSuggestion, SupportSuggestionInput } from "./model.ts";
import { recordOwnRead } from "./own-record.server.ts";
import { mayWithdrawGrant, ownRecordActions, supportSuggestionActions } from "./policy.ts";

/** One release as the participant reads it: what it lets the person see and do, until when. */
export interface MyGrant {
  id: string;
  status: GrantStatus;
  /** What the person may see now. */
  categories: ConsentCategory[];
  /** What the participant already took back from this grant. */
  withdrawn: ConsentCategory[];
  purpose: string;
  mayAttendMeetings: boolean;
  mayReceivePlan: boolean;
  mayBeContacted: boolean;
  startsOn: string;
  expiresOn: string | null;
  expiryEvent: string | null;
  mayWithdraw: boolean;
}

export interface MySupport {
  id: string;
  name: string;
  relationshipKind: RelationshipKind;
  relationshipOther: string | null;
  doNotContact: boolean;
  /** Grants in force or yet to start; the ones that ended are history, shown in "who has seen what". */
  grants: MyGrant[];
}

export interface MyPrivacy {
  supports: MySupport[];
  suggestions: { name: string; createdAt: string; followedUpAt: string | null }[];
  maySuggest: boolean;
}

/**
 * The privacy page: every current support person, what each may see and do under
 * each release in force, when each ends, and what the participant may withdraw.
 * Audited as the participant reading their own record.
 */
export async function getMyPrivacy(db: Db, own: OwnRecord, meta: RequestMeta, at = new Date()): Promise<MyPrivacy | null> {
  const actions = ownRecordActions(own.actor, own.participant);
  if (!actions.read) return null;
  const participantId = own.participant.id;
  return db.transaction().execute(async (trx) => {
    const people = await trx.selectFrom("support_persons").select(["id", "name", "relationship_kind", "relationship_other", "status"])
      .where("participant_id", "=", participantId).where("ended_at", "is", null).orderBy("name").execute();
    const grants = await trx.selectFrom("consent_grants").selectAll().where("participant_id", "=", participantId).orderBy("recorded_at").execute();
    const revocations: RevocationFacts[] = grants.length === 0 ? [] : (await trx.selectFrom("consent_revocations").select(["grant_id", "category", "revoked_at"])
      .where("grant_id", "in", grants.map((g) => g.id)).execute())
      .map((r) => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at }));
    const suggestions = await trx.selectFrom("support_suggestions").select(["name", "created_at", "followed_up_at"])
      .where("participant_id", "=", participantId).orderBy("created_at", "desc").execute();
    await recordOwnRead(trx, own, "privacy", meta);
    const toGrant = (row: (typeof grants)[number]): MyGrant => {
      const categories = JSON.parse(row.categories) as ConsentCategory[];
      const facts = {
        id: row.id, supportPersonId: row.support_person_id, categories, mayAttendMeetings: row.may_attend_meetings === 1,
        mayReceivePlan: row.may_receive_plan === 1, mayBeContacted: row.may_be_contacted === 1, startsOn: row.starts_on,
        expiresOn: row.expires_on, recordedAt: row.recorded_at, endedAt: row.ended_at,
      };
      const status = grantStatus(facts, revocations, at);
      const withdrawn = categories.filter((c) => revocations.some((r) => r.grantId === row.id && r.category === c));
      // A release yet to start will cover what is left of it; one in force covers what the consent check says now.
      const covers = status === "not_started" ? categories.filter((c) => !withdrawn.includes(c)) : grantCategoriesAt(facts, revocations, at);
      return {
        id: row.id, status, categories: covers, withdrawn,
        purpose: row.purpose, mayAttendMeetings: facts.mayAttendMeetings, mayReceivePlan: facts.mayReceivePlan, mayBeContacted: facts.mayBeContacted,
        startsOn: row.starts_on, expiresOn: row.expires_on, expiryEvent: row.expiry_event, mayWithdraw: mayWithdrawGrant(actions, { status }),
      };
    };
    return {
      supports: people.map((p) => ({
        id: p.id, name: p.name, relationshipKind: p.relationship_kind as RelationshipKind, relationshipOther: p.relationship_other,
        doNotContact: (p.status as RelationshipStatus) === "do_not_contact",
        grants: grants.filter((g) => g.support_person_id === p.id).map(toGrant).filter((g) => g.status === "active" || g.status === "not_started"),
      })),
      suggestions: suggestions.map((s) => ({ name: s.name, createdAt: s.created_at, followedUpAt: s.followed_up_at })),
      maySuggest: actions.suggestSupport,
    };
  });
}

/**
 * The participant takes back one category, or a whole release, on their own
 * page: effective at once, through the same revocation as staff record
 * (consent.server.ts writeRevocation), with the participant as the actor of its
 * audit row and `participant:<id>` as who recorded it. A grant that is not
 * theirs is "not found", and the attempt is audited.
 */
export async function withdrawMyConsent(db: Db, own: OwnRecord, grantId: string, input: ConsentRevocationInput, meta: RequestMeta): Promise<RevokeResult> {
  if (!ownRecordActions(own.actor, own.participant).withdrawConsent) return { ok: false, reason: "not_found" };
  const participantId = own.participant.id;
  return db.transaction().execute((trx) => writeRevocation(trx, own.actor, participantId, grantId, input, {
    recordedBy: `participant:${participantId}`, reason: "own record: the participant withdrew their consent",
  }, meta));
}

/** Someone the participant would like to add: held for the specialist, who sees it on the network page. Nobody is contacted. */
export async function suggestSupport(db: Db, own: OwnRecord, input: SupportSuggestionInput, meta: RequestMeta): Promise<{ ok: boolean }> {
  if (!ownRecordActions(own.actor, own.participant).suggestSupport) return { ok: false };
  const participantId = own.participant.id;
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await trx.insertInto("support_suggestions").values({
      id, participant_id: participantId, name: input.name, how_to_reach: input.howToReach, note: input.note, created_at: new Date().toISOString(),
      followed_up_at: null, followed_up_by: null,
    }).execute();
    await recordAudit(trx, {
      actor: own.actor, action: "support_suggestion.create", entityType: "support_suggestion", entityId: id, participantId,
      reason: "own record: the participant asked to add someone", meta,
    });
    return { ok: true };
  });
}

/** The participant's suggestions, newest first, for the network page that audited its read. */
export async function listSupportSuggestions(db: Db, access: AuthorizedParticipant): Promise<SupportSuggestion[]> {
  if (!readAllowed(access, supportSuggestionActions(access).read)) return [];
  const rows = await db.selectFrom("support_suggestions").selectAll().where("participant_id", "=", access.participant.id).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, howToReach: r.how_to_reach, note: r.note, createdAt: r.created_at, followedUpAt: r.followed_up_at }));
}

/** The specialist has talked it through with the participant: the suggestion leaves the to-do list. Audited. */
export async function followUpSupportSuggestion(db: Db, access: AuthorizedParticipant, suggestionId: string, meta: RequestMeta): Promise<{ ok: boolean }> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, supportSuggestionActions(access).followUp);
  if (!reason) return { ok: false };
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable("support_suggestions").set({ followed_up_at: new Date().toISOString(), followed_up_by: actor.userId })
      .where("id", "=", suggestionId).where("participant_id", "=", participantId).where("followed_up_at", "is", null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await recordRefusal(trx, actor, { action: "update:support_suggestion", entityType: "support_suggestion", entityId: suggestionId, participantId, reason: "not_found" }, meta);
      return { ok: false };
    }
    await recordAudit(trx, { actor, action: "support_suggestion.follow_up", entityType: "support_suggestion", entityId: suggestionId, participantId, reason, meta });
    return { ok: true };
  });
}

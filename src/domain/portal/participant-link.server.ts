import type { Db } from "../../db/index.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { revokePersonalLinks } from "../links/links.server.ts";
import type { LinkRefusal } from "../links/model.ts";
import { linkState } from "../links/policy.ts";
import { participantReach } from "../participants/policy.ts";
import type { OwnRecord } from "./model.ts";
import { ownRecordActions } from "./policy.ts";

/** The participant's own link as the specialist sees it: never the token, which exists only at issue. */
export interface ParticipantLinkStatus {
  issuedAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  state: "valid" | LinkRefusal;
}

/** The participant's newest personal link and whether it opens their page now (decision 0022), for the participant's page. */
export async function participantLinkStatus(db: Db, access: AuthorizedParticipant, now = new Date()): Promise<ParticipantLinkStatus | null> {
  if (!participantReach(access.actor, access.participant).read) return null;
  const link = await db.selectFrom("personal_links").select(["issued_at", "expires_at", "last_used_at", "revoked_at"])
    .where("participant_id", "=", access.participant.id).where("subject_kind", "=", "participant")
    .orderBy("issued_at", "desc").limit(1).executeTakeFirst();
  if (!link) return null;
  const participant = await db.selectFrom("participants").select("archived_at").where("id", "=", access.participant.id).executeTakeFirstOrThrow();
  return {
    issuedAt: link.issued_at, expiresAt: link.expires_at, lastUsedAt: link.last_used_at,
    state: linkState({ expiresAt: link.expires_at, revokedAt: link.revoked_at, participantArchivedAt: participant.archived_at }, now),
  };
}

/**
 * Whose links have not been turned off and have not run out, on the participant's
 * privacy page: the support people (by id) and the participant's own. A link that
 * stopped for another reason (consent withdrawn, do not contact) has nothing to turn off.
 */
export async function liveLinks(db: Db, own: OwnRecord, now = new Date()): Promise<{ supportPersonIds: string[]; own: boolean }> {
  const rows = await db.selectFrom("personal_links").select(["subject_kind", "support_person_id"])
    .where("participant_id", "=", own.participant.id).where("revoked_at", "is", null).where("expires_at", ">", now.toISOString()).execute();
  return {
    supportPersonIds: [...new Set(rows.flatMap((r) => (r.subject_kind === "support_person" && r.support_person_id ? [r.support_person_id] : [])))],
    own: rows.some((r) => r.subject_kind === "participant"),
  };
}

/**
 * The participant turns off a support person's link, or their own, from their
 * privacy page (decision 0022: revocable by the participant). Only a link of
 * theirs that still runs: another participant's support person, or someone
 * with no live link, is "not found". Ends the link's sessions at once; audited
 * as `link.revoke` by the participant.
 */
export async function turnOffLink(db: Db, own: OwnRecord, target: { supportPersonId: string } | "own", meta: RequestMeta): Promise<{ ok: boolean }> {
  if (!ownRecordActions(own.actor, own.participant).read) return { ok: false };
  const live = await liveLinks(db, own);
  const participantId = own.participant.id;
  if (target === "own" ? !live.own : !live.supportPersonIds.includes(target.supportPersonId)) return { ok: false };
  const subject = target === "own" ? { kind: "participant" as const, participantId } : { kind: "support_person" as const, participantId, supportPersonId: target.supportPersonId };
  const ended = await revokePersonalLinks(db, own.actor, subject, meta);
  return { ok: ended !== null };
}

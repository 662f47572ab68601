import type { Db } from "../../db/index.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { DISCLOSING_ACTIONS, disclosureInRow } from "./disclosures.ts";
import type { DisclosureEntry, OwnRecord } from "./model.ts";
import { recordOwnRead } from "./own-record.server.ts";
import { ownRecordActions } from "./policy.ts";

/** HIPAA asks for six years of disclosures (45 CFR 164.528(a)); the page shows the newest this many. */
const SHOWN = 500;

/**
 * "Who has seen what": every disclosure of the participant's information to a
 * support person or guest, newest first, with when, to whom and which consent
 * categories, read from the audit log's disclosure rows (the same rows the
 * commands that disclose write in their own transaction). Audited.
 */
export async function listMyDisclosures(db: Db, own: OwnRecord, meta: RequestMeta): Promise<DisclosureEntry[] | null> {
  if (!ownRecordActions(own.actor, own.participant).read) return null;
  const participantId = own.participant.id;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("audit_log").select(["occurred_at", "action", "details"])
      .where("participant_id", "=", participantId).where("action", "in", [...DISCLOSING_ACTIONS])
      .orderBy("seq", "desc").limit(SHOWN * 4).execute();
    const found = rows.map((r) => disclosureInRow({ occurredAt: r.occurred_at, action: r.action, details: r.details }))
      .filter((d) => d !== null).slice(0, SHOWN);
    const readerIds = [...new Set(found.map((d) => d.disclosure.readerId))];
    const readers = readerIds.length === 0 ? [] : await trx.selectFrom("support_persons").select(["id", "name"])
      .where("participant_id", "=", participantId).where("id", "in", readerIds).execute();
    await recordOwnRead(trx, own, "disclosures", meta);
    return found.flatMap((d) => {
      const reader = readers.find((r) => r.id === d.disclosure.readerId);
      // A reader id that is not on this participant's network was never theirs to show.
      return reader ? [{ at: d.at, kind: d.kind, readerId: reader.id, readerName: reader.name, categories: d.disclosure.categories }] : [];
    });
  });
}

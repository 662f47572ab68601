import type { Db } from "../../db/index.ts";
import { recordAudit, recordAuditRows, type AuditEvent, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { textableNumber } from "./phone.ts";
import { textReplyMeaning } from "./text-replies.ts";

/**
 * STOP and START from the text provider's webhook (decision 0026). The opt-out is
 * kept by number: every participant and support person with that number stops
 * getting texts, and so does anyone the number is typed on later. Each person it
 * touches gets an audit row, which their specialist sees with their record.
 */

/** The webhook acts for no one signed in: the provider's signature is the permission. */
const PROVIDER = { userId: null, label: "text provider" } as const;

export interface TextReply {
  from: string;
  body: string;
}

export type TextReplyOutcome = { kind: "stop" | "start"; people: number } | { kind: "ignored" };

/** The people whose number is this one (numbers are typed by hand, so each is read as the provider writes it). */
async function peopleWithNumber(trx: Trx, number: string) {
  // Only rows ending in the same two digits can be the number, whatever the punctuation typed.
  const ending = `%${number.slice(-2)}`;
  const [participants, supports] = await Promise.all([
    trx.selectFrom("participants").select(["id", "phone"]).where("phone", "like", ending).execute(),
    trx.selectFrom("support_persons").select(["id", "participant_id", "phone"]).where("phone", "like", ending).execute(),
  ]);
  return [
    ...participants.filter((p) => textableNumber(p.phone) === number).map((p) => ({ kind: "participant" as const, id: p.id, participantId: p.id })),
    ...supports.filter((s) => textableNumber(s.phone) === number).map((s) => ({ kind: "support_person" as const, id: s.id, participantId: s.participant_id })),
  ];
}

/** Records a reply the provider passed on: STOP or START for its number, or nothing at all for any other message. */
export async function recordTextReply(db: Db, reply: TextReply, meta: RequestMeta): Promise<TextReplyOutcome> {
  const meaning = textReplyMeaning(reply.body);
  const number = textableNumber(reply.from);
  if (!meaning || !number) return { kind: "ignored" };
  return db.transaction().execute(async (trx) => {
    if (meaning.kind === "stop") {
      await trx.insertInto("text_opt_outs").values({ phone: number, keyword: meaning.keyword, opted_out_at: new Date().toISOString() })
        .onConflict((oc) => oc.column("phone").doNothing()).execute();
    } else {
      await trx.deleteFrom("text_opt_outs").where("phone", "=", number).execute();
    }
    const action = meaning.kind === "stop" ? "text.opt_out" as const : "text.opt_in" as const;
    const people = await peopleWithNumber(trx, number);
    const events: AuditEvent[] = people.length === 0
      ? [{ actor: PROVIDER, meta, reason: "text_reply", action, entityType: "text_number", entityId: null, participantId: null, details: { keyword: meaning.keyword, personKind: null } }]
      : people.map((person) => ({
        actor: PROVIDER, meta, reason: "text_reply", action, entityType: person.kind, entityId: person.id, participantId: person.participantId,
        details: { keyword: meaning.keyword, personKind: person.kind },
      }));
    await recordAuditRows(trx, events);
    return { kind: meaning.kind, people: people.length };
  });
}

/** A request to the webhook whose signature did not check out: refused, and kept in the log. */
export async function recordRefusedTextReply(db: Db, meta: RequestMeta): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, {
    actor: PROVIDER, meta, reason: "bad_signature", action: "text.reply_refused", entityType: "text_number", entityId: null, participantId: null,
    details: { reason: "signature" },
  }));
}

/**
 * Whether a text may go to this number: one the provider can reach that has not
 * replied STOP. The message worker asks just before each text.
 */
export async function mayText(db: Db | Trx, phone: string | null): Promise<boolean> {
  const number = textableNumber(phone);
  if (!number) return false;
  const optedOut = await db.selectFrom("text_opt_outs").select("phone").where("phone", "=", number).executeTakeFirst();
  return !optedOut;
}

/** When the number replied STOP (and has not replied START since), or null. */
export async function textOptOutOf(db: Db | Trx, phone: string | null): Promise<string | null> {
  const number = textableNumber(phone);
  if (!number) return null;
  const row = await db.selectFrom("text_opt_outs").select("opted_out_at").where("phone", "=", number).executeTakeFirst();
  return row?.opted_out_at ?? null;
}

import type { Db } from "../../db/index.ts";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/index.ts";
import type { Trx } from "../audit/audit.server.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import { supportPersonLocaleOf } from "./language.ts";

/**
 * The language each of this participant's support persons reads, by id: what a
 * copy, an invitation or an estimate made for them is written in, whatever the
 * language of the specialist who makes it. Someone not found reads English.
 */
export async function supportPersonLocales(db: Db | Trx, access: AuthorizedParticipant, supportPersonIds: readonly string[]): Promise<(id: string) => Locale> {
  const rows = supportPersonIds.length === 0 ? [] : await db.selectFrom("support_persons").selectAll()
    .where("participant_id", "=", access.participant.id).where("id", "in", [...supportPersonIds]).execute();
  const locales = new Map(rows.map((row) => [row.id, supportPersonLocaleOf(row)]));
  return (id) => locales.get(id) ?? DEFAULT_LOCALE;
}

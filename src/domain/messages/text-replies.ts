/**
 * What a reply to one of the program's texts asks for. Carriers and Twilio treat
 * these words, sent alone, as "no more texts from this number" and "texts again"
 * (CTIA short code handbook; Twilio's default opt-out keywords). Spanish speakers
 * often write PARAR, ALTO or CANCELAR: Allies honours those too, as asking for less
 * is never wrong. A reply with anything else is left alone and not kept: Allies
 * does not hold conversations by text.
 */
export const STOP_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "PARAR", "ALTO", "CANCELAR"] as const;
export const START_WORDS = ["START", "UNSTOP"] as const;

export type TextReplyKind = "stop" | "start";

export interface TextReplyMeaning {
  kind: TextReplyKind;
  /** The word as recognised, upper case, for the audit log (never the rest of a message). */
  keyword: string;
}

/** The reply's meaning, or null for anything but one of the words alone (case, accents, spaces and a final "." or "!" aside). */
export function textReplyMeaning(body: string): TextReplyMeaning | null {
  const word = body.normalize("NFD").replace(/\p{M}/gu, "").trim().replace(/[.!¡]+$/u, "").replace(/^[¡]+/u, "").replace(/\s+/g, "").toUpperCase();
  if ((STOP_WORDS as readonly string[]).includes(word)) return { kind: "stop", keyword: word };
  if ((START_WORDS as readonly string[]).includes(word)) return { kind: "start", keyword: word };
  return null;
}

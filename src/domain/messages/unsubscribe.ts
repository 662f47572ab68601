import { createHmac, timingSafeEqual } from "node:crypto";
import { MESSAGE_CHANNELS, READER_KINDS, type MessageChannel, type ReaderKind } from "./model.ts";

/**
 * The unsubscribe link's token (RFC 8058 asks that it work without signing in):
 * who and which channel, signed with the program's message key so nobody can stop
 * someone else's messages by guessing. It never expires: an old email's link still
 * has to work. Pure.
 */

export interface OptOutSubject {
  readerKind: ReaderKind;
  readerId: string;
  channel: MessageChannel;
}

function signature(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(key: Buffer, subject: OptOutSubject): string {
  const payload = Buffer.from(`${subject.readerKind}|${subject.readerId}|${subject.channel}`).toString("base64url");
  return `${payload}.${signature(key, payload)}`;
}

/** The subject of a token made with this key; null for anything else. */
export function readUnsubscribeToken(key: Buffer, token: string): OptOutSubject | null {
  const [payload, mac, ...rest] = token.split(".");
  if (!payload || !mac || rest.length) return null;
  const expected = Buffer.from(signature(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [readerKind, readerId, channel, ...extra] = Buffer.from(payload, "base64url").toString("utf8").split("|");
  if (extra.length || !readerId) return null;
  if (!(READER_KINDS as readonly string[]).includes(readerKind ?? "") || !(MESSAGE_CHANNELS as readonly string[]).includes(channel ?? "")) return null;
  return { readerKind: readerKind as ReaderKind, readerId, channel: channel as MessageChannel };
}

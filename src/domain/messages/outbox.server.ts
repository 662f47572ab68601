import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { Trx } from "../audit/audit.server.ts";
import type { PersonFacts } from "../consent/check.ts";
import { consentHistoryForMessages } from "../consent/consent.server.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import { messageChannelOfParticipant, messageChannelOfSupportPerson, type MessageChannel, type MessageKind, type NewMessage, type MessageContent } from "./model.ts";
import { messageLinkKey } from "./link-key.server.ts";
import { sealLinkToken } from "./sealed-link.ts";
import { channelFor, mayReceive, type Reachability } from "./policy.ts";

/**
 * Writing messages into the outbox, inside the transaction of the event that causes
 * them (decision 0025): the message exists exactly when its event does. Who gets one
 * is decided here by consent by content at this moment; the worker asks again just
 * before sending. Nothing here sends.
 */

/**
 * Adds messages to the outbox. A message caused by time whose de-duplication key is
 * already there is skipped. Returns how many were queued to be sent (not those
 * recorded as not sent for want of a channel).
 */
export async function queueMessages(trx: Db | Trx, messages: readonly NewMessage[], now = new Date()): Promise<number> {
  let queued = 0;
  for (const message of messages) {
    const id = randomUUID();
    // A reader with no channel: the message is kept as not sent, with why, so nobody wonders whether it went.
    const unsent = message.channel === null;
    const result = await trx.insertInto("outbox_messages").values({
      id, idempotency_key: `${id}@allies`, dedupe_key: message.dedupeKey ?? null, kind: message.kind,
      participant_id: message.participantId, reader_kind: message.reader.kind, reader_id: message.reader.id, channel: message.channel ?? "none",
      discloses: JSON.stringify(message.discloses), purpose: message.purpose, content: JSON.stringify(message.content),
      status: unsent ? "withheld_no_channel" : "queued", attempts: 0, next_attempt_at: (message.notBefore ?? now).toISOString(), lease_until: null,
      created_at: now.toISOString(), sent_at: null, provider: null, provider_id: null,
      last_error: unsent ? message.noChannel ?? "no channel chosen" : null, rendered: null,
    }).onConflict((oc) => oc.column("dedupe_key").doNothing()).returning("id").executeTakeFirst();
    if (result && !unsent) queued += 1;
  }
  return queued;
}

interface SupportReader extends Reachability {
  id: string;
  facts: PersonFacts;
}

/** A reminder a person can switch off on their preferences page (migration 0017). */
export type ReminderSwitch = "remind_meetings" | "remind_commitments";

async function supportReaders(trx: Db | Trx, participantId: string, ids: readonly string[] | "network", reminder?: ReminderSwitch): Promise<SupportReader[]> {
  let query = trx.selectFrom("support_persons").select(["id", "status", "ended_at", "email", "phone", "preferred_channel"]).where("participant_id", "=", participantId);
  if (ids !== "network") query = query.where("id", "in", ids.length ? [...ids] : [""]);
  if (reminder) query = query.where(reminder, "=", 1);
  const rows = await query.where("ended_at", "is", null).execute();
  return rows.map((r) => ({
    id: r.id, kind: "support_person", email: r.email, phone: r.phone, chosen: messageChannelOfSupportPerson(r.preferred_channel),
    facts: { id: r.id, status: r.status as never, endedAt: r.ended_at },
  }));
}

async function participantName(trx: Db | Trx, participantId: string): Promise<{ name: string; specialistId: string }> {
  const row = await trx.selectFrom("participants").select(["first_name", "preferred_name", "specialist_id"]).where("id", "=", participantId).executeTakeFirstOrThrow();
  return { name: row.preferred_name ?? row.first_name, specialistId: row.specialist_id };
}

/**
 * Messages to support persons about one piece of the record (a meeting, a help
 * request, a win): one to each person whose consent covers everything the piece
 * discloses for the way it reaches them, on the channel they chose.
 */
export async function queueForSupports(
  trx: Db | Trx, participantId: string, people: readonly string[] | "network", kind: MessageKind,
  piece: { discloses: NewMessage["discloses"]; purpose: NewMessage["purpose"] }, content: MessageContent, now: Date,
  /** Messages caused by time: each reader's de-duplication key. */
  dedupeKeyFor?: (supportPersonId: string) => string,
  /** Reminders: only the people who kept this reminder switched on. */
  reminder?: ReminderSwitch,
): Promise<number> {
  const readers = await supportReaders(trx, participantId, people, reminder);
  if (readers.length === 0) return 0;
  const consent = await consentHistoryForMessages(trx, participantId);
  const messages: NewMessage[] = readers.flatMap((reader) => {
    if (!mayReceive(consent, { kind: "support_person", person: reader.facts }, piece, now)) return [];
    const way = channelFor(reader);
    return [{
      kind, participantId, reader: { kind: "support_person", id: reader.id }, channel: way.channel, ...(way.channel === null ? { noChannel: way.why } : {}),
      ...piece, content, ...(dedupeKeyFor ? { dedupeKey: dedupeKeyFor(reader.id) } : {}),
    }];
  });
  return queueMessages(trx, messages, now);
}

/**
 * A reminder to the participant about their own record, on the channel they chose
 * (none chosen: recorded as not sent), when they kept that reminder switched on.
 * The participant reads their whole record, so consent asks nothing more here.
 */
export async function queueForParticipant(
  trx: Db | Trx, participantId: string, kind: MessageKind, piece: { discloses: NewMessage["discloses"]; purpose: NewMessage["purpose"] },
  content: MessageContent, now: Date, dedupeKey: string, reminder: ReminderSwitch | "remind_ssi_report",
): Promise<number> {
  const row = await trx.selectFrom("participants").select(["email", "phone", "message_channel", "archived_at", reminder]).where("id", "=", participantId).executeTakeFirst();
  if (!row || row.archived_at !== null || Number(row[reminder]) !== 1) return 0;
  const way = channelFor({ kind: "participant", email: row.email, phone: row.phone, chosen: messageChannelOfParticipant(row.message_channel) });
  return queueMessages(trx, [{
    kind, participantId, reader: { kind: "participant", id: participantId }, channel: way.channel, ...(way.channel === null ? { noChannel: way.why } : {}),
    ...piece, content, dedupeKey,
  }], now);
}

/** A message to the participant's employment specialist (staff read their own caseload's news). */
async function queueForSpecialist(trx: Db | Trx, participantId: string, kind: MessageKind, content: MessageContent, now: Date): Promise<number> {
  const { specialistId } = await participantName(trx, participantId);
  const specialist = await trx.selectFrom("users").select(["id", "email", "active"]).where("id", "=", specialistId).executeTakeFirst();
  if (!specialist || Number(specialist.active) !== 1) return 0;
  return queueMessages(trx, [{ kind, participantId, reader: { kind: "staff", id: specialist.id }, channel: "email", discloses: [], purpose: "contact", content }], now);
}

async function meetingContent(trx: Db | Trx, participantId: string, meetingId: string) {
  const meeting = await trx.selectFrom("meetings").select(["title", "place", "scheduled_at", "discloses"]).where("id", "=", meetingId).where("participant_id", "=", participantId).executeTakeFirstOrThrow();
  const { name } = await participantName(trx, participantId);
  return {
    discloses: disclosesOf(meeting.discloses),
    content: { participant: name, meetingId, title: meeting.title, place: meeting.place, scheduledAt: meeting.scheduled_at },
  };
}

/** A meeting planned, changed or cancelled: its invitees (or the people just taken off its list) are told. */
export async function queueMeetingMessages(
  trx: Db | Trx, participantId: string, meetingId: string, kind: "meeting_planned" | "meeting_changed" | "meeting_cancelled", people: readonly string[], now = new Date(),
): Promise<number> {
  if (people.length === 0) return 0;
  const { discloses, content } = await meetingContent(trx, participantId, meetingId);
  return queueForSupports(trx, participantId, people, kind, { discloses, purpose: "attendMeetings" }, content, now);
}

/**
 * A planned meeting marked again with what it tells. An invitee the old marking kept
 * from being told (an unmarked meeting tells no one) is invited now; one it allowed is
 * told the meeting changed. Either only when the new marking allows them.
 */
export async function queueMeetingRemarked(
  trx: Db | Trx, participantId: string, meetingId: string, previous: NewMessage["discloses"], people: readonly string[], now = new Date(),
): Promise<number> {
  if (people.length === 0) return 0;
  const readers = await supportReaders(trx, participantId, people);
  const consent = await consentHistoryForMessages(trx, participantId);
  const toldBefore = new Set(readers
    .filter((r) => mayReceive(consent, { kind: "support_person", person: r.facts }, { discloses: previous, purpose: "attendMeetings" }, now))
    .map((r) => r.id));
  const invited = await queueMeetingMessages(trx, participantId, meetingId, "meeting_planned", people.filter((id) => !toldBefore.has(id)), now);
  return invited + await queueMeetingMessages(trx, participantId, meetingId, "meeting_changed", people.filter((id) => toldBefore.has(id)), now);
}

/** An invitee answered: the specialist is told who, and what. */
export async function queueMeetingAnswer(trx: Db | Trx, participantId: string, meetingId: string, supportPersonId: string, response: string, now = new Date()): Promise<number> {
  const { content } = await meetingContent(trx, participantId, meetingId);
  const person = await trx.selectFrom("support_persons").select("name").where("id", "=", supportPersonId).executeTakeFirstOrThrow();
  return queueForSpecialist(trx, participantId, "meeting_answered", { ...content, person: person.name, response }, now);
}

/** A help request posted: everyone in the network who offers that kind of help and may see what it says (as their page shows it). */
export async function queueHelpRequested(trx: Db | Trx, participantId: string, helpRequestId: string, now = new Date()): Promise<number> {
  const request = await trx.selectFrom("help_requests").select(["kind", "description", "needed_on", "discloses"]).where("id", "=", helpRequestId).executeTakeFirstOrThrow();
  const { name } = await participantName(trx, participantId);
  const helpers = await trx.selectFrom("support_persons").select(["id", "help_kinds"]).where("participant_id", "=", participantId).where("ended_at", "is", null).execute();
  const offering = helpers.filter((h) => (JSON.parse(h.help_kinds) as string[]).includes(request.kind)).map((h) => h.id);
  return queueForSupports(trx, participantId, offering, "help_requested", { discloses: disclosesOf(request.discloses), purpose: "contact" },
    { participant: name, helpRequestId, description: request.description, neededOn: request.needed_on }, now);
}

/** A help request claimed: the specialist is told who will help. */
export async function queueHelpClaimed(trx: Db | Trx, participantId: string, helpRequestId: string, supportPersonId: string, now = new Date()): Promise<number> {
  const request = await trx.selectFrom("help_requests").select(["description", "needed_on"]).where("id", "=", helpRequestId).executeTakeFirstOrThrow();
  const person = await trx.selectFrom("support_persons").select("name").where("id", "=", supportPersonId).executeTakeFirstOrThrow();
  const { name } = await participantName(trx, participantId);
  return queueForSpecialist(trx, participantId, "help_claimed", { participant: name, person: person.name, description: request.description, neededOn: request.needed_on }, now);
}

/** A win shared with chosen people: each of them is told, if their consent covers the win. */
export async function queueWinShared(trx: Db | Trx, participantId: string, milestoneId: string, people: readonly string[], now = new Date()): Promise<number> {
  if (people.length === 0) return 0;
  const win = await trx.selectFrom("milestones").select(["kind", "discloses"]).where("id", "=", milestoneId).executeTakeFirstOrThrow();
  const { name } = await participantName(trx, participantId);
  return queueForSupports(trx, participantId, people, "win_shared", { discloses: disclosesOf(win.discloses), purpose: "contact" },
    { participant: name, milestoneId, winKind: win.kind }, now);
}

/**
 * A participant archived, or a support person ended or stepping out: the messages
 * still waiting for them are cancelled in the same transaction.
 */
export async function cancelQueuedMessages(trx: Db | Trx, whose: { participantId: string } | { supportPersonId: string }): Promise<number> {
  // Links waiting to be sent lose their sealed token as they are cancelled.
  let links = trx.selectFrom("outbox_messages").select(["id", "content"]).where("kind", "=", "link_issued").where("status", "=", "queued");
  links = "participantId" in whose ? links.where("participant_id", "=", whose.participantId)
    : links.where("reader_kind", "=", "support_person").where("reader_id", "=", whose.supportPersonId);
  for (const row of await links.execute()) {
    await trx.updateTable("outbox_messages").set({ content: scrubbedContent(row.content) }).where("id", "=", row.id).execute();
  }
  let query = trx.updateTable("outbox_messages").set({ status: "cancelled", lease_until: null }).where("status", "=", "queued");
  query = "participantId" in whose
    ? query.where("participant_id", "=", whose.participantId)
    : query.where("reader_kind", "=", "support_person").where("reader_id", "=", whose.supportPersonId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whom a personal link opens the page of: the one its message goes to. */
export type LinkReader = { kind: "support_person"; supportPersonId: string } | { kind: "participant"; participantId: string };

/** The channel a personal link would go by now: the one its holder chose, or why there is none. */
export async function linkChannel(trx: Db | Trx, participantId: string, reader: LinkReader): Promise<ReturnType<typeof channelFor>> {
  if (reader.kind === "support_person") {
    const row = await trx.selectFrom("support_persons").select(["email", "phone", "preferred_channel"]).where("id", "=", reader.supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
    return channelFor({ kind: "support_person", email: row?.email ?? null, phone: row?.phone ?? null, chosen: messageChannelOfSupportPerson(row?.preferred_channel ?? null) });
  }
  const row = await trx.selectFrom("participants").select(["email", "phone", "message_channel"]).where("id", "=", participantId).executeTakeFirst();
  return channelFor({ kind: "participant", email: row?.email ?? null, phone: row?.phone ?? null, chosen: messageChannelOfParticipant(row?.message_channel ?? null) });
}

/**
 * A personal link sent to its holder (decision 0032), in the transaction that issues
 * it: the token sealed in the row, never plain, with the link's id so the worker can
 * ask whether it still works. Says nothing of the record. Returns the channel, or
 * null when the holder has none (nothing is queued; the caller offers printing).
 */
export async function queueLinkMessage(
  trx: Db | Trx, participantId: string, reader: LinkReader, link: { linkId: string; token: string; expiresAt: string }, now: Date,
): Promise<MessageChannel | null> {
  const way = await linkChannel(trx, participantId, reader);
  if (way.channel === null) return null;
  const { name } = await participantName(trx, participantId);
  await queueMessages(trx, [{
    kind: "link_issued", participantId, reader: { kind: reader.kind, id: reader.kind === "support_person" ? reader.supportPersonId : participantId },
    channel: way.channel, discloses: [], purpose: "contact",
    content: { participant: name, linkId: link.linkId, expires: link.expiresAt, sealedLink: sealLinkToken(await messageLinkKey(trx), link.token) },
  }], now);
  return way.channel;
}

/**
 * A link replaced or taken back: a message still waiting with the old one is
 * cancelled, and its sealed token scrubbed, in the same transaction.
 */
export async function cancelLinkMessages(trx: Db | Trx, reader: LinkReader): Promise<number> {
  const waiting = await trx.selectFrom("outbox_messages").select(["id", "content"]).where("kind", "=", "link_issued").where("status", "=", "queued")
    .where("reader_kind", "=", reader.kind).where("reader_id", "=", reader.kind === "support_person" ? reader.supportPersonId : reader.participantId).execute();
  for (const row of waiting) {
    await trx.updateTable("outbox_messages").set({ status: "cancelled", lease_until: null, content: scrubbedContent(row.content) }).where("id", "=", row.id).where("status", "=", "queued").execute();
  }
  return waiting.length;
}

/** A message's content without a sealed link token: what stays once the message has gone or never will. */
export function scrubbedContent(content: string): string {
  const { sealedLink: _gone, ...rest } = JSON.parse(content) as Record<string, unknown>;
  return JSON.stringify(rest);
}

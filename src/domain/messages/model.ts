import { z } from "zod";
import { checkbox } from "../schema-fields.ts";
import type { ContactChannel } from "../network/vocabulary.ts";
import { LANGUAGES } from "../participants/vocabulary.ts";
import type { ConsentCategory, Involvement } from "../consent/model.ts";

/**
 * Messages that reach people by email or text (issue 12, decision 0025). Each is
 * one outbox row: one kind, one reader, one channel, the consent categories it
 * discloses and the way it reaches its reader, so consent can be asked again just
 * before it goes.
 */

/** Caused by an event, written in the event's own transaction. */
export const EVENT_MESSAGE_KINDS = [
  "meeting_planned", "meeting_changed", "meeting_cancelled", "meeting_answered", "help_requested", "help_claimed", "win_shared", "link_issued",
] as const;
/** Caused by time, queued by the scheduler with a de-duplication key. */
export const TIME_MESSAGE_KINDS = ["meeting_reminder", "commitment_reminder", "ssi_report_reminder", "daily_digest"] as const;
export const MESSAGE_KINDS = [...EVENT_MESSAGE_KINDS, ...TIME_MESSAGE_KINDS] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_CHANNELS = ["email", "text"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const READER_KINDS = ["participant", "support_person", "staff"] as const;
export type ReaderKind = (typeof READER_KINDS)[number];

/** `withheld_no_channel`: the reader chose no way to be reached (or has no address for the one chosen); recorded, never sent. */
export const MESSAGE_STATUSES = ["queued", "sending", "sent", "failed", "cancelled", "withheld_no_consent", "withheld_opted_out", "withheld_no_channel"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The statuses an administrator looks at on the queue page. */
export const QUEUE_VIEWS = ["queued", "failed", "withheld", "sent"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/**
 * What a message says, as its catalog message's arguments. Every value here is
 * already limited to what its reader may see when it was queued; the categories
 * it discloses are checked again at sending.
 */
export const messageContentSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageContent = z.infer<typeof messageContentSchema>;

/** A message as the caused-by-event code hands it to the outbox. */
export interface NewMessage {
  kind: MessageKind;
  participantId: string | null;
  reader: { kind: ReaderKind; id: string };
  /** Null: the reader has no channel; the row is written as not sent, with why. */
  channel: MessageChannel | null;
  /** With no channel: why (see `channelFor`). */
  noChannel?: string;
  discloses: readonly ConsentCategory[];
  purpose: Involvement;
  content: MessageContent;
  /** Messages caused by time: kind, record and due time (unique). */
  dedupeKey?: string;
  /** Not before this moment (a reminder's time); now by default. */
  notBefore?: Date;
}

/** The message as rendered for one reader, kept on the row for the mailbox and queue pages. */
export interface RenderedMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string;
}

export interface QueuedMessage {
  id: string;
  kind: MessageKind;
  readerKind: ReaderKind;
  readerId: string;
  readerName: string;
  /** "none" on a message recorded as not sent because the reader has no channel. */
  channel: MessageChannel | "none";
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  provider: string | null;
  lastError: string | null;
  rendered: RenderedMessage | null;
}

export const retryMessageSchema = z.object({ messageId: z.string().min(1).max(100) });
export const queueViewSchema = z.object({ view: z.enum(QUEUE_VIEWS).catch("queued") });

/**
 * Each person's message preferences (issue 12, decision 0026): how Allies' messages
 * reach them (email, text or not at all), in which language, and which reminders.
 */

export const CHANNEL_CHOICES = ["email", "text", "none"] as const;
export type ChannelChoice = (typeof CHANNEL_CHOICES)[number];

/**
 * A support person's channel is the way of contact they already prefer: text and
 * email are channels the app can use; a call, a visit or a letter are for people,
 * so those (and none known) mean no messages.
 */
export function messageChannelOfSupportPerson(preferredChannel: string | null): MessageChannel | null {
  return preferredChannel === "text" || preferredChannel === "email" ? preferredChannel : null;
}

/** A participant's channel as stored (null: no messages). */
export function messageChannelOfParticipant(messageChannel: string | null): MessageChannel | null {
  return messageChannel === "text" || messageChannel === "email" ? messageChannel : null;
}

/** What a support person chooses, on their own page or through their specialist. */
export const supportPersonPreferencesSchema = z.strictObject({
  channel: z.enum(CHANNEL_CHOICES, { error: "texts.channel.invalid" }),
  language: z.enum(LANGUAGES, { error: "texts.language.invalid" }),
  remindMeetings: checkbox,
  remindCommitments: checkbox,
});
export type SupportPersonPreferencesInput = z.infer<typeof supportPersonPreferencesSchema>;

/** What a participant chooses: the same, and whether to be reminded of the monthly SSI wage report. */
export const participantPreferencesSchema = supportPersonPreferencesSchema.extend({ remindSsiReport: checkbox });
export type ParticipantPreferencesInput = z.infer<typeof participantPreferencesSchema>;

export interface MessagePreferences {
  personKind: "support_person" | "participant";
  /** The name their specialist knows them by. */
  name: string;
  channel: ChannelChoice;
  language: (typeof LANGUAGES)[number];
  remindMeetings: boolean;
  remindCommitments: boolean;
  /** Participants only; null for a support person. */
  remindSsiReport: boolean | null;
  /** Where texts and emails would go, as on the record. */
  phone: string | null;
  email: string | null;
  /** When their number replied STOP (texts are not sent), or null. */
  textsStoppedAt: string | null;
  /** The last change of these choices, and whether the person made it themselves. */
  lastChange: { at: string; bySelf: boolean; by: string } | null;
  /** Their way of contact before choosing (support persons), shown when it is not a channel. */
  contactChannel: ContactChannel | null;
}

export type PreferencesProblem = "texts.channel.needsPhone" | "texts.channel.needsEmail";

/** Text needs a number texts can reach, email an address: said on the channel field rather than failing later. */
export function channelProblem(channel: ChannelChoice, reach: { textable: boolean; email: string | null }): PreferencesProblem | null {
  if (channel === "text" && !reach.textable) return "texts.channel.needsPhone";
  if (channel === "email" && !reach.email) return "texts.channel.needsEmail";
  return null;
}

import { z } from "zod";
import type { ConsentCategory, Involvement } from "../consent/model.ts";

/**
 * Messages that reach people by email or text (issue 12, decision 0025). Each is
 * one outbox row: one kind, one reader, one channel, the consent categories it
 * discloses and the way it reaches its reader, so consent can be asked again just
 * before it goes.
 */

/** Caused by an event, written in the event's own transaction. */
export const EVENT_MESSAGE_KINDS = [
  "meeting_planned", "meeting_changed", "meeting_cancelled", "meeting_answered", "help_requested", "help_claimed", "win_shared",
] as const;
/** Caused by time, queued by the scheduler with a de-duplication key. */
export const TIME_MESSAGE_KINDS = ["meeting_reminder", "commitment_reminder", "ssi_report_reminder", "daily_digest"] as const;
export const MESSAGE_KINDS = [...EVENT_MESSAGE_KINDS, ...TIME_MESSAGE_KINDS] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_CHANNELS = ["email", "text"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const READER_KINDS = ["participant", "support_person", "staff"] as const;
export type ReaderKind = (typeof READER_KINDS)[number];

export const MESSAGE_STATUSES = ["queued", "sending", "sent", "failed", "cancelled", "withheld_no_consent", "withheld_opted_out"] as const;
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
  channel: MessageChannel;
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
  channel: MessageChannel;
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

import type { ParticipantScope } from "../access/model.ts";
import type { Actor } from "../auth/actor.ts";
import { participantReach } from "../participants/policy.ts";
import { accessFor } from "../auth/permissions.ts";
import type { ConsentHistory, PersonFacts } from "../consent/check.ts";
import { mayDisclose } from "../consent/disclosure.ts";
import type { ConsentCategory, Involvement } from "../consent/model.ts";
import type { MessageChannel, ReaderKind } from "./model.ts";

/**
 * Who may receive a message, on which channel, and when the worker tries again.
 * Pure: no clock, no I/O.
 */

/** The queue and the development mailbox are part of running the program: `manage:program:any`. */
export function mayManageMessages(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "program") === "any";
}

export type MessageReader =
  | { kind: "participant" | "staff" }
  | { kind: "support_person"; person: PersonFacts };

/**
 * May this message reach this reader now? Staff and the participant read their own
 * program's and their own news; a support person only what their consent covers,
 * category by category, for the way the message reaches them (decision 0010). A
 * message that discloses nothing reviewed reaches no support person.
 */
export function mayReceive(history: ConsentHistory, reader: MessageReader, message: { discloses: readonly ConsentCategory[]; purpose: Involvement }, at: Date): boolean {
  if (reader.kind !== "support_person") return true;
  return mayDisclose(history, { kind: "support_person", person: reader.person }, { categories: message.discloses }, message.purpose, at);
}

export interface Reachability {
  kind: ReaderKind;
  email: string | null;
  phone: string | null;
  /** The channel the person chose for Allies' messages (staff: email); null when they chose none. */
  chosen: MessageChannel | null;
}

/** Why a message has no channel: recorded on the row, so an administrator sees why it was not sent. */
export type NoChannel = "no channel chosen" | "no phone number" | "no email address";

/**
 * The channel a message goes by: the one the person chose, when we have its
 * address. Never another one: someone who chose texts, or no messages at all, is
 * not emailed because an address happens to be on the record (issue 12).
 */
export function channelFor(reader: Reachability): { channel: MessageChannel } | { channel: null; why: NoChannel } {
  if (reader.chosen === null) return { channel: null, why: "no channel chosen" };
  if (!addressFor(reader, reader.chosen)) return { channel: null, why: reader.chosen === "text" ? "no phone number" : "no email address" };
  return { channel: reader.chosen };
}

/** The address a message on this channel goes to now; null when it has gone (the person removed it). */
export function addressFor(reader: Reachability, channel: MessageChannel): string | null {
  return channel === "email" ? reader.email : reader.phone;
}

/** After this many attempts a message that keeps failing is marked failed for an administrator to look at. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/**
 * How long to wait before the next attempt after `attempts` failed ones: doubling
 * from 30 seconds, never more than an hour (a provider down for an afternoon is
 * tried again within the hour it comes back).
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export type AttemptOutcome =
  | { result: "sent" }
  | { result: "failed"; permanent: boolean };

/** What a failed attempt leaves the message as: tried again later, or failed for good. */
export function afterFailure(attempts: number, permanent: boolean, at: Date): { status: "queued"; nextAttemptAt: Date } | { status: "failed" } {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: "failed" };
  return { status: "queued", nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)) };
}

/** What an actor may do with someone's message preferences. */
export interface PreferenceActions {
  read: boolean;
  change: boolean;
}

const NOTHING: PreferenceActions = { read: false, change: false };

/**
 * Staff see a person's choices with the record they already read, and change them
 * when they may change the record (someone asked on the phone); a support person
 * whose place on the network ended gets nothing more, so their choices stay as they were.
 */
export function staffPreferenceActions(scope: ParticipantScope, person: { endedAt: string | null } | null): PreferenceActions {
  const reach = participantReach(scope.actor, scope.participant);
  const current = person === null || person.endedAt === null;
  return { read: reach.read, change: reach.update && current };
}

/**
 * A person's own choices are theirs: a support person their own, the participant
 * theirs, and nobody else's. An archived participant may still stop messages.
 */
export function ownPreferenceActions(actor: Actor, subject: { kind: "support_person" | "participant"; id: string }): PreferenceActions {
  if (subject.kind === "support_person" && actor.kind === "support_person" && actor.supportPersonId === subject.id) return { read: true, change: true };
  if (subject.kind === "participant" && actor.kind === "participant" && actor.participantId === subject.id) return { read: true, change: true };
  return NOTHING;
}

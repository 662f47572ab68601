import { z } from "zod";
import { checkbox } from "../schema-fields.ts";
import type { ContactChannel } from "../network/vocabulary.ts";
import { LANGUAGES } from "../participants/vocabulary.ts";

/**
 * Each person's message preferences (issue 12, decision 0026): how Allies' messages
 * reach them (email, text or not at all), in which language, and which reminders.
 */

export const CHANNEL_CHOICES = ["email", "text", "none"] as const;
export type ChannelChoice = (typeof CHANNEL_CHOICES)[number];
export type MessageChannel = Exclude<ChannelChoice, "none">;

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

import { z } from "zod";
import { optionalText } from "../schema-fields.ts";
import type { ParticipantActor } from "../auth/actor.ts";
import type { ConsentCategory } from "../consent/model.ts";

/** The participant's own pages, as their audit rows name them. */
export const OWN_RECORD_PAGES = ["home", "privacy", "disclosures", "copy", "help"] as const;
export type OwnRecordPage = (typeof OWN_RECORD_PAGES)[number];

/** The two forms of "a copy of my record" (HIPAA right of access, 45 CFR 164.524). */
export const RECORD_COPY_FORMATS = ["pdf", "json"] as const;
export type RecordCopyFormat = (typeof RECORD_COPY_FORMATS)[number];

/**
 * The participant as the authorization of their own pages read them: made once
 * per request by `authorizeOwnRecord`, from the signed-in participant alone (no
 * id from the address), and handed to every read and command of these pages.
 */
export interface OwnRecord {
  actor: ParticipantActor;
  participant: {
    id: string;
    firstName: string;
    preferredName: string | null;
    preferredLanguage: string;
    active: boolean;
    specialistName: string;
    specialistEmail: string;
  };
}

/** Someone the participant would like to add to their network, in their own words. */
export const supportSuggestionInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: "own.suggest.name.required" }).max(200, { error: "common.tooLong" }),
  howToReach: optionalText(200),
  note: optionalText(1000),
});
export type SupportSuggestionInput = z.infer<typeof supportSuggestionInputSchema>;

/** A suggestion as the specialist sees it on the network page. */
export interface SupportSuggestion {
  id: string;
  name: string;
  howToReach: string | null;
  note: string | null;
  createdAt: string;
  followedUpAt: string | null;
}

/** What reached someone outside the agency, as the participant reads it in "who has seen what". */
export const DISCLOSURE_KINDS = ["take_home", "calendar", "invitation", "estimate", "win", "partner_page", "message", "introduction"] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export interface DisclosureEntry {
  at: string;
  kind: DisclosureKind;
  readerId: string;
  readerName: string;
  categories: ConsentCategory[];
}

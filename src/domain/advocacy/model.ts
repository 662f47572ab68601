import { z } from "zod";
import { isoDate, optionalDate } from "../schema-fields.ts";

/** What an entry of the advocacy log is: a member, a steering committee meeting, or a family member who spoke at an event. */
export const ADVOCACY_ENTRIES = ["member", "meeting", "speaker"] as const;
export type AdvocacyEntry = (typeof ADVOCACY_ENTRIES)[number];

export const MEMBER_ROLES = ["family_advocate", "steering_committee"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const name = z.string().trim().min(1, { error: "advocacy.name.required" }).max(200, { error: "common.tooLong" });

export const advocacyMemberSchema = z.strictObject({
  name,
  role: z.enum(MEMBER_ROLES, { error: "advocacy.role.invalid" }),
  since: isoDate("advocacy.date.invalid"),
  until: optionalDate("advocacy.date.invalid"),
});
export type AdvocacyMemberInput = z.infer<typeof advocacyMemberSchema>;

export const advocacyMeetingSchema = z.strictObject({
  heldOn: isoDate("advocacy.date.invalid"),
  notes: z.string().trim().min(1, { error: "advocacy.notes.required" }).max(4000, { error: "common.tooLong" }),
});
export type AdvocacyMeetingInput = z.infer<typeof advocacyMeetingSchema>;

export const advocacySpeakerSchema = z.strictObject({
  name,
  event: z.string().trim().min(1, { error: "advocacy.event.required" }).max(300, { error: "common.tooLong" }),
  spokeOn: isoDate("advocacy.date.invalid"),
});
export type AdvocacySpeakerInput = z.infer<typeof advocacySpeakerSchema>;

export interface AdvocacyLog {
  members: { id: string; name: string; role: MemberRole; since: string; until: string | null }[];
  meetings: { id: string; heldOn: string; notes: string }[];
  speakers: { id: string; name: string; event: string; spokeOn: string }[];
}

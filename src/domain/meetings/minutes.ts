import type { ConsentHistory } from "../consent/check.ts";
import type { ConsentCategory } from "../consent/model.ts";
import { disclosable, disclosedCategories, mayDisclose, needsRedisclosureNotice, type Reader } from "../consent/disclosure.ts";
import type { Concern } from "../concerns/model.ts";
import type { Meeting } from "./model.ts";

/** One thing said, as the minutes tell it: what, by whom, and by when for a commitment. */
export interface MinutesLine {
  text: string;
  by: string | null;
  whenText: string | null;
  /** The meeting entry it came from; a commitment is dismissed and restored by it. */
  entryId?: string;
  /** A commitment set aside: still in the minutes, marked; its reason is left out of a support person's copy. */
  dismissed?: { at: string; reason: string | null } | null;
}

/** A finished meeting as read afterwards: a summary, not the live run-sheet. */
export interface MeetingMinutes {
  meetingId: string;
  title: string;
  scheduledAt: string;
  place: string;
  heldAt: string | null;
  /** Who came (people invited and noted as there), by name. */
  came: string[];
  strengths: MinutesLine[];
  jobIdeas: MinutesLine[];
  concerns: (MinutesLine & { type: Concern["type"]; plan: string | null })[];
  ideas: MinutesLine[];
  commitments: MinutesLine[];
  nextSteps: MinutesLine[];
  /** Something said was left out of this copy: its reader's consent does not cover it. */
  leftOut: boolean;
  /** Every category this copy discloses, for the audit row of handing it over. */
  discloses: ConsentCategory[];
  part2Notice: boolean;
}

/**
 * The minutes of a held meeting for one reader. For the participant (and staff,
 * who read the record itself) everything; for a support person only the pieces
 * their consent lets them be shown at a meeting (mayDisclose, per piece: each
 * strength, concern, idea, commitment and step is a piece with its own categories),
 * and nothing at all when the meeting itself may not be shown to them.
 */
export function meetingMinutes(meeting: Meeting, concerns: readonly Concern[], reader: Reader, consent: ConsentHistory, at: Date): MeetingMinutes | null {
  const meetingPiece = { categories: meeting.discloses };
  if (reader.kind === "support_person" && !mayDisclose(consent, reader, meetingPiece, "attendMeetings", at)) return null;
  const entries = disclosable(consent, reader, meeting.entries.map((e) => ({ ...e, categories: e.discloses })), "attendMeetings", at);
  const shownConcerns = disclosable(consent, reader, concerns.filter((c) => c.meetingId === meeting.id).map((c) => ({ ...c, categories: c.discloses })), "attendMeetings", at);
  const speakerName = (e: { speakerName: string | null }) => e.speakerName;
  const lines = (kind: Meeting["entries"][number]["kind"]) => entries.filter((e) => e.kind === kind)
    .map((e) => ({
      text: e.text, by: speakerName(e), whenText: e.whenText, entryId: e.id,
      dismissed: e.dismissedAt ? { at: e.dismissedAt, reason: reader.kind === "support_person" ? null : e.dismissedReason } : null,
    }));
  const pieces = [meetingPiece, ...entries, ...shownConcerns];
  return {
    meetingId: meeting.id, title: meeting.title, scheduledAt: meeting.scheduledAt, place: meeting.place, heldAt: meeting.heldAt,
    came: meeting.invitees.filter((i) => i.attended === true).map((i) => i.name),
    strengths: lines("strength"),
    jobIdeas: lines("job_idea"),
    concerns: shownConcerns.map((c) => ({ type: c.type, text: c.description, by: c.raisedByName, whenText: null, plan: c.mitigationPlan })),
    ideas: lines("idea"),
    commitments: lines("commitment"),
    nextSteps: lines("next_step"),
    leftOut: entries.length < meeting.entries.length || shownConcerns.length < concerns.filter((c) => c.meetingId === meeting.id).length,
    discloses: disclosedCategories(pieces),
    part2Notice: needsRedisclosureNotice(pieces),
  };
}

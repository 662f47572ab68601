import { mayDisclose, type DisclosurePiece, type Reader } from "../consent/disclosure.ts";
import type { ConsentHistory, PersonFacts } from "../consent/check.ts";
import type { Involvement } from "../consent/model.ts";
import type { SupportKind } from "../network/vocabulary.ts";
import type { HelpRequestActions, HelpRequestStatus } from "./model.ts";

/**
 * What a support person's own page may show and let them do. Every piece goes
 * through the consent-by-content gate with the way it reaches them: the plan
 * (the work goal, their commitments) as "receive the plan", meetings as "attend
 * meetings", wins and help requests as "be contacted". Pure: no clock, no I/O.
 */
export interface SupportReader {
  person: PersonFacts & { helpKinds: readonly SupportKind[] };
  history: ConsentHistory;
}

function reader(r: SupportReader): Reader {
  return { kind: "support_person", person: r.person };
}

export function mayShow(r: SupportReader, piece: DisclosurePiece, involvement: Involvement, at: Date): boolean {
  return mayDisclose(r.history, reader(r), piece, involvement, at);
}

/** The work goal is a piece of the plan that says what work the participant wants. */
export const WORK_GOAL_PIECE: DisclosurePiece = { categories: ["employment_goals"] };

/**
 * A meeting they are invited to, from today on, still planned or called off: a
 * cancelled meeting stays on their page, plainly marked, so nobody turns up to
 * it. A held meeting is no longer "upcoming". Meeting times are the program's
 * wall clock, so the day is compared, not the instant.
 */
export function mayShowMeeting(r: SupportReader, meeting: DisclosurePiece & { scheduledAt: string; status: string; invited: boolean }, at: Date): boolean {
  return meeting.invited && (meeting.status === "planned" || meeting.status === "cancelled")
    && meeting.scheduledAt.slice(0, 10) >= at.toISOString().slice(0, 10) && mayShow(r, meeting, "attendMeetings", at);
}

/** Yes, no or maybe is asked only of a meeting that is still going ahead. */
export function mayAnswerMeeting(r: SupportReader, meeting: DisclosurePiece & { scheduledAt: string; status: string; invited: boolean }, at: Date): boolean {
  return meeting.status === "planned" && mayShowMeeting(r, meeting, at);
}

/** A plan item is theirs when it names them as the one who helps, and it is shared with supports; a dismissed one is no longer theirs to do. */
export function mayShowCommitment(r: SupportReader, item: DisclosurePiece & { supportPersonId: string | null; sharedWithSupports: boolean; status: string; dismissedAt: string | null }, at: Date): boolean {
  return item.supportPersonId === r.person.id && item.sharedWithSupports && item.status !== "done" && item.dismissedAt === null && mayShow(r, item, "receivePlan", at);
}

/** A win the specialist chose to celebrate with them. */
export function mayShowWin(r: SupportReader, win: DisclosurePiece & { celebrateWith: readonly string[] }, at: Date): boolean {
  return win.celebrateWith.includes(r.person.id) && mayShow(r, win, "contact", at);
}

/**
 * A help request they can claim: still open, not in the past, of a kind of help
 * they said they give, and telling nothing their consent does not cover.
 */
export function mayClaimHelp(r: SupportReader, request: DisclosurePiece & { kind: SupportKind; status: string; neededOn: string }, at: Date): boolean {
  return request.status === "open"
    && request.neededOn >= at.toISOString().slice(0, 10)
    && r.person.helpKinds.includes(request.kind)
    && mayShow(r, request, "contact", at);
}

/**
 * What someone who may change the request (the specialist who may change the
 * plan, or the participant on their own page) may do with it: withdraw it while
 * nobody has claimed it, and mark it done once someone has. A done or withdrawn
 * request is history, read only.
 */
export function helpRequestActions(mayChange: boolean, request: { status: HelpRequestStatus }): HelpRequestActions {
  return { withdraw: mayChange && request.status === "open", markDone: mayChange && request.status === "claimed" };
}

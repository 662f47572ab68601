import { z } from "zod";
import {
  addMeetingEntry, cancelMeeting, commitmentToPlanItem, createMeeting, dismissCommitment, restoreCommitment, getMeeting, getMeetingMinutes, invitableSupports, listMeetings, recordAttendance, recordResponse,
  sendInvitations, setMeetingDisclosure, setMeetingStep, updateMeeting,
  type MeetingResult,
} from "../../../domain/meetings/meetings.server.ts";
import { calendarSender } from "../../../domain/meetings/invitations.ts";
import {
  commitmentDismissSchema, inviteResponseSchema, invitableSupportsSchema, meetingAttendanceSchema, meetingCancelSchema, meetingDisclosureInputSchema, meetingEntryInputSchema, meetingInputSchema,
  meetingMinutesQuerySchema, meetingMinutesSchema, meetingSchema, meetingStepSchema, meetingSummarySchema, meetingUpdateSchema,
} from "../../../domain/meetings/model.ts";
import { commitmentToPlanItemSchema, planItemSchema } from "../../../domain/plans/model.ts";
import { defineOperation, failure, notFound, reply, replyText } from "../operation.ts";

const NOT_FOUND = "No such participant or meeting, or you may not see it";

const notInvitable = (people: string[]) =>
  failure(422, "not_invitable", "Someone chosen cannot be invited: their consent does not allow meetings, or they are marked do not contact. Nothing was saved.",
    people.map((id) => ({ path: "inviteeIds", code: "not_invitable", message: `${id} cannot be invited.` })));

const PAST = failure(422, "past", "That time has already passed where the program is. Nothing was saved.", [
  { path: "scheduledAt", code: "past", message: "Choose a date and time from now on." },
]);

/** Changes to a meeting that hold no version: not found, or someone who may not be invited. */
function meetingSaved(result: MeetingResult) {
  if (result.ok) return reply(200, result.meeting);
  if (result.reason === "not_invitable") return notInvitable(result.people);
  return notFound();
}

/** A change refused because the meeting moved on: another version was saved first, or it is no longer planned. */
function overtaken(result: Extract<MeetingResult, { reason: "conflict" | "not_changeable" }>) {
  return result.reason === "conflict"
    ? failure(409, "conflict", `Someone changed this meeting first: it is at version ${result.current.version}. Nothing was saved.`)
    : failure(409, "not_changeable", `The meeting is ${result.status}: only a planned meeting can be changed or cancelled. Nothing was saved.`);
}

/** Meetings with the participant and their supports, from planning to what was said. */
export const meetingOperations = [
  defineOperation({
    operationId: "listInvitableSupports",
    method: "get",
    path: "/participants/{id}/invitable-supports",
    summary: "Who may be invited to a meeting right now (active consent allowing meetings, not do-not-contact), and who may not and why",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The two lists", body: invitableSupportsSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await listMeetings(db, access, meta);
      if (!view) return notFound();
      const { invitable, notInvitable } = await invitableSupports(db, access);
      return reply(200, {
        invitable: invitable.map((x) => ({ id: x.id, name: x.name })),
        notInvitable: notInvitable.map((x) => ({ id: x.id, name: x.name, reason: x.reason })),
      });
    },
  }),
  defineOperation({
    operationId: "listMeetings",
    method: "get",
    path: "/participants/{id}/meetings",
    summary: "The participant's meetings, newest first",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The meetings", body: z.object({ meetings: z.array(meetingSummarySchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await listMeetings(db, access, meta);
      return view ? reply(200, { meetings: view.meetings }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createMeeting",
    method: "post",
    path: "/participants/{id}/meetings",
    summary: "Plan a meeting with the participant",
    description: "`scheduledAt` is the local wall-clock time where the meeting is held (YYYY-MM-DDTHH:MM); calendar files carry it as floating local time. Every invitee must be invitable now.",
    permission: "update:participant",
    participant: "update",
    body: meetingInputSchema,
    responses: { 201: { description: "Planned", body: meetingSchema }, 404: NOT_FOUND, 422: "Someone in inviteeIds cannot be invited. Nothing was saved." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await createMeeting(db, access, body, meta);
      if (result.ok) return reply(201, result.meeting);
      if (result.reason === "not_invitable") return notInvitable(result.people);
      if (result.reason === "past") return PAST;
      return notFound();
    },
  }),
  defineOperation({
    operationId: "updateMeeting",
    method: "put",
    path: "/participants/{id}/meetings/{meetingId}",
    summary: "Change, reschedule or re-invite a planned meeting",
    description: "Send everything the meeting should now be, with the `version` it was read at. `inviteeIds` is the whole list: people left out are taken off and handed a cancellation. A change to what an invitation says raises `sequence`, so each calendar file becomes an update of the same event.",
    permission: "update:participant",
    participant: "update",
    body: meetingUpdateSchema,
    responses: {
      200: { description: "Saved", body: meetingSchema }, 404: NOT_FOUND,
      409: "Changed by someone else first (version), or no longer planned. Nothing was saved.", 422: "A time gone by, or someone who cannot be invited. Nothing was saved.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await updateMeeting(db, access, params.meetingId, body, meta);
      if (!result.ok && (result.reason === "conflict" || result.reason === "not_changeable")) return overtaken(result);
      if (!result.ok && result.reason === "past") return PAST;
      return meetingSaved(result);
    },
  }),
  defineOperation({
    operationId: "cancelMeeting",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/cancel",
    summary: "Cancel a planned meeting: kept on the record as cancelled; invitees' calendar files become the cancellation",
    permission: "update:participant",
    participant: "update",
    body: meetingCancelSchema,
    responses: { 200: { description: "Cancelled", body: meetingSchema }, 404: NOT_FOUND, 409: "Changed by someone else first (version), or no longer planned. Nothing was saved." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await cancelMeeting(db, access, params.meetingId, body.version, meta);
      if (result.ok) return reply(200, result.meeting);
      if (result.reason === "conflict" || result.reason === "not_changeable") return overtaken(result);
      return notFound();
    },
  }),
  defineOperation({
    operationId: "recordMeetingAttendance",
    method: "put",
    path: "/participants/{id}/meetings/{meetingId}/attendance",
    summary: "Note who came: the invitees listed came, the others did not",
    permission: "update:participant",
    participant: "update",
    body: meetingAttendanceSchema,
    responses: { 200: { description: "Saved", body: meetingSchema }, 404: NOT_FOUND, 409: "The meeting was cancelled." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await recordAttendance(db, access, params.meetingId, body.cameIds, meta);
      if (result.ok) return reply(200, result.meeting);
      if (result.reason === "not_changeable") return overtaken(result);
      return notFound();
    },
  }),
  defineOperation({
    operationId: "getMeetingMinutes",
    method: "get",
    path: "/participants/{id}/meetings/{meetingId}/minutes",
    summary: "A held meeting's minutes; with ?for=<supportPersonId>, the copy for one person who came, holding only what their consent covers (recorded as a disclosure to them)",
    permission: "read:participant",
    participant: "read",
    query: meetingMinutesQuerySchema,
    responses: { 200: { description: "The minutes (null: the person's consent does not cover the meeting)", body: z.object({ minutes: meetingMinutesSchema.nullable() }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, query, meta }) => {
      const view = await getMeetingMinutes(db, access, params.meetingId, query.for ?? null, meta);
      return view ? reply(200, { minutes: view.minutes }) : notFound();
    },
  }),
  defineOperation({
    operationId: "getMeeting",
    method: "get",
    path: "/participants/{id}/meetings/{meetingId}",
    summary: "One meeting with its invitees and everything recorded in it",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The meeting", body: meetingSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await getMeeting(db, access, params.meetingId, meta);
      return view ? reply(200, view.meeting) : notFound();
    },
  }),
  defineOperation({
    operationId: "recordMeetingResponse",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/responses",
    summary: "Record an invitee's reply (yes, no, maybe)",
    permission: "update:participant",
    participant: "update",
    body: inviteResponseSchema,
    responses: { 200: { description: "Recorded", body: meetingSchema }, 404: NOT_FOUND, 422: "The invitee's consent no longer allows meetings." },
    handler: async ({ db, access, params, body, meta }) =>
      meetingSaved(await recordResponse(db, access, params.meetingId, body.supportPersonId, body.response, meta)),
  }),
  defineOperation({
    operationId: "setMeetingStep",
    method: "put",
    path: "/participants/{id}/meetings/{meetingId}/step",
    summary: "Move to an agenda step (0-5) while running the meeting; 6 finishes it",
    permission: "update:participant",
    participant: "update",
    body: meetingStepSchema,
    responses: { 200: { description: "Saved", body: meetingSchema }, 404: NOT_FOUND, 409: "The meeting was cancelled.", 422: "Finishing before the meeting's day." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await setMeetingStep(db, access, params.meetingId, body.step, meta);
      if (result.ok) return reply(200, result.meeting);
      if (result.reason === "not_changeable") return overtaken(result);
      if (result.reason === "too_early") return failure(422, "too_early", "The meeting is planned for a later day; it can be finished on that day or after.");
      return notFound();
    },
  }),
  defineOperation({
    operationId: "setMeetingDisclosure",
    method: "put",
    path: "/participants/{id}/meetings/{meetingId}/discloses",
    summary: "Mark what the meeting's title, place and agenda disclose (consent categories)",
    description: "Invitations go only to invitees whose consent covers every category; an empty list sends nothing. Substance use treatment with invitees needs `confirmSubstanceUse`. Send the `version` the meeting was read at.",
    permission: "update:participant",
    participant: "update",
    body: meetingDisclosureInputSchema,
    responses: {
      200: { description: "Saved", body: meetingSchema }, 404: NOT_FOUND, 409: "Changed by someone else first (version). Nothing was saved.",
      422: "Substance use treatment marked without the confirmation.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await setMeetingDisclosure(db, access, params.meetingId, body, meta);
      if (result.ok) return reply(200, result.meeting);
      if (result.reason === "conflict") return overtaken(result);
      if (result.reason === "confirm_substance_use") {
        return failure(422, "confirm_substance_use", "The meeting has invitees: marking it substance use treatment needs confirmSubstanceUse. Nothing was saved.", [
          { path: "confirmSubstanceUse", code: "required", message: "Confirm that the people invited may be told about substance use treatment." },
        ]);
      }
      return notFound();
    },
  }),
  defineOperation({
    operationId: "addMeetingEntry",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/entries",
    summary: "Record a strength, idea, commitment or next step said in the meeting",
    description: "Sending the same `clientKey` again saves nothing new and answers the meeting as it is.",
    permission: "update:participant",
    participant: "update",
    body: meetingEntryInputSchema,
    responses: { 200: { description: "Saved (or already saved)", body: meetingSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await addMeetingEntry(db, access, params.meetingId, body, meta);
      return result.ok ? reply(200, result.meeting) : notFound();
    },
  }),
  defineOperation({
    operationId: "commitmentToPlanItem",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/entries/{entryId}/plan-item",
    summary: "Turn a commitment made in the meeting into a job support plan item",
    permission: "update:participant",
    participant: "update",
    body: commitmentToPlanItemSchema,
    responses: {
      201: { description: "The new plan item", body: planItemSchema },
      404: NOT_FOUND,
      409: "Already in the plan.",
      422: "The person who made it is no longer on the network.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await commitmentToPlanItem(db, access, params.meetingId, params.entryId, body, meta);
      if (result.ok) return reply(201, result.item);
      if (result.reason === "already_in_plan") return failure(409, "already_in_plan", "This commitment is already in the plan. Nothing changed.");
      if (result.reason === "invalid_support_person") {
        return failure(422, "invalid_support_person", "The person who made this commitment is no longer on the network, or is marked do not contact.");
      }
      return notFound();
    },
  }),
  defineOperation({
    operationId: "dismissCommitment",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/entries/{entryId}/dismiss",
    summary: "Set aside a commitment made in the meeting, with an optional reason",
    description: "Nothing is deleted: the minutes keep it marked dismissed, and the plan item made from it (if any) is marked too, so it leaves the support person's page and reminders. Dismissing it again keeps the first date and reason. The same as the minutes page's \"Dismiss this commitment\".",
    permission: "update:participant",
    participant: "update",
    body: commitmentDismissSchema,
    bodyOptional: true,
    responses: { 200: { description: "The meeting, with the commitment marked dismissed", body: meetingSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await dismissCommitment(db, access, params.meetingId, params.entryId, body, meta);
      return result.ok ? reply(200, result.meeting) : notFound();
    },
  }),
  defineOperation({
    operationId: "restoreCommitment",
    method: "post",
    path: "/participants/{id}/meetings/{meetingId}/entries/{entryId}/restore",
    summary: "Bring back a dismissed commitment (and the plan item made from it)",
    description: "Restoring a commitment that stands changes nothing.",
    permission: "update:participant",
    participant: "update",
    responses: { 200: { description: "The meeting, with the commitment standing again", body: meetingSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const result = await restoreCommitment(db, access, params.meetingId, params.entryId, meta);
      return result.ok ? reply(200, result.meeting) : notFound();
    },
  }),
  defineOperation({
    operationId: "getMeetingInvitationIcs",
    method: "get",
    path: "/participants/{id}/meetings/{meetingId}/invitees/{personId}/ics",
    summary: "The invitation as an iCalendar file, only while the invitee's consent allows meetings",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "RFC 5545 calendar", mediaType: "text/calendar" }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const result = await sendInvitations(db, access, params.meetingId, calendarSender, { supportPersonId: params.personId }, meta);
      const ics = result.ok ? result.sent[0] : undefined;
      return ics ? replyText(200, ics) : notFound();
    },
  }),
];

import express, { type Request, type Response } from "express";
import { z } from "zod";
import type { DbHandle } from "../../db/index.ts";
import { createConcern, readConcerns, updateConcern, type ConcernResult } from "../../domain/concerns/concerns.server.ts";
import { concernInputSchema, concernSchema, concernUpdateSchema } from "../../domain/concerns/model.ts";
import {
  addMeetingEntry, commitmentToPlanItem, createMeeting, getMeeting, invitableSupports, listMeetings, recordResponse, sendInvitations, setMeetingStep,
  type MeetingResult,
} from "../../domain/meetings/meetings.server.ts";
import { calendarSender } from "../../domain/meetings/invitations.ts";
import { MEETING_KINDS, MEETING_STATUSES, MEETING_STEPS, inviteResponseSchema, meetingEntryInputSchema, meetingInputSchema, meetingSchema, meetingStepSchema } from "../../domain/meetings/model.ts";
import { encouragementInputSchema, milestoneInputSchema, milestoneSchema } from "../../domain/milestones/model.ts";
import { addEncouragement, addMilestone, listMilestones } from "../../domain/milestones/milestones.server.ts";
import { SUPPORT_KINDS } from "../../domain/network/vocabulary.ts";
import { planItemInputSchema, planItemSchema, planItemUpdateSchema, PLAN_STATUSES, PROVIDERS } from "../../domain/plans/model.ts";
import { createPlanItem, getTakeHomePlan, listPlanItems, planItemHistory, updatePlanItem, type PlanSaveResult } from "../../domain/plans/plans.server.ts";
import { fieldErrors, sendError, sendNotFound } from "./errors.ts";
import { authorizeCall } from "./router.ts";

/** One past the last agenda step finishes the meeting. */
const MEETING_STEP_COUNT = MEETING_STEPS.length;

const meetingSummarySchema = z.object({
  id: z.string(), kind: z.enum(MEETING_KINDS), title: z.string(), scheduledAt: z.string(), status: z.enum(MEETING_STATUSES), place: z.string(),
});
const invitableResponseSchema = z.object({
  invitable: z.array(z.object({ id: z.string(), name: z.string() })),
  notInvitable: z.array(z.object({ id: z.string(), name: z.string(), reason: z.enum(["no_meeting_consent", "do_not_contact"]) })),
});
const commitmentInputSchema = z.strictObject({ kind: z.enum(SUPPORT_KINDS, { error: "plan.kind.invalid" }) });
const planHistorySchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), changedFields: z.array(z.string()), item: planItemSchema, changedAt: z.string(), changedBy: z.string() })),
});
const takeHomeSchema = z.object({
  allowed: z.boolean().describe("False when this reader may see nothing; every other field is then empty"),
  participantName: z.string(),
  workGoal: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), kind: z.enum(SUPPORT_KINDS), description: z.string(), who: z.string(), provider: z.enum(PROVIDERS), when: z.string().nullable(), status: z.enum(PLAN_STATUSES) })),
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
  specialist: z.object({ name: z.string(), email: z.string() }).nullable(),
  hardDayHelpers: z.array(z.string()),
  redisclosureNotice: z.boolean().describe("The reader holds a substance use treatment consent: the copy must carry the 42 CFR Part 2 redisclosure notice"),
});
const takeHomeQuerySchema = z.object({ for: z.string().trim().min(1).max(100).optional() });
const milestonesResponseSchema = z.object({
  milestones: z.array(milestoneSchema),
  generalNotes: z.array(z.object({ id: z.string(), fromLabel: z.string(), text: z.string(), createdAt: z.string() })),
  celebrateOptions: z.array(z.object({ id: z.string(), name: z.string() })),
});

function sendMeetingResult(res: Response, result: MeetingResult, status = 200) {
  if (result.ok) return res.status(status).json(result.meeting);
  if (result.reason === "not_invitable") {
    return sendError(res, 422, "not_invitable", "Someone chosen cannot be invited: their consent does not allow meetings, or they are marked do not contact. Nothing was saved.",
      result.people.map((id) => ({ path: "inviteeIds", code: "not_invitable", message: `${id} cannot be invited.` })));
  }
  if (result.reason === "conflict") return sendError(res, 409, "conflict", "The meeting changed. Nothing was saved.", [], { current: result.current });
  sendNotFound(res);
}

function sendConcernResult(res: Response, result: ConcernResult, status = 200) {
  if (result.ok) return res.status(status).json(result.concern);
  if (result.reason === "conflict") return sendError(res, 409, "conflict", "Someone saved a newer version of this concern. Nothing was saved.", [], { current: result.current });
  sendNotFound(res);
}

function sendPlanResult(res: Response, result: PlanSaveResult, status = 200) {
  if (result.ok) return res.status(status).json(result.item);
  if (result.reason === "conflict") return sendError(res, 409, "conflict", "Someone saved a newer version of this plan item. Nothing was saved.", [], { current: result.current });
  if (result.reason === "invalid_support_person") {
    return sendError(res, 422, "invalid_support_person", "That support person is not on the network now, or is marked do not contact.", [
      { path: "supportPersonId", code: "invalid_support_person", message: "Choose someone on the participant's current network." },
    ]);
  }
  sendNotFound(res);
}

function invalid(res: Response, error: z.ZodError) {
  sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(error));
}

/** Meetings, concerns, the job support plan and small wins, under /participants/:id. */
export function meetingsApi(database: DbHandle): express.Router {
  const router = express.Router();
  const { db } = database;
  const p = (req: Request, name: string) => String(req.params[name]);

  router.get("/:id/invitable-supports", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await listMeetings(db, access, res.locals.state.meta);
    if (!view) return sendNotFound(res);
    const { invitable, notInvitable } = await invitableSupports(db, access);
    res.json({ invitable: invitable.map((x) => ({ id: x.id, name: x.name })), notInvitable: notInvitable.map((x) => ({ id: x.id, name: x.name, reason: x.reason })) });
  });

  router.get("/:id/meetings", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await listMeetings(db, access, res.locals.state.meta);
    if (!view) return sendNotFound(res);
    res.json({ meetings: view.meetings });
  });

  router.post("/:id/meetings", async (req: Request, res: Response) => {
    const input = meetingInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendMeetingResult(res, await createMeeting(db, access, input.data, res.locals.state.meta), 201);
  });

  router.get("/:id/meetings/:meetingId", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await getMeeting(db, access, p(req, "meetingId"), res.locals.state.meta);
    if (!view) return sendNotFound(res);
    res.json(view.meeting);
  });

  router.post("/:id/meetings/:meetingId/responses", async (req: Request, res: Response) => {
    const input = inviteResponseSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendMeetingResult(res, await recordResponse(db, access, p(req, "meetingId"), input.data.supportPersonId, input.data.response, res.locals.state.meta));
  });

  router.put("/:id/meetings/:meetingId/step", async (req: Request, res: Response) => {
    const input = meetingStepSchema.extend({ step: z.coerce.number().int().min(0).max(MEETING_STEP_COUNT) }).safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendMeetingResult(res, await setMeetingStep(db, access, p(req, "meetingId"), input.data.step, res.locals.state.meta));
  });

  router.post("/:id/meetings/:meetingId/entries", async (req: Request, res: Response) => {
    const input = meetingEntryInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendMeetingResult(res, await addMeetingEntry(db, access, p(req, "meetingId"), input.data, res.locals.state.meta));
  });

  router.post("/:id/meetings/:meetingId/entries/:entryId/plan-item", async (req: Request, res: Response) => {
    const input = commitmentInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await commitmentToPlanItem(db, access, p(req, "meetingId"), p(req, "entryId"), input.data, res.locals.state.meta);
    if (result.ok) return res.status(201).json(result.item);
    if (result.reason === "already_in_plan") return sendError(res, 409, "already_in_plan", "This commitment is already in the plan. Nothing changed.");
    if (result.reason === "invalid_support_person") return sendError(res, 422, "invalid_support_person", "The person who made this commitment is no longer on the network, or is marked do not contact.");
    sendNotFound(res);
  });

  router.get("/:id/meetings/:meetingId/invitees/:personId/ics", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const result = await sendInvitations(db, access, p(req, "meetingId"), calendarSender, { supportPersonId: p(req, "personId") }, res.locals.state.meta);
    const ics = result.ok ? result.sent[0] : undefined;
    if (!ics) return sendNotFound(res);
    res.type("text/calendar; charset=utf-8").send(ics);
  });

  router.get("/:id/concerns", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const concerns = await readConcerns(db, access, res.locals.state.meta);
    if (!concerns) return sendNotFound(res);
    res.json({ concerns });
  });

  router.post("/:id/concerns", async (req: Request, res: Response) => {
    const input = concernInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendConcernResult(res, await createConcern(db, access, input.data, res.locals.state.meta), 201);
  });

  router.put("/:id/concerns/:concernId", async (req: Request, res: Response) => {
    const input = concernUpdateSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendConcernResult(res, await updateConcern(db, access, p(req, "concernId"), input.data, res.locals.state.meta));
  });

  router.get("/:id/plan-items", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const items = await listPlanItems(db, access, res.locals.state.meta);
    if (!items) return sendNotFound(res);
    res.json({ items });
  });

  router.post("/:id/plan-items", async (req: Request, res: Response) => {
    const input = planItemInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendPlanResult(res, await createPlanItem(db, access, input.data, res.locals.state.meta), 201);
  });

  router.put("/:id/plan-items/:itemId", async (req: Request, res: Response) => {
    const input = planItemUpdateSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendPlanResult(res, await updatePlanItem(db, access, p(req, "itemId"), input.data, res.locals.state.meta));
  });

  router.get("/:id/plan-items/:itemId/history", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const versions = await planItemHistory(db, access, p(req, "itemId"), res.locals.state.meta);
    if (!versions || versions.length === 0) return sendNotFound(res);
    res.json({ versions });
  });

  router.get("/:id/take-home-plan", async (req: Request, res: Response) => {
    const query = takeHomeQuerySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, "invalid_query", "The query is not valid.", fieldErrors(query.error));
    const audience = query.data.for ? { kind: "support" as const, supportPersonId: query.data.for } : { kind: "participant" as const };
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const plan = await getTakeHomePlan(db, access, audience, res.locals.state.meta);
    if (!plan) return sendNotFound(res);
    res.json(plan);
  });

  router.get("/:id/milestones", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await listMilestones(db, access, res.locals.state.meta);
    if (!view) return sendNotFound(res);
    res.json({ milestones: view.milestones, generalNotes: view.generalNotes, celebrateOptions: view.celebrateOptions });
  });

  router.post("/:id/milestones", async (req: Request, res: Response) => {
    const input = milestoneInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await addMilestone(db, access, input.data, res.locals.state.meta);
    if (result.ok) return res.status(201).json(result.milestone);
    if (result.reason === "not_consented") {
      return sendError(res, 422, "not_consented", "Someone in celebrateWith has no active consent. Nothing was saved.", [
        { path: "celebrateWith", code: "not_consented", message: "Only supports with an active consent can be told about a win." },
      ]);
    }
    sendNotFound(res);
  });

  router.post("/:id/encouragement-notes", async (req: Request, res: Response) => {
    const input = encouragementInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await addEncouragement(db, access, input.data, res.locals.state.meta);
    if (!result.ok) return sendNotFound(res);
    res.status(201).json({ ok: true });
  });
  return router;
}

type Content = { "application/json": { schema: Record<string, unknown> } };
type Json = (s: z.ZodType, io?: "input" | "output") => Content;
type ErrorResponse = (description: string) => Record<string, unknown>;

/** The OpenAPI paths of meetings, concerns, the plan and wins, from the same schemas the handlers use. */
export function meetingsPaths(h: { json: Json; errorResponse: ErrorResponse; common: Record<string, unknown> }) {
  const { json, errorResponse, common } = h;
  const path = (name: string, description?: string) => ({ name, in: "path", required: true, schema: { type: "string" }, ...(description ? { description } : {}) });
  const id = path("id", "The participant");
  const meetingId = path("meetingId");
  const notFound = errorResponse("No such participant or record, or you may not see it");
  const conflict = errorResponse("Someone saved a newer version; `current` holds it. Nothing was saved.");
  const meetingOut = { content: json(meetingSchema) };
  return {
    "/participants/{id}/invitable-supports": {
      parameters: [id],
      get: {
        operationId: "listInvitableSupports",
        summary: "Who may be invited to a meeting right now (active consent allowing meetings, not do-not-contact), and who may not and why",
        responses: { "200": { description: "The two lists", content: json(invitableResponseSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/meetings": {
      parameters: [id],
      get: {
        operationId: "listMeetings",
        summary: "The participant's meetings, newest first",
        responses: { "200": { description: "The meetings", content: json(z.object({ meetings: z.array(meetingSummarySchema) })) }, ...common, "404": notFound },
      },
      post: {
        operationId: "createMeeting",
        summary: "Plan a meeting with the participant",
        description: "`scheduledAt` is the local wall-clock time where the meeting is held (YYYY-MM-DDTHH:MM); calendar files carry it as floating local time. Every invitee must be invitable now.",
        requestBody: { required: true, content: json(meetingInputSchema, "input") },
        responses: { "201": { description: "Planned", ...meetingOut }, ...common, "404": notFound, "422": errorResponse("Someone in inviteeIds cannot be invited. Nothing was saved.") },
      },
    },
    "/participants/{id}/meetings/{meetingId}": {
      parameters: [id, meetingId],
      get: { operationId: "getMeeting", summary: "One meeting with its invitees and everything recorded in it", responses: { "200": { description: "The meeting", ...meetingOut }, ...common, "404": notFound } },
    },
    "/participants/{id}/meetings/{meetingId}/responses": {
      parameters: [id, meetingId],
      post: {
        operationId: "recordMeetingResponse",
        summary: "Record an invitee's reply (yes, no, maybe)",
        requestBody: { required: true, content: json(inviteResponseSchema, "input") },
        responses: { "200": { description: "Recorded", ...meetingOut }, ...common, "404": notFound, "422": errorResponse("The invitee's consent no longer allows meetings.") },
      },
    },
    "/participants/{id}/meetings/{meetingId}/step": {
      parameters: [id, meetingId],
      put: {
        operationId: "setMeetingStep",
        summary: "Move to an agenda step (0-5) while running the meeting; 6 finishes it",
        requestBody: { required: true, content: json(z.strictObject({ step: z.number().int().min(0).max(MEETING_STEP_COUNT) }), "input") },
        responses: { "200": { description: "Saved", ...meetingOut }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/meetings/{meetingId}/entries": {
      parameters: [id, meetingId],
      post: {
        operationId: "addMeetingEntry",
        summary: "Record a strength, idea, commitment or next step said in the meeting",
        description: "Sending the same `clientKey` again saves nothing new and answers the meeting as it is.",
        requestBody: { required: true, content: json(meetingEntryInputSchema, "input") },
        responses: { "200": { description: "Saved (or already saved)", ...meetingOut }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/meetings/{meetingId}/entries/{entryId}/plan-item": {
      parameters: [id, meetingId, path("entryId", "A commitment")],
      post: {
        operationId: "commitmentToPlanItem",
        summary: "Turn a commitment made in the meeting into a job support plan item",
        requestBody: { required: true, content: json(commitmentInputSchema, "input") },
        responses: {
          "201": { description: "The new plan item", content: json(planItemSchema) }, ...common, "404": notFound,
          "409": errorResponse("Already in the plan."), "422": errorResponse("The person who made it is no longer on the network."),
        },
      },
    },
    "/participants/{id}/meetings/{meetingId}/invitees/{personId}/ics": {
      parameters: [id, meetingId, path("personId")],
      get: {
        operationId: "getMeetingInvitationIcs",
        summary: "The invitation as an iCalendar file, only while the invitee's consent allows meetings",
        responses: { "200": { description: "RFC 5545 calendar", content: { "text/calendar": { schema: { type: "string" } } } }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/concerns": {
      parameters: [id],
      get: { operationId: "listConcerns", summary: "Concerns on the participant's record", responses: { "200": { description: "The concerns", content: json(z.object({ concerns: z.array(concernSchema) })) }, ...common, "404": notFound } },
      post: {
        operationId: "createConcern",
        summary: "Log a concern, in a meeting or not; the same clientKey twice records it once",
        requestBody: { required: true, content: json(concernInputSchema, "input") },
        responses: { "201": { description: "Logged", content: json(concernSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/concerns/{concernId}": {
      parameters: [id, path("concernId")],
      put: {
        operationId: "updateConcern",
        summary: "Change a concern's status and mitigation plan over the version you read",
        requestBody: { required: true, content: json(concernUpdateSchema, "input") },
        responses: { "200": { description: "Saved", content: json(concernSchema) }, ...common, "404": notFound, "409": conflict },
      },
    },
    "/participants/{id}/plan-items": {
      parameters: [id],
      get: { operationId: "listPlanItems", summary: "The job support plan", responses: { "200": { description: "The items", content: json(z.object({ items: z.array(planItemSchema) })) }, ...common, "404": notFound } },
      post: {
        operationId: "createPlanItem",
        summary: "Add an item to the job support plan",
        requestBody: { required: true, content: json(planItemInputSchema, "input") },
        responses: { "201": { description: "Added", content: json(planItemSchema) }, ...common, "404": notFound, "422": errorResponse("The support person is not on the current network.") },
      },
    },
    "/participants/{id}/plan-items/{itemId}": {
      parameters: [id, path("itemId")],
      put: {
        operationId: "updatePlanItem",
        summary: "Save a plan item over the version you read; the old version is kept",
        requestBody: { required: true, content: json(planItemUpdateSchema, "input") },
        responses: { "200": { description: "Saved", content: json(planItemSchema) }, ...common, "404": notFound, "409": conflict, "422": errorResponse("The support person is not on the current network.") },
      },
    },
    "/participants/{id}/plan-items/{itemId}/history": {
      parameters: [id, path("itemId")],
      get: { operationId: "getPlanItemHistory", summary: "Every version of a plan item: what changed, who, when", responses: { "200": { description: "The versions, oldest first", content: json(planHistorySchema) }, ...common, "404": notFound } },
    },
    "/participants/{id}/take-home-plan": {
      parameters: [id],
      get: {
        operationId: "getTakeHomePlan",
        summary: "The take-home plan: the participant's, or with `for` a support person's copy, through the consent check at this moment",
        parameters: [{ name: "for", in: "query", schema: { type: "string" }, description: "A support person's id" }],
        responses: { "200": { description: "The plan; `allowed: false` and nothing else when the reader may see nothing", content: json(takeHomeSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/milestones": {
      parameters: [id],
      get: { operationId: "listMilestones", summary: "Small wins, newest first, with encouragement notes", responses: { "200": { description: "The wins", content: json(milestonesResponseSchema) }, ...common, "404": notFound } },
      post: {
        operationId: "addMilestone",
        summary: "Add a win; celebrateWith may name only supports with an active consent",
        requestBody: { required: true, content: json(milestoneInputSchema, "input") },
        responses: { "201": { description: "Added", content: json(milestoneSchema) }, ...common, "404": notFound, "422": errorResponse("Someone in celebrateWith has no active consent.") },
      },
    },
    "/participants/{id}/encouragement-notes": {
      parameters: [id],
      post: {
        operationId: "addEncouragement",
        summary: "Record a note of encouragement, about one win or in general",
        requestBody: { required: true, content: json(encouragementInputSchema, "input") },
        responses: { "201": { description: "Recorded", content: json(z.object({ ok: z.boolean() })) }, ...common, "404": notFound },
      },
    },
  };
}

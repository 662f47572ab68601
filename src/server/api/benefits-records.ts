import express, { type Request, type Response } from "express";
import { z } from "zod";
import type { DbHandle } from "../../db/index.ts";
import { addPayStub, recordEarningsReport, voidPayStub } from "../../domain/benefits/earnings.server.ts";
import { createReferral, getBenefitsOverview, saveBenefitsProfile, updateReferral, type ReferralSaveResult } from "../../domain/benefits/profile.server.ts";
import {
  benefitsOverviewSchema, benefitsProfileInputSchema, benefitsProfileSchema, earningsReportInputSchema, earningsReportSchema,
  payStubInputSchema, payStubSchema, payStubVoidSchema, referralInputSchema, referralSchema, referralUpdateSchema,
} from "../../domain/benefits/records.ts";
import { fieldErrors, sendError, sendNotFound } from "./errors.ts";
import { authorizeCall } from "./router.ts";

/**
 * A participant's benefits records over HTTP, under /participants/:id/benefits:
 * the profile, benefits counselor referrals, the earnings log and the months
 * reported to SSA. The same schemas and domain commands as the benefits page.
 */

function invalid(res: Response, error: z.ZodError) {
  sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(error));
}

function sendReferral(res: Response, result: ReferralSaveResult, createdStatus = 200) {
  if (result.ok) return res.status(createdStatus).json(result.referral);
  if (result.reason === "not_found") return sendNotFound(res);
  sendError(res, 409, "conflict", "Someone changed this referral after you read it. Nothing was saved.", [], { current: result.current });
}

export function benefitsRecordsApi(database: DbHandle): express.Router {
  const router = express.Router();
  const { db } = database;
  const meta = (res: Response) => res.locals.state.meta;

  router.get("/:id/benefits", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await getBenefitsOverview(db, access, meta(res));
    if (!view) return sendNotFound(res);
    const { studentExclusionUsed: _unused, ...overview } = view.overview;
    res.json(overview);
  });

  router.put("/:id/benefits/profile", async (req: Request, res: Response) => {
    const input = benefitsProfileInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await saveBenefitsProfile(db, access, input.data, meta(res));
    if (result.ok) return res.json(result.profile);
    if (result.reason === "not_found") return sendNotFound(res);
    sendError(res, 409, "conflict", "Someone saved the benefits profile after you read it. Nothing was saved.", [], { current: result.current });
  });

  router.post("/:id/benefits/referrals", async (req: Request, res: Response) => {
    const input = referralInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendReferral(res, await createReferral(db, access, input.data, meta(res)), 201);
  });

  router.put("/:id/benefits/referrals/:referralId", async (req: Request, res: Response) => {
    const input = referralUpdateSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendReferral(res, await updateReferral(db, access, String(req.params.referralId), input.data, meta(res)));
  });

  router.post("/:id/benefits/pay-stubs", async (req: Request, res: Response) => {
    const input = payStubInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await addPayStub(db, access, input.data, meta(res));
    if (!result.ok) return sendNotFound(res);
    res.status(result.created ? 201 : 200).json(result.stub);
  });

  router.post("/:id/benefits/pay-stubs/:stubId/void", async (req: Request, res: Response) => {
    const input = payStubVoidSchema.safeParse(req.body ?? {});
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await voidPayStub(db, access, String(req.params.stubId), input.data.reason, meta(res));
    if (result.ok) return res.json(result.stub);
    if (result.reason === "not_found") return sendNotFound(res);
    sendError(res, 409, "already_voided", "That pay stub was already voided. Nothing changed.");
  });

  router.post("/:id/benefits/reports", async (req: Request, res: Response) => {
    const input = earningsReportInputSchema.safeParse(req.body);
    if (!input.success) return invalid(res, input.error);
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await recordEarningsReport(db, access, input.data, meta(res));
    if (!result.ok) return sendNotFound(res);
    res.status(201).json(result.report);
  });
  return router;
}

type Content = { "application/json": { schema: Record<string, unknown> } };
type Json = (s: z.ZodType, io?: "input" | "output") => Content;
type ErrorResponse = (description: string) => Record<string, unknown>;

/** The OpenAPI paths of the benefits records, from the same schemas the handlers use. */
export function benefitsRecordsPaths(h: { json: Json; errorResponse: ErrorResponse; common: Record<string, unknown> }) {
  const { json, errorResponse, common } = h;
  const id = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The participant" };
  const referralId = { name: "referralId", in: "path", required: true, schema: { type: "string" } };
  const stubId = { name: "stubId", in: "path", required: true, schema: { type: "string" } };
  const notFound = errorResponse("No such participant or record, or you may not see it");
  const money = "Money is in dollars (a number, or a string such as \"$1,234.50\").";
  return {
    "/participants/{id}/benefits": {
      parameters: [id],
      get: {
        operationId: "getBenefits",
        summary: "The benefits profile, referrals, earnings log, monthly totals, SSI months to report and SSDI trial work months",
        responses: { "200": { description: "The benefits record at the moment of reading", content: json(benefitsOverviewSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/benefits/profile": {
      parameters: [id],
      put: {
        operationId: "saveBenefitsProfile",
        summary: "Save the benefits profile over the version you read (0 for the first save)",
        description: money,
        requestBody: { required: true, content: json(benefitsProfileInputSchema, "input") },
        responses: {
          "200": { description: "Saved", content: json(benefitsProfileSchema) }, ...common, "404": notFound,
          "409": errorResponse("Someone saved a newer version; `current` holds it. Nothing was saved."),
        },
      },
    },
    "/participants/{id}/benefits/referrals": {
      parameters: [id],
      post: {
        operationId: "createBenefitsReferral",
        summary: "Record a referral to a certified benefits planner (CWIC)",
        requestBody: { required: true, content: json(referralInputSchema, "input") },
        responses: { "201": { description: "Recorded", content: json(referralSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/benefits/referrals/{referralId}": {
      parameters: [id, referralId],
      put: {
        operationId: "updateBenefitsReferral",
        summary: "Save a referral's outcome over the version you read",
        requestBody: { required: true, content: json(referralUpdateSchema, "input") },
        responses: {
          "200": { description: "Saved", content: json(referralSchema) }, ...common, "404": notFound,
          "409": errorResponse("Someone saved a newer version; `current` holds it. Nothing was saved."),
        },
      },
    },
    "/participants/{id}/benefits/pay-stubs": {
      parameters: [id],
      post: {
        operationId: "addPayStub",
        summary: "Add a pay stub to the earnings log",
        description: `${money} Send the same clientKey again to be sure a retried request stores the stub once (200 with the first copy).`,
        requestBody: { required: true, content: json(payStubInputSchema, "input") },
        responses: {
          "201": { description: "Added", content: json(payStubSchema) },
          "200": { description: "Already stored under this clientKey", content: json(payStubSchema) },
          ...common, "404": notFound,
        },
      },
    },
    "/participants/{id}/benefits/pay-stubs/{stubId}/void": {
      parameters: [id, stubId],
      post: {
        operationId: "voidPayStub",
        summary: "Void a pay stub entered by mistake (it stays in the log, marked, and stops counting)",
        requestBody: { required: true, content: json(payStubVoidSchema, "input") },
        responses: { "200": { description: "Voided", content: json(payStubSchema) }, ...common, "404": notFound, "409": errorResponse("Already voided") },
      },
    },
    "/participants/{id}/benefits/reports": {
      parameters: [id],
      post: {
        operationId: "recordEarningsReport",
        summary: "Record that a month's wages were reported to SSA (the month's paid total is stored with it)",
        requestBody: { required: true, content: json(earningsReportInputSchema, "input") },
        responses: { "201": { description: "Recorded", content: json(earningsReportSchema) }, ...common, "404": notFound },
      },
    },
  };
}

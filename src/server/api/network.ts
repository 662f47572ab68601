import express, { type Request, type Response } from "express";
import { z } from "zod";
import type { DbHandle } from "../../db/index.ts";
import { listConsentGrants, recordConsentGrant, revokeConsent, type ScanUpload } from "../../domain/consent/consent.server.ts";
import { consentGrantInputSchema, consentGrantSchema, consentRevocationInputSchema } from "../../domain/consent/model.ts";
import { supportPersonEndSchema, supportPersonInputSchema, supportPersonSchema, supportPersonUpdateSchema } from "../../domain/network/model.ts";
import { createSupportPerson, endSupportPerson, getNetwork, updateSupportPerson, type SupportSaveResult } from "../../domain/network/network.server.ts";
import { fieldErrors, sendError, sendNotFound } from "./errors.ts";
import { authorizeCall } from "./router.ts";

/** The network as the API shows it: current and past supports, and who holds consent right now. */
export const networkResponseSchema = z.object({
  current: z.array(supportPersonSchema),
  ended: z.array(supportPersonSchema),
  withConsent: z.array(z.string()).describe("Ids of current supports holding an active consent at the moment of reading"),
});

/** A paper consent's scan travels in the JSON body, base64-encoded, within the API's body limit. */
const scanSchema = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  contentType: z.string().trim().max(100),
  contentBase64: z.base64({ error: "consent.scan.invalid" }),
});

const listQuerySchema = z.object({ supportPersonId: z.string().trim().max(100).optional() });

function sendSupportResult(res: Response, result: SupportSaveResult, createdStatus = 200) {
  if (result.ok) return res.status(createdStatus).json(result.person);
  if (result.reason === "not_found") return sendNotFound(res);
  return sendError(res, 409, "conflict", "Someone changed this person after you read them, or they were taken off the network. Nothing was saved.", [], { current: result.current });
}

export function networkApi(database: DbHandle): express.Router {
  const router = express.Router();
  const { db } = database;

  router.get("/:id/support-persons", async (req: Request, res: Response) => {
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const view = await getNetwork(db, access, res.locals.state.meta);
    if (!view) return sendNotFound(res);
    res.json({ current: view.current, ended: view.ended, withConsent: view.withConsent });
  });

  router.post("/:id/support-persons", async (req: Request, res: Response) => {
    const input = supportPersonInputSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error));
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendSupportResult(res, await createSupportPerson(db, access, input.data, res.locals.state.meta), 201);
  });

  router.put("/:id/support-persons/:personId", async (req: Request, res: Response) => {
    const input = supportPersonUpdateSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error));
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    sendSupportResult(res, await updateSupportPerson(db, access, String(req.params.personId), input.data, res.locals.state.meta));
  });

  router.post("/:id/support-persons/:personId/end", async (req: Request, res: Response) => {
    const input = supportPersonEndSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error));
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await endSupportPerson(db, access, String(req.params.personId), input.data.version, input.data.reason, res.locals.state.meta);
    sendSupportResult(res, result);
  });

  router.get("/:id/consent-grants", async (req: Request, res: Response) => {
    const query = listQuerySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, "invalid_query", "The query is not valid.", fieldErrors(query.error));
    const access = await authorizeCall(db, req, res, "read");
    if (!access) return;
    const grants = await listConsentGrants(db, access, res.locals.state.meta, query.data.supportPersonId);
    if (!grants) return sendNotFound(res);
    res.json({ grants });
  });

  router.post("/:id/consent-grants", async (req: Request, res: Response) => {
    // The body is the form's schema plus an optional scan; each part is checked by its own schema.
    const isObject = typeof req.body === "object" && req.body !== null && !Array.isArray(req.body);
    const { scan: rawScan, ...rawGrant } = isObject ? (req.body as Record<string, unknown>) : { scan: undefined };
    const grant = consentGrantInputSchema.safeParse(isObject ? rawGrant : req.body);
    const scan = rawScan === undefined ? null : scanSchema.safeParse(rawScan);
    if (!grant.success || (scan && !scan.success)) {
      const problems = [
        ...(grant.success ? [] : fieldErrors(grant.error)),
        ...(scan && !scan.success ? fieldErrors(scan.error).map((f) => ({ ...f, path: f.path === "(body)" ? "scan" : `scan.${f.path}` })) : []),
      ];
      return sendError(res, 400, "invalid_body", "Some fields need attention.", problems);
    }
    const upload: ScanUpload | null = scan?.success
      ? { filename: scan.data.filename, contentType: scan.data.contentType, bytes: Buffer.from(scan.data.contentBase64, "base64") }
      : null;
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await recordConsentGrant(db, access, grant.data, upload, res.locals.state.meta);
    if (result.ok) return res.status(201).json(result.grant);
    if (result.reason === "not_found") return sendNotFound(res);
    if (result.reason === "unreachable_person") {
      return sendError(res, 422, "unreachable_person", "This person is marked do not contact or is no longer on the network; no consent can be recorded for them.", [
        { path: "supportPersonId", code: "unreachable_person", message: "This person may not be contacted." },
      ]);
    }
    const message = result.reason === "scan_required" ? "A consent signed on paper needs its scan." : "The scan must be a PDF, JPEG or PNG of at most 5 MB.";
    sendError(res, 422, result.reason, message, [{ path: "scan", code: result.reason, message }]);
  });

  router.post("/:id/consent-grants/:grantId/revoke", async (req: Request, res: Response) => {
    const input = consentRevocationInputSchema.safeParse(req.body ?? {});
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error));
    const access = await authorizeCall(db, req, res, "update");
    if (!access) return;
    const result = await revokeConsent(db, access, String(req.params.grantId), input.data, res.locals.state.meta);
    if (result.ok) return res.json(result.grant);
    if (result.reason === "not_found") return sendNotFound(res);
    sendError(res, 409, "already_revoked", "That consent, or that category of it, was already withdrawn. Nothing changed.");
  });
  return router;
}

type Content = { "application/json": { schema: Record<string, unknown> } };
type Json = (s: z.ZodType, io?: "input" | "output") => Content;

/** The consent body's document: the grant's schema with the optional `scan` added to its properties. */
function withScan(grant: Content, scan: Content): Content {
  const schema = grant["application/json"].schema;
  const properties = { ...(schema.properties as Record<string, unknown>), scan: scan["application/json"].schema };
  return { "application/json": { schema: { ...schema, properties } } };
}
type ErrorResponse = (description: string) => Record<string, unknown>;

/** The OpenAPI paths of the support network and consent, from the same schemas the handlers use. */
export function networkPaths(h: { json: Json; errorResponse: ErrorResponse; common: Record<string, unknown> }) {
  const { json, errorResponse, common } = h;
  const id = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The participant" };
  const personId = { name: "personId", in: "path", required: true, schema: { type: "string" } };
  const grantId = { name: "grantId", in: "path", required: true, schema: { type: "string" } };
  const notFound = errorResponse("No such participant, person or grant, or you may not see it");
  return {
    "/participants/{id}/support-persons": {
      parameters: [id],
      get: {
        operationId: "listSupportPersons",
        summary: "The participant's support network, with who holds consent right now",
        responses: { "200": { description: "The network", content: json(networkResponseSchema) }, ...common, "404": notFound },
      },
      post: {
        operationId: "createSupportPerson",
        summary: "Add a support person",
        requestBody: { required: true, content: json(supportPersonInputSchema, "input") },
        responses: { "201": { description: "Added", content: json(supportPersonSchema) }, ...common, "404": notFound },
      },
    },
    "/participants/{id}/support-persons/{personId}": {
      parameters: [id, personId],
      put: {
        operationId: "updateSupportPerson",
        summary: "Save a support person over the version you read",
        requestBody: { required: true, content: json(supportPersonUpdateSchema, "input") },
        responses: {
          "200": { description: "Saved", content: json(supportPersonSchema) }, ...common, "404": notFound,
          "409": errorResponse("Someone saved a newer version, or the person was taken off the network; `current` holds the person. Nothing was saved."),
        },
      },
    },
    "/participants/{id}/support-persons/{personId}/end": {
      parameters: [id, personId],
      post: {
        operationId: "endSupportPerson",
        summary: "Take a person off the network (kept in history, never deleted)",
        requestBody: { required: true, content: json(supportPersonEndSchema, "input") },
        responses: { "200": { description: "Ended", content: json(supportPersonSchema) }, ...common, "404": notFound, "409": errorResponse("Version conflict") },
      },
    },
    "/participants/{id}/consent-grants": {
      parameters: [id],
      get: {
        operationId: "listConsentGrants",
        summary: "Consent grants, newest first, each with its status at the moment of reading",
        parameters: [{ name: "supportPersonId", in: "query", schema: { type: "string" }, description: "Only this person's grants" }],
        responses: { "200": { description: "The grants", content: json(z.object({ grants: z.array(consentGrantSchema) })) }, ...common, "404": notFound },
      },
      post: {
        operationId: "recordConsentGrant",
        summary: "Record a release of information as signed; never edited afterwards",
        description: "Substance use treatment (42 CFR Part 2) must be a grant of its own. A paper signature needs `scan` (base64, within the body limit).",
        requestBody: { required: true, content: withScan(json(consentGrantInputSchema, "input"), json(scanSchema, "input")) },
        responses: {
          "201": { description: "Recorded", content: json(consentGrantSchema) }, ...common, "404": notFound,
          "422": errorResponse("The person is marked do not contact or was taken off the network, or the paper scan is missing or not accepted."),
        },
      },
    },
    "/participants/{id}/consent-grants/{grantId}/revoke": {
      parameters: [id, grantId],
      post: {
        operationId: "revokeConsent",
        summary: "Withdraw one category, or the whole grant (no category), effective at once",
        requestBody: { required: false, content: json(consentRevocationInputSchema, "input") },
        responses: {
          "200": { description: "The grant after the withdrawal", content: json(consentGrantSchema) }, ...common, "404": notFound,
          "409": errorResponse("Already withdrawn; nothing changed."),
        },
      },
    },
  };
}

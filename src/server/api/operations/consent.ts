import { z } from "zod";
import { listConsentGrants, recordConsentGrant, revokeConsent, type ScanUpload } from "../../../domain/consent/consent.server.ts";
import { consentGrantRequestSchema, consentGrantSchema, consentGrantsQuerySchema, consentRevocationInputSchema } from "../../../domain/consent/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant, person or grant, or you may not see it";

/** Releases of information: recorded once as signed, withdrawn in part or whole, never edited. */
export const consentOperations = [
  defineOperation({
    operationId: "listConsentGrants",
    method: "get",
    path: "/participants/{id}/consent-grants",
    summary: "Consent grants, newest first, each with its status at the moment of reading",
    permission: "read:participant",
    query: consentGrantsQuerySchema,
    responses: { 200: { description: "The grants", body: z.object({ grants: z.array(consentGrantSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, actor, params, query, meta }) => {
      const grants = await listConsentGrants(db, actor, params.id, meta, query.supportPersonId);
      return grants ? reply(200, { grants }) : notFound();
    },
  }),
  defineOperation({
    operationId: "recordConsentGrant",
    method: "post",
    path: "/participants/{id}/consent-grants",
    summary: "Record a release of information as signed; never edited afterwards",
    description: "Substance use treatment (42 CFR Part 2) must be a grant of its own. A paper signature needs `scan` (base64, within the body limit).",
    permission: "update:participant",
    body: consentGrantRequestSchema,
    responses: {
      201: { description: "Recorded", body: consentGrantSchema },
      404: NOT_FOUND,
      422: "The person is marked do not contact or was taken off the network, or the paper scan is missing or not accepted.",
    },
    handler: async ({ db, actor, params, body, meta }) => {
      const { scan, ...grant } = body;
      const upload: ScanUpload | null = scan ? { filename: scan.filename, contentType: scan.contentType, bytes: Buffer.from(scan.contentBase64, "base64") } : null;
      const result = await recordConsentGrant(db, actor, params.id, grant, upload, meta);
      if (result.ok) return reply(201, result.grant);
      if (result.reason === "not_found") return notFound();
      if (result.reason === "unreachable_person") {
        return failure(422, "unreachable_person", "This person is marked do not contact or is no longer on the network; no consent can be recorded for them.", [
          { path: "supportPersonId", code: "unreachable_person", message: "This person may not be contacted." },
        ]);
      }
      const message = result.reason === "scan_required" ? "A consent signed on paper needs its scan." : "The scan must be a PDF, JPEG or PNG of at most 5 MB.";
      return failure(422, result.reason, message, [{ path: "scan", code: result.reason, message }]);
    },
  }),
  defineOperation({
    operationId: "revokeConsent",
    method: "post",
    path: "/participants/{id}/consent-grants/{grantId}/revoke",
    summary: "Withdraw one category, or the whole grant (no category), effective at once",
    permission: "update:participant",
    body: consentRevocationInputSchema,
    bodyOptional: true,
    responses: { 200: { description: "The grant after the withdrawal", body: consentGrantSchema }, 404: NOT_FOUND, 409: "Already withdrawn; nothing changed." },
    handler: async ({ db, actor, params, body, meta }) => {
      const result = await revokeConsent(db, actor, params.id, params.grantId, body, meta);
      if (result.ok) return reply(200, result.grant);
      if (result.reason === "not_found") return notFound();
      return failure(409, "already_revoked", "That consent, or that category of it, was already withdrawn. Nothing changed.");
    },
  }),
];

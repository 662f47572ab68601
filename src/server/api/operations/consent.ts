import { z } from "zod";
import { listConsentGrants, recordConsentGrant, recordGrantEvent, renewConsentGrant, revokeConsent, SCAN_MAX_BYTES, type ScanUpload } from "../../../domain/consent/consent.server.ts";
import { consentGrantRequestSchema, consentGrantSchema, consentGrantsQuerySchema, consentRevocationInputSchema, grantEventInputSchema } from "../../../domain/consent/model.ts";
import { FORM_BODY_LIMIT, UPLOAD_JSON_LIMIT } from "../../bodies.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant, person or grant, or you may not see it";

/** The scan's rule, the same file size as the page takes (docs/decisions/0018). */
const SCAN_DESCRIPTION = `the file (PDF, JPEG or PNG, at most ${SCAN_MAX_BYTES / 1024 / 1024} MB), base64-encoded in the JSON body; this operation's body may be up to ${UPLOAD_JSON_LIMIT / 1024 / 1024} MB, where others take ${FORM_BODY_LIMIT / 1024} kB.`;

/** Releases of information: recorded once as signed, withdrawn in part or whole, never edited. */
/** A scan as the API carries it (base64 in the JSON body), as the domain takes it. */
function scanUpload(scan: { filename: string; contentType: string; contentBase64: string } | undefined): ScanUpload | null {
  return scan ? { filename: scan.filename, contentType: scan.contentType, bytes: Buffer.from(scan.contentBase64, "base64") } : null;
}

/** The answer to a paper consent whose scan is missing or not a PDF, JPEG or PNG within the limit. */
function scanRefused(reason: "scan_required" | "scan_invalid") {
  const message = reason === "scan_required" ? "A consent signed on paper needs its scan." : "The scan must be a PDF, JPEG or PNG of at most 5 MB.";
  return failure(422, reason, message, [{ path: "scan", code: reason, message }]);
}

export const consentOperations = [
  defineOperation({
    operationId: "listConsentGrants",
    method: "get",
    path: "/participants/{id}/consent-grants",
    summary: "Consent grants, newest first, each with its status at the moment of reading",
    permission: "read:participant",
    participant: "read",
    query: consentGrantsQuerySchema,
    responses: { 200: { description: "The grants", body: z.object({ grants: z.array(consentGrantSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, params, query, meta }) => {
      const grants = await listConsentGrants(db, access, meta, query.supportPersonId);
      return grants ? reply(200, { grants }) : notFound();
    },
  }),
  defineOperation({
    operationId: "recordConsentGrant",
    method: "post",
    path: "/participants/{id}/consent-grants",
    summary: "Record a release of information as signed; never edited afterwards",
    description: `Substance use treatment (42 CFR Part 2) must be a grant of its own. A paper signature needs \`scan\`: ${SCAN_DESCRIPTION}`,
    permission: "update:participant",
    participant: "update",
    body: consentGrantRequestSchema,
    upload: true,
    responses: {
      201: { description: "Recorded", body: consentGrantSchema },
      404: NOT_FOUND,
      422: "The person is marked do not contact or was taken off the network, or the paper scan is missing or not accepted.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const { scan, ...grant } = body;
      const upload = scanUpload(scan);
      const result = await recordConsentGrant(db, access, grant, upload, meta);
      if (result.ok) return reply(201, result.grant);
      if (result.reason === "not_found") return notFound();
      if (result.reason === "unreachable_person") {
        return failure(422, "unreachable_person", "This person is marked do not contact or is no longer on the network; no consent can be recorded for them.", [
          { path: "supportPersonId", code: "unreachable_person", message: "This person may not be contacted." },
        ]);
      }
      return scanRefused(result.reason);
    },
  }),
  defineOperation({
    operationId: "revokeConsent",
    method: "post",
    path: "/participants/{id}/consent-grants/{grantId}/revoke",
    summary: "Withdraw one category, or the whole grant (no category), effective at once",
    permission: "update:participant",
    participant: "update",
    body: consentRevocationInputSchema,
    bodyOptional: true,
    responses: { 200: { description: "The grant after the withdrawal", body: consentGrantSchema }, 404: NOT_FOUND, 409: "Already withdrawn; nothing changed." },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await revokeConsent(db, access, params.grantId, body, meta);
      if (result.ok) return reply(200, result.grant);
      if (result.reason === "not_found") return notFound();
      return failure(409, "already_revoked", "That consent, or that category of it, was already withdrawn. Nothing changed.");
    },
  }),
  defineOperation({
    operationId: "renewConsentGrant",
    method: "post",
    path: "/participants/{id}/consent-grants/{grantId}/renew",
    summary: "Renew a grant: a new grant for the same person, signed again, that follows it (renewsGrantId)",
    description: `A paper signature needs \`scan\`: ${SCAN_DESCRIPTION}`,
    permission: "update:participant",
    participant: "update",
    body: consentGrantRequestSchema,
    upload: true,
    responses: {
      201: { description: "Recorded", body: consentGrantSchema },
      404: NOT_FOUND,
      409: "Already renewed; renew the newest grant.",
      422: "Another person, an unreachable person, or a paper consent without its scan.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const { scan, ...grant } = body;
      const upload = scanUpload(scan);
      const result = await renewConsentGrant(db, access, params.grantId, grant, upload, meta);
      if (result.ok) return reply(201, result.grant);
      if (result.reason === "not_found") return notFound();
      if (result.reason === "already_renewed") return failure(409, "already_renewed", "This consent was already renewed; renew the newest one. Nothing was saved.");
      if (result.reason === "other_person" || result.reason === "unreachable_person") {
        return failure(422, result.reason, "A renewal is for the same, reachable, support person as the consent it renews.", [
          { path: "supportPersonId", code: result.reason, message: "Not a person this consent can be renewed for." },
        ]);
      }
      return scanRefused(result.reason);
    },
  }),
  defineOperation({
    operationId: "recordGrantEvent",
    method: "post",
    path: "/participants/{id}/consent-grants/{grantId}/event",
    summary: "Record that the event a grant ends on happened; the grant ends",
    permission: "update:participant",
    participant: "update",
    body: grantEventInputSchema,
    responses: {
      200: { description: "The grant, ended", body: consentGrantSchema },
      404: NOT_FOUND,
      409: "Already recorded; nothing changed.",
      422: "The grant ends on a date, or the day is after today.",
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await recordGrantEvent(db, access, params.grantId, body, meta);
      if (result.ok) return reply(200, result.grant);
      if (result.reason === "not_found") return notFound();
      if (result.reason === "no_event") return failure(422, "no_event", "This consent ends on a date, not on an event. Nothing changed.");
      if (result.reason === "in_future") return failure(422, "in_future", "The event cannot have happened after today.", [{ path: "occurredOn", code: "in_future", message: "Today or earlier." }]);
      return failure(409, "already_ended", "The event of this consent was already recorded. Nothing changed.");
    },
  }),
];

import express, { type NextFunction, type Request, type Response } from "express";
import type { DbHandle } from "../../db/index.ts";
import { actorForApiToken } from "../../domain/auth/api-tokens.server.ts";
import type { Db } from "../../db/index.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import type { AuthorizedParticipant } from "../../domain/access/model.ts";
import type { StaffActor } from "../../domain/auth/actor.ts";
import type { ParticipantAction } from "../../domain/participants/policy.ts";
import { refuseNulInApiInput } from "../input.ts";
import { sendError, sendNotFound } from "./errors.ts";
import { participantsApi } from "./participants.ts";
import { networkApi } from "./network.ts";
import { benefitsApi } from "./benefits.ts";
import { benefitsRecordsApi } from "./benefits-records.ts";
import { meetingsApi } from "./meetings.ts";
import { openApiDocument } from "./openapi.ts";

export interface ApiOptions {
  database: DbHandle;
  secureCookies: boolean;
}

/**
 * The /api/v1 pipeline: parse JSON, authenticate (session cookie with CSRF header,
 * or a personal API token), then the resource routers, each validating with the
 * same zod schemas the pages use.
 */
export function apiRouter(options: ApiOptions): express.Router {
  const router = express.Router();
  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });

  router.use(express.json({ limit: "256kb", strict: false }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const state = res.locals.state;
      const auth = req.headers.authorization;
      if (auth?.startsWith("Bearer ")) {
        const actor = await actorForApiToken(options.database.db, auth.slice("Bearer ".length).trim());
        if (!actor) return sendError(res, 401, "unauthorized", "The API token is missing, revoked or unknown.");
        state.actor = actor;
        return next();
      }
      if (!state.actor) return sendError(res, 401, "unauthorized", "Sign in or send a personal API token.");
      const unsafe = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (unsafe && req.headers["x-csrf-token"] !== state.csrfToken) {
        return sendError(res, 403, "csrf", "Send the X-CSRF-Token header with the token from the allies_csrf cookie's page.");
      }
      next();
    } catch (error) {
      next(error);
    }
  });

  router.use(refuseNulInApiInput);

  router.use("/participants", participantsApi(options.database));
  router.use("/participants", networkApi(options.database));
  router.use("/participants", meetingsApi(options.database));
  router.use("/participants", benefitsRecordsApi(options.database));
  router.use("/benefits", benefitsApi(options.database));

  router.use((_req: Request, res: Response) => sendError(res, 404, "not_found", "No such API route."));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error && typeof error === "object" && "type" in error && (error as { type: string }).type === "entity.parse.failed") {
      return sendError(res, 400, "invalid_json", "The request body is not valid JSON.", [{ path: "(body)", code: "invalid_json", message: "The request body is not valid JSON." }]);
    }
    if (error && typeof error === "object" && "type" in error && (error as { type: string }).type === "entity.too.large") {
      return sendError(res, 413, "too_large", "The request body is too large.", [{ path: "(body)", code: "too_large", message: "The request body is too large." }]);
    }
    res.locals.state?.log.error({ err: error }, "api error");
    sendError(res, 500, "internal", "Something went wrong on our side.");
  });
  return router;
}

export function actorOf(res: Response): StaffActor {
  const actor = res.locals.state.actor;
  if (!actor) throw new Error("API route reached without an authenticated actor");
  return actor;
}

/**
 * The call's one authorization step for the participant in its path: the
 * authorized participant every domain function of the call takes, or null once
 * the answer for a missing record has been sent (refusals are audited).
 */
export async function authorizeCall(db: Db, req: Request, res: Response, action: ParticipantAction): Promise<AuthorizedParticipant | null> {
  const access = await authorizeParticipant(db, actorOf(res), String(req.params.id), action, res.locals.state.meta);
  if (!access) sendNotFound(res);
  return access;
}

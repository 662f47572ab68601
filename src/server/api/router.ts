import express, { type NextFunction, type Request, type Response } from "express";
import type { DbHandle } from "../../db/index.ts";
import { actorForApiToken } from "../../domain/auth/api-tokens.server.ts";
import type { Actor } from "../../domain/auth/actor.ts";
import { refuseNulInApiInput } from "../input.ts";
import { sendError } from "./errors.ts";
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

export function actorOf(res: Response): Actor {
  const actor = res.locals.state.actor;
  if (!actor) throw new Error("API route reached without an authenticated actor");
  return actor;
}

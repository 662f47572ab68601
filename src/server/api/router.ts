import express, { type NextFunction, type Request, type Response } from "express";
import type { DbHandle } from "../../db/index.ts";
import { actorForApiToken } from "../../domain/auth/api-tokens.server.ts";
import { UPLOAD_JSON_LIMIT } from "../bodies.ts";
import { refuseNulInApiInput } from "../input.ts";
import { sendError } from "./errors.ts";
import { isDatabaseBusy, sendBusyProblem } from "../busy.ts";
import { openApiDocument } from "./openapi.ts";
import type { AnyReply, ApiOperation } from "./operation.ts";
import { apiOperations } from "./operations/index.ts";

export interface ApiOptions {
  database: DbHandle;
  secureCookies: boolean;
}

/** "/participants/{id}" as Express writes it: "/participants/:id". */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

function send(res: Response, reply: AnyReply) {
  res.status(reply.status);
  if ("error" in reply) res.json({ error: reply.error });
  else if ("text" in reply) res.send(reply.text);
  else res.json(reply.body);
}

/** One declared operation as an Express route handler. */
function routeHandler(operation: ApiOperation, database: DbHandle) {
  const mediaType = Object.values(operation.responses).flatMap((r) => (typeof r === "object" && "mediaType" in r ? [r.mediaType] : []))[0];
  return async (req: Request, res: Response) => {
    const { actor, meta } = res.locals.state;
    if (!actor) throw new Error("API route reached without an authenticated actor");
    const params = Object.fromEntries(Object.entries(req.params).map(([name, value]) => [name, String(value)]));
    const reply = await operation.run({ db: database.db, actor, meta, params, query: req.query, body: req.body });
    if ("text" in reply && mediaType) res.type(`${mediaType}; charset=utf-8`);
    send(res, reply);
  };
}

/**
 * The /api/v1 pipeline: parse JSON, authenticate (session cookie with CSRF header,
 * or a personal API token), refuse U+0000, then the declared operations, each
 * checking its permission and validating with the same zod schemas the pages use.
 */
export function apiRouter(options: ApiOptions): express.Router {
  const router = express.Router();
  const document = openApiDocument(apiOperations);
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });

  // The edge (bodies.ts) has already held each body to its own limit, from its
  // Content-Length: 256 kB, or more for an operation that uploads a scan.
  router.use(express.json({ limit: UPLOAD_JSON_LIMIT, strict: false }));
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

  for (const operation of apiOperations) router[operation.method](expressPath(operation.path), routeHandler(operation, options.database));

  router.use((_req: Request, res: Response) => sendError(res, 404, "not_found", "No such API route."));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error && typeof error === "object" && "type" in error && (error as { type: string }).type === "entity.parse.failed") {
      return sendError(res, 400, "invalid_json", "The request body is not valid JSON.", [{ path: "(body)", code: "invalid_json", message: "The request body is not valid JSON." }]);
    }
    if (error && typeof error === "object" && "type" in error && (error as { type: string }).type === "entity.too.large") {
      return sendError(res, 413, "too_large", "The request body is too large.", [{ path: "(body)", code: "too_large", message: "The request body is too large." }]);
    }
    if (isDatabaseBusy(error)) {
      res.locals.state?.log.warn({ err: error }, "database busy");
      return sendBusyProblem(res);
    }
    // Any other body the parser could not read (cut short, an unknown charset) is the sender's error, as its status says.
    const status = error && typeof error === "object" && "status" in error && typeof error.status === "number" ? error.status : 500;
    if (status >= 400 && status < 500) {
      return sendError(res, status, "unreadable_body", "The request body could not be read.", [{ path: "(body)", code: "unreadable_body", message: "The request body could not be read." }]);
    }
    res.locals.state?.log.error({ err: error }, "api error");
    sendError(res, 500, "internal", "Something went wrong on our side.");
  });
  return router;
}

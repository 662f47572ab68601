import { randomUUID } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import { createRequestHandler } from "@react-router/express";
import type { ServerBuild } from "react-router";
import type { Logger } from "pino";
import type { DbHandle } from "../db/index.ts";
import type { StaffActor, RequestMeta } from "../domain/auth/actor.ts";
import { DEFAULT_SESSION_LIMITS, type SessionLimits, type SignInNotice } from "../domain/auth/model.ts";
import { actorForSession } from "../domain/auth/sessions.server.ts";
import { partnerForSession } from "../domain/links/links.server.ts";
import { participantForPasswordSession } from "../domain/participant-sign-in/passwords.server.ts";
import type { PartnerActor } from "../domain/links/model.ts";
import { apiOperations } from "./api/operations/index.ts";
import { apiRouter } from "./api/router.ts";
import { limitRequestBodies } from "./bodies.ts";
import { CSRF_COOKIE, PARTNER_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from "./cookies.ts";
import { routerContextFor } from "./context.ts";
import { newSecret } from "../domain/auth/tokens.ts";
import { refuseUnreadablePaths } from "./input.ts";
import { clientFiles } from "./client-files.ts";
import { HEALTH_LOCK_WAIT_MS, isDatabaseBusy, sendBusy } from "./busy.ts";
import { rejectCrossSite, securityHeaders } from "./security.ts";
import type { TwilioSettings } from "./messaging/twilio.ts";
import { textReplies } from "./text-replies.ts";
import { unsubscribeByToken } from "../domain/messages/delivery.server.ts";

export interface HttpAppOptions {
  database: DbHandle;
  log: Logger;
  /** The React Router server build, or a function loading it (Vite in development). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Static files of the client build; absent in development where Vite serves them. */
  clientDir?: string;
  secureCookies: boolean;
  dev?: boolean;
  /** How long staff sessions last (defaults: 30 idle minutes, 12 hours). */
  sessionLimits?: SessionLimits;
  /** The text provider's settings, for checking the signature of replies it passes on; null: none configured. */
  textProvider?: Pick<TwilioSettings, "authToken" | "webhookUrl"> | null;
  /** Extra middleware before the pages (Vite's in development). */
  before?: express.RequestHandler[];
  /** Whose X-Forwarded-For is believed (ALLIES_TRUSTED_PROXIES); default: a proxy on this machine only. */
  trustedProxies?: string[];
}

/** Per-request state the HTTP layer works out before any route runs. */
export interface RequestState {
  requestId: string;
  log: Logger;
  meta: RequestMeta;
  actor: StaffActor | null;
  sessionId: string | null;
  mustEnrolTwoFactor: boolean;
  signInNotice: SignInNotice | null;
  partner: PartnerActor | null;
  partnerSessionId: string | null;
  csrfToken: string;
  nonce: string;
}

declare module "express-serve-static-core" {
  interface Locals {
    state: RequestState;
    nonce: string;
  }
}

/**
 * The path as the request log writes it. A personal link's token and a staff
 * invitation's token open a page to whoever holds them, so neither is written.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/(l|invitations|unsubscribe)\/[^/]+/, "/$1/[token]");
}

export function createHttpApp(options: HttpAppOptions): express.Express {
  const { database, log } = options;
  const sessionLimits = options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustedProxies ?? ["loopback"]);

  // Answered from memory, never from the database, so it stays quick while another
  // process holds SQLite's write lock; it says so rather than fail, since
  // restarting this process would not release a lock another one holds.
  app.get("/healthz", (_req, res) => {
    const waiting = database.longestLockWaitMs() >= HEALTH_LOCK_WAIT_MS;
    res.type("application/json").send(waiting ? '{"status":"degraded","database":"waiting for a write lock another process holds"}' : '{"status":"ok"}');
  });

  app.use(securityHeaders({ dev: !!options.dev, secure: options.secureCookies }));

  // Request id and a log line per request.
  app.use((req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    const reqLog = log.child({ requestId });
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      reqLog.info({ method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    res.locals.state = {
      requestId,
      log: reqLog,
      meta: { ip: req.ip ?? null, requestId },
      actor: null,
      sessionId: null,
      mustEnrolTwoFactor: false,
      signInNotice: null,
      partner: null,
      partnerSessionId: null,
      csrfToken: "",
      nonce: res.locals.nonce,
    };
    next();
  });

  // Before anything reads a body: too large, without a length, compressed or not UTF-8 is refused from the headers.
  app.use(limitRequestBodies(apiOperations));
  app.use(refuseUnreadablePaths);

  if (options.clientDir) {
    app.use(clientFiles(options.clientDir));
  }
  for (const middleware of options.before ?? []) app.use(middleware);

  // Pages, their .data and the API carry health records: no browser, proxy or shared
  // cache may keep a copy (hashed client assets above are public and cached for good).
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  // The text provider's webhook: signed by the provider, so outside sessions and CSRF (body limits above still apply).
  app.use(textReplies(database, options.textProvider ?? null));
  // The unsubscribe link (RFC 8058): a mail provider's one-click POST comes from its own
  // servers with no cookie and no form token, and the page's own button posts here too.
  // The signed token in the path is the permission, and all it can do is stop messages.
  app.post("/unsubscribe/:token", express.urlencoded({ extended: false, limit: "2kb" }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = String(req.params.token);
      const done = await unsubscribeByToken(database.db, token, res.locals.state.meta);
      const oneClick = (req.body as Record<string, unknown> | undefined)?.["List-Unsubscribe"] === "One-Click";
      if (oneClick) {
        res.status(done ? 200 : 404).type("text/plain").send(done ? "Unsubscribed." : "Not found.");
        return;
      }
      res.redirect(303, `/unsubscribe/${encodeURIComponent(token)}${done ? "?done=1" : ""}`);
    } catch (error) {
      next(error);
    }
  });

  app.use(rejectCrossSite);

  // Who is asking: the session cookie, and the CSRF cookie every form echoes back.
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const cookies = parseCookies(req.headers.cookie);
      const state = res.locals.state;
      let csrf = cookies[CSRF_COOKIE];
      if (!csrf || !/^[\w-]{43}$/.test(csrf)) {
        csrf = newSecret();
        res.append("Set-Cookie", serializeCookie(CSRF_COOKIE, csrf, { secure: options.secureCookies, sameSite: "Strict" }));
      }
      state.csrfToken = csrf;
      const sessionToken = cookies[SESSION_COOKIE];
      if (sessionToken) {
        const found = await actorForSession(database.db, sessionToken, sessionLimits);
        if (found) {
          state.actor = found.actor;
          state.sessionId = found.sessionId;
          state.mustEnrolTwoFactor = found.mustEnrolTwoFactor;
          state.signInNotice = found.notice;
        }
      }
      const partnerToken = cookies[PARTNER_COOKIE];
      if (partnerToken) {
        // A link's session, or (decision 0031) one a participant opened with their password.
        const partner = await partnerForSession(database.db, partnerToken, sessionLimits)
          ?? await participantForPasswordSession(database.db, partnerToken, sessionLimits);
        if (partner) {
          state.partner = partner.actor;
          state.partnerSessionId = partner.sessionId;
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  });

  app.use("/api/v1", apiRouter({ database, secureCookies: options.secureCookies }));

  app.all(
    "/{*path}",
    createRequestHandler({
      build: options.build,
      mode: options.dev ? "development" : "production",
      getLoadContext: (_req, res) => {
        const state = (res as Response).locals.state;
        return routerContextFor({
          db: database.db,
          dbKind: database.kind,
          actor: state.actor,
          sessionId: state.sessionId,
          mustEnrolTwoFactor: state.mustEnrolTwoFactor,
          signInNotice: state.signInNotice,
          partner: state.partner,
          partnerSessionId: state.partnerSessionId,
          csrfToken: state.csrfToken,
          nonce: state.nonce,
          meta: state.meta,
          log: state.log,
          secureCookies: options.secureCookies,
          sessionLimits,
        });
      },
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (isDatabaseBusy(error) && !res.headersSent) {
      res.locals.state?.log.warn({ err: error }, "database busy");
      return sendBusy(req, res);
    }
    res.locals.state?.log.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("Something went wrong on our side. Please try again.");
  });

  return app;
}

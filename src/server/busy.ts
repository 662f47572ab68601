import type { Request, Response } from "express";
import { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy } from "../db/sqlite-driver.ts";
import { localeFromAcceptLanguage, translate } from "../i18n/index.ts";
import { sendError } from "./api/errors.ts";

export { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy };

/** What /healthz reports once a write has waited this long for a lock another process holds. */
export const HEALTH_LOCK_WAIT_MS = 1000;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const BUSY_API_MESSAGE = "The database is busy with another process's work, so nothing was saved. Try again after the Retry-After seconds.";

/** The API's answer when the database stayed locked by another process: 503, JSON, Retry-After. */
export function sendBusyProblem(res: Response): void {
  res.setHeader("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
  sendError(res, 503, "busy", BUSY_API_MESSAGE);
}

/**
 * The same answer for a page, when the wait gave up before any route ran (the
 * session check): a plain page, no scripts, in the reader's language. Pages whose
 * loader or action gave up get it from the root route instead (app/lib/busy.server.ts).
 */
export function sendBusy(req: Request, res: Response): void {
  if (req.originalUrl.startsWith("/api/")) return sendBusyProblem(res);
  const locale = res.locals.state?.actor?.locale ?? localeFromAcceptLanguage(req.headers["accept-language"]);
  const say = (key: "error.busy.title" | "error.busy.body" | "app.name") => escapeHtml(translate(locale, key));
  const title = say("error.busy.title");
  res.setHeader("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
  res.status(503).type("html").send(
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
      + `<title>${title} · ${say("app.name")}</title></head>`
      + `<body><main><h1>${title}</h1><p>${say("error.busy.body")}</p></main></body></html>`,
  );
}

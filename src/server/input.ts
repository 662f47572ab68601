import type { NextFunction, Request, Response } from "express";
import { localeFromAcceptLanguage, translate, type Locale } from "../i18n/index.ts";
import { sendError, sendNotFound, type FieldError } from "./api/errors.ts";

/**
 * U+0000 has no use in any field of Allies, and PostgreSQL cannot store it in text
 * (SQLite can). It is refused at the edge, before any query, so both databases
 * answer the same: a field error, never a 500.
 */
export const NUL = "\u0000";

const MAX_REPORTED = 20;

/** Every place in a parsed query or JSON body where U+0000 appears, in a key or in a string. */
export function nulFieldErrors(value: unknown, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  const message = translate(locale, "common.nulCharacter");
  const walk = (node: unknown, path: string[]) => {
    if (errors.length >= MAX_REPORTED) return;
    if (typeof node === "string") {
      if (node.includes(NUL)) errors.push({ path: path.join(".") || "(body)", code: "nul_character", message });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)]));
      return;
    }
    if (node && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        const shown = key.split(NUL).join("\\u0000");
        if (key.includes(NUL)) errors.push({ path: [...path, shown].join("."), code: "nul_character", message });
        walk(item, [...path, shown]);
      }
    }
  };
  walk(value, []);
  return errors;
}

function decodedPath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * A path that does not decode (a stray `%`) or that holds U+0000 names no record
 * nobody could have stored: not found, before any router tries to decode it.
 */
export function refuseUnreadablePaths(req: Request, res: Response, next: NextFunction) {
  const decoded = decodedPath(req.path);
  if (decoded !== null && !decoded.includes(NUL)) return next();
  if (req.path.startsWith("/api/")) return sendNotFound(res);
  res.status(404).type("text/plain").send("Not found.");
}

/** In the API, a query or body holding U+0000 gets field errors like any other invalid input. */
export function refuseNulInApiInput(req: Request, res: Response, next: NextFunction) {
  const locale = res.locals.state.actor?.locale ?? localeFromAcceptLanguage(req.headers["accept-language"]);
  const query = nulFieldErrors(req.query, locale);
  if (query.length) return sendError(res, 400, "invalid_query", "The query is not valid.", query);
  const body = nulFieldErrors(req.body, locale);
  if (body.length) return sendError(res, 400, "invalid_body", "Some fields need attention.", body);
  next();
}

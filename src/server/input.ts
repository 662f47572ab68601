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

/**
 * No input of Allies nests deeper than a few levels; a body nested thousands deep
 * (which fits in 256 kB) is refused rather than walked.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * What is wrong with a parsed query or JSON body before any schema sees it: every
 * place where U+0000 appears (in a key or in a string), or nesting deeper than
 * MAX_INPUT_DEPTH. The walk keeps its own stack, so no depth can overflow the call
 * stack (docs/decisions/0008, 0018).
 */
export function inputProblems(value: unknown, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  const nul = translate(locale, "common.nulCharacter");
  // `nulKey`: the key that led here holds U+0000, reported where the walk reaches it, in the order sent.
  const stack: { node: unknown; path: string[]; nulKey: boolean }[] = [{ node: value, path: [], nulKey: false }];
  while (stack.length && errors.length < MAX_REPORTED) {
    const { node, path, nulKey } = stack.pop()!;
    if (nulKey) errors.push({ path: path.join("."), code: "nul_character", message: nul });
    if (typeof node === "string") {
      if (node.includes(NUL)) errors.push({ path: path.join(".") || "(body)", code: "nul_character", message: nul });
      continue;
    }
    if (!node || typeof node !== "object") continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      return [{ path: path.slice(0, 3).join(".") || "(body)", code: "too_deep", message: translate(locale, "common.tooDeep", { depth: MAX_INPUT_DEPTH }) }];
    }
    const entries = Array.isArray(node) ? node.map((item, i) => [String(i), item] as const) : Object.entries(node);
    // Last pushed, first walked: pushed from the end, so the fields are walked in the order they were sent.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      stack.push({ node: item, path: [...path, key.split(NUL).join("\\u0000")], nulKey: key.includes(NUL) });
    }
  }
  return errors.slice(0, MAX_REPORTED);
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

/** In the API, a query or body holding U+0000, or nested too deep, gets field errors like any other invalid input. */
export function refuseNulInApiInput(req: Request, res: Response, next: NextFunction) {
  const locale = res.locals.state.actor?.locale ?? localeFromAcceptLanguage(req.headers["accept-language"]);
  const query = inputProblems(req.query, locale);
  if (query.length) return sendError(res, 400, "invalid_query", "The query is not valid.", query);
  const body = inputProblems(req.body, locale);
  if (body.length) return sendError(res, 400, "invalid_body", "Some fields need attention.", body);
  next();
}

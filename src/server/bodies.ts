import type { NextFunction, Request, Response } from "express";
import { SCAN_MAX_BYTES } from "../domain/consent/consent.server.ts";
import { localeFromAcceptLanguage, translate, type Locale, type MessageKey } from "../i18n/index.ts";
import { sendError } from "./api/errors.ts";
import type { ApiOperation } from "./api/operation.ts";

/**
 * Request bodies are held to a limit before anything reads them (docs/decisions/0018).
 * A body must say its length (Content-Length), so a body over its limit is refused
 * from its headers alone, before a byte of it is read: Node's parser never hands on
 * more than the declared length, so nothing downstream can buffer more than the limit.
 */

/** Every form and every JSON body, except the uploads below. */
export const FORM_BODY_LIMIT = 256 * 1024;
/** A page's multipart form carrying a consent scan: the 5 MB scan, the form around it and multipart's framing. */
export const UPLOAD_BODY_LIMIT = 6 * 1024 * 1024;
/** The same upload through the API, the scan as base64 in JSON: four bytes for every three. */
export const UPLOAD_JSON_LIMIT = Math.ceil(UPLOAD_BODY_LIMIT / 3) * 4;

/**
 * The pages whose form uploads a file (app/routes.ts), with the `.data` address their
 * form posts to when JavaScript runs. A test holds this to every form with
 * `encType="multipart/form-data"`.
 */
export const UPLOAD_PAGES = [
  "/participants/{id}/network/{personId}/consent/new",
  // The program's logo: its own 200 kB check gives a field error, so a larger file must reach it.
  "/admin/program",
  // A caseload file of up to 5,000 lines.
  "/admin/import",
] as const;

function pathPattern(path: string, suffix = ""): RegExp {
  const escaped = path.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+");
  return new RegExp(`^${escaped}${suffix}$`);
}

export interface BodyLimit {
  bytes: number;
  /** The route takes a scan: the limit a person is told about is the scan's. */
  upload: boolean;
}

/** The limit of a request's body, by where it goes: an upload page or operation, or anything else. */
export function bodyLimits(operations: readonly ApiOperation[]): (method: string, path: string) => BodyLimit {
  const uploadPages = UPLOAD_PAGES.map((page) => pathPattern(page, "(?:\\.data)?"));
  const uploadOperations = operations.filter((op) => op.upload).map((op) => ({ method: op.method.toUpperCase(), pattern: pathPattern(`/api/v1${op.path}`) }));
  return (method, path) => {
    if (path.startsWith("/api/")) {
      const upload = uploadOperations.some((op) => op.method === method && op.pattern.test(path));
      return upload ? { bytes: UPLOAD_JSON_LIMIT, upload } : { bytes: FORM_BODY_LIMIT, upload };
    }
    const upload = method === "POST" && uploadPages.some((page) => page.test(path));
    return upload ? { bytes: UPLOAD_BODY_LIMIT, upload } : { bytes: FORM_BODY_LIMIT, upload };
  };
}

/**
 * A refused body up to this size is read and thrown away after the answer, so the
 * sender (a browser still uploading a scan that is too large) gets to read the
 * answer; a longer one, or one of unknown length, gets the answer and the connection
 * is closed at once. Either way nothing of it is kept.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

const UTF_8 = new Set(["utf-8", "utf8"]);

/** The charset a Content-Type names, lower-cased, or null when it names none. */
export function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? "");
  return match ? match[1]!.toLowerCase() : null;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

/** A plain page for a browser whose form was refused before any route could render one. */
function refusalPage(locale: Locale, message: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = translate(locale, "error.body.title");
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · ${escape(translate(locale, "app.name"))}</title></head>
<body><main id="main"><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/">${escape(translate(locale, "error.body.home"))}</a></p></main></body>
</html>
`;
}

interface Refusal {
  status: 411 | 413 | 415;
  code: string;
  apiMessage: string;
  pageMessage: MessageKey;
}

/**
 * Refuses, from its headers, a body that is too large, that does not say its length,
 * that is compressed or that is in a charset other than UTF-8: 411, 413 or 415, as a
 * JSON problem under /api/ and as a page elsewhere.
 */
export function limitRequestBodies(operations: readonly ApiOperation[]) {
  const limitFor = bodyLimits(operations);
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.headers["content-length"];
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (!chunked && (declared === undefined || declared === "0")) return next();
    const limit = limitFor(req.method, req.path);
    const refusal = refusalOf(req, limit, chunked ? null : Number(declared));
    if (!refusal) return next();
    const locale = localeFromAcceptLanguage(req.headers["accept-language"]);
    // Node reads and drops an unread body after the answer on a connection kept open.
    if (chunked || Number(declared) > DRAIN_LIMIT) res.setHeader("Connection", "close");
    if (req.path.startsWith("/api/")) {
      const limits = refusal.status === 413 ? { limitBytes: limit.bytes } : {};
      return sendError(res, refusal.status, refusal.code, refusal.apiMessage, [{ path: "(body)", code: refusal.code, message: refusal.apiMessage }], limits);
    }
    const message = translate(locale, refusal.pageMessage, { formSize: kilobytes(FORM_BODY_LIMIT), scanSize: megabytes(SCAN_MAX_BYTES) });
    res.status(refusal.status).type("text/html; charset=utf-8").send(refusalPage(locale, message));
  };
}

function refusalOf(req: Request, limit: BodyLimit, length: number | null): Refusal | null {
  if (length === null) {
    return { status: 411, code: "length_required", apiMessage: "Send the body with a Content-Length header.", pageMessage: "error.body.lengthRequired" };
  }
  if (!(length <= limit.bytes)) {
    const apiMessage = limit.upload
      ? `The request body is too large: at most ${megabytes(limit.bytes)} here (a scan of at most ${megabytes(SCAN_MAX_BYTES)}, base64-encoded).`
      : `The request body is too large: at most ${kilobytes(limit.bytes)}.`;
    return { status: 413, code: "too_large", apiMessage, pageMessage: "error.body.tooLarge" };
  }
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") {
    return { status: 415, code: "unsupported_encoding", apiMessage: "Send the body uncompressed (no Content-Encoding).", pageMessage: "error.body.unsupported" };
  }
  const charset = charsetOf(req.headers["content-type"]);
  if (charset !== null && !UTF_8.has(charset)) {
    return { status: 415, code: "unsupported_charset", apiMessage: "Send the body in UTF-8.", pageMessage: "error.body.unsupported" };
  }
  return null;
}

import type { Response } from "express";
import type { z } from "zod";
import { translate, type Locale } from "../../i18n/index.ts";
import { fieldIssues } from "../../domain/validation.ts";

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * Turns zod issues into the field-by-field list every API error carries, in the
 * reader's language, read from zod as the web forms read it. The schemas' own
 * messages are catalog keys; zod's built-in ones are passed on as zod wrote them.
 */
export function fieldErrors(error: z.ZodError, locale: Locale): FieldError[] {
  return fieldIssues(error).map((issue) => ({
    path: issue.field || "(body)",
    code: issue.code,
    message: issue.messageKey ? translate(locale, issue.messageKey) : issue.detail,
  }));
}

export function sendError(res: Response, status: number, code: string, message: string, fields: FieldError[] = [], extra: Record<string, unknown> = {}) {
  res.status(status).json({ error: { code, message, fields, ...extra } });
}

export const NOT_FOUND_MESSAGE = "No such record, or you do not have access to it.";

export function sendNotFound(res: Response) {
  sendError(res, 404, "not_found", NOT_FOUND_MESSAGE);
}

import type { Response } from "express";
import type { z } from "zod";
import { translate } from "../../i18n/index.ts";
import { fieldIssues } from "../../domain/validation.ts";

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** The field-by-field list every API error carries, read from zod as the web forms read it. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return fieldIssues(error).map((issue) => ({
    path: issue.field || "(body)",
    code: issue.code,
    message: issue.messageKey ? translate("en", issue.messageKey) : issue.detail,
  }));
}

export function sendError(res: Response, status: number, code: string, message: string, fields: FieldError[] = [], extra: Record<string, unknown> = {}) {
  res.status(status).json({ error: { code, message, fields, ...extra } });
}

export const NOT_FOUND_MESSAGE = "No such record, or you do not have access to it.";

export function sendNotFound(res: Response) {
  sendError(res, 404, "not_found", NOT_FOUND_MESSAGE);
}

import type { Response } from "express";
import type { z } from "zod";
import { translate } from "../../i18n/index.ts";

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Turns zod issues into the field-by-field list every API error carries. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const key = typeof issue.message === "string" && issue.message.includes(".") ? issue.message : null;
    const message = key ? translate("en", key) : issue.message;
    return { path: issue.path.join(".") || "(body)", code: issue.code, message };
  });
}

export function sendError(res: Response, status: number, code: string, message: string, fields: FieldError[] = [], extra: Record<string, unknown> = {}) {
  res.status(status).json({ error: { code, message, fields, ...extra } });
}

export const NOT_FOUND_MESSAGE = "No such record, or you do not have access to it.";

export function sendNotFound(res: Response) {
  sendError(res, 404, "not_found", NOT_FOUND_MESSAGE);
}

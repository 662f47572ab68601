import type { z } from "zod";
import { isMessageKey, type MessageKey } from "../i18n/index.ts";

/**
 * The one reading of a failed zod parse, shared by the web forms (app/lib/form.server.ts)
 * and the JSON API (src/server/api/errors.ts), so a field reports the same problem
 * whichever way it was sent.
 */
export interface FieldIssue {
  /** The dotted path of the field ("pastJobs.0.title"); "" when the input as a whole is wrong. */
  field: string;
  code: string;
  /** The catalog key the schema gave, or null for zod's own wording (a missing or wrongly typed value). */
  messageKey: MessageKey | null;
  /** zod's own wording, for the API when the schema gave no key. */
  detail: string;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.join("."),
    code: issue.code,
    messageKey: isMessageKey(issue.message) ? issue.message : null,
    detail: issue.message,
  }));
}

/** Field name to message key, the first problem per field; "form" for the input as a whole. */
export type FieldErrors = Record<string, MessageKey>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of fieldIssues(error)) {
    const field = issue.field || "form";
    // zod's own wording means the value was missing or not even of the right type.
    errors[field] ??= issue.messageKey ?? "common.required";
  }
  return errors;
}

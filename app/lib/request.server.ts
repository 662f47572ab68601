import { data, redirect, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import { appContext, type AppContext } from "../../src/server/context.ts";
import type { Actor } from "../../src/domain/auth/actor.ts";
import { accessFor } from "../../src/domain/auth/permissions.ts";
import { isMessageKey, type MessageKey } from "../../src/i18n/index.ts";

export function app(context: Readonly<RouterContextProvider>): AppContext {
  return context.get(appContext);
}

/** The signed-in staff member, or a redirect to the sign-in page that comes back here. */
export function requireActor(context: Readonly<RouterContextProvider>, request: Request): Actor {
  const actor = app(context).actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return actor;
}

/** A page that only some roles may open answers 404 to the rest, like a missing record. */
export function requirePermission(context: Readonly<RouterContextProvider>, request: Request, action: string, entity: string): Actor {
  const actor = requireActor(context, request);
  if (!accessFor(actor.permissions, action, entity)) throw notFound();
  return actor;
}

export function notFound() {
  return data({ message: "error.notFound.body" }, { status: 404 });
}

/** Field name to message key, for forms; the first problem per field. */
export type FieldErrors = Record<string, MessageKey>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    // The schemas' messages are catalog keys; zod's own (a wrong type, say) read as "required".
    if (!(key in errors)) errors[key] = isMessageKey(issue.message) ? issue.message : "common.required";
  }
  return errors;
}

import { data, redirect, type RouterContextProvider } from "react-router";
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

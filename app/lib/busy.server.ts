import { createContext, data, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy } from "../../src/server/busy.ts";

/** Set when a loader or action of this request gave up waiting for the database. */
const databaseBusy = createContext<boolean>(false);

/** From entry.server's handleError: remembers that the request failed only because the database was busy. */
export function noteDatabaseBusy(error: unknown, context: Readonly<RouterContextProvider> | undefined): boolean {
  if (!context || !isDatabaseBusy(error)) return false;
  context.set(databaseBusy, true);
  return true;
}

/**
 * Whether this render is the one the busy answer replaces: the generic error page
 * (status 500) of a request whose database was busy. entry.server skips rendering
 * it, so a crowd of requests giving up at once costs one render each, not two.
 */
export function isReplacedRender(context: Readonly<RouterContextProvider>, status: number): boolean {
  return context.get(databaseBusy) && status !== 503;
}

/**
 * Root middleware that turns a loader's or action's busy database into 503 with
 * Retry-After and the root error page's "busy, try again", for a page and its
 * .data alike. React Router catches a loader's error and renders the generic
 * error page before middleware sees the response; the inner function then throws
 * the 503 in its place, and the outer one adds the header to what comes back.
 */
export const busyDatabaseMiddleware: MiddlewareFunction<Response>[] = [
  async ({ context }, next) => {
    const response = await next();
    if (context.get(databaseBusy)) response.headers.set("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
    return response;
  },
  async ({ context }, next) => {
    const response = await next();
    if (!context.get(databaseBusy)) return response;
    await response.body?.cancel();
    throw data({ message: "error.busy.body" }, { status: 503 });
  },
];

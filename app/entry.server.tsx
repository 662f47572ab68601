import { Writable } from "node:stream";

import type { EntryContext, HandleErrorFunction, RouterContextProvider } from "react-router";
import { ServerRouter, isRouteErrorResponse } from "react-router";
import { renderToPipeableStream } from "react-dom/server";
import { appContext } from "../src/server/context.ts";
import { isReplacedRender, noteDatabaseBusy } from "./lib/busy.server.ts";

export const streamTimeout = 5_000;

/**
 * A database kept locked by another process is not a fault of ours: noted for
 * the root middleware (503, Retry-After) and logged as a warning. Anything else
 * is logged as React Router does by default.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (noteDatabaseBusy(error, context)) {
    context.get(appContext).log.warn({ err: error }, "database busy");
    return;
  }
  // React Router's own error responses (404 for an unknown address) carry the error inside.
  const inner = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  if (!request.signal.aborted) console.error(inner ?? error);
};

/**
 * The whole document rendered into one buffer and sent in one write. No page
 * streams (no loader returns a promise for a Suspense boundary to await), so the
 * shell is the whole page anyway; piping React's chunks through a Node stream, a
 * web stream and back into the response cost every page a tenth of its CPU
 * (decision 0041: stream plumbing and one `writev` per chunk).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === "HEAD" || isReplacedRender(loadContext, responseStatusCode)) {
    return new Response(null, {
      status: responseStatusCode,
      headers: responseHeaders,
    });
  }

  // The same nonce the Content-Security-Policy header names, on every inline script.
  const nonce = loadContext.get(appContext).nonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let shellFailed = false;
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timeoutId);
        const html = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html");
        responseHeaders.set("Content-Length", String(html.byteLength));
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });

    // Abort the rendering after `streamTimeout` so it has time to flush the rejected boundaries.
    const timeoutId = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        // Everything, not only the shell: the document goes out in one piece.
        onAllReady() {
          if (!shellFailed) pipe(body);
        },
        onShellError(error: unknown) {
          shellFailed = true;
          clearTimeout(timeoutId);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors of the initial shell reject and are logged in handleDocumentRequest.
          if (shellRendered) {
            loadContext.get(appContext).log.error({ err: error }, "render error");
          }
        },
      },
    );
  });
}

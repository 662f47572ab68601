import { redirect } from "react-router";
import type { Route } from "./+types/me-help-request";
import { markHelpRequestDone, withdrawHelpRequest } from "../../src/domain/partners/help-requests.server.ts";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";

/** The participant takes back one of their help requests, or says it was done; the help page shows the result. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "withdraw" && intent !== "done") throw notFound();
  const change = intent === "withdraw" ? withdrawHelpRequest : markHelpRequestDone;
  const result = await change(ctx.db, own, params.requestId, ctx.meta);
  if (!result.ok && result.reason === "not_found") throw notFound();
  // Already claimed, done or taken back (a second click): the page shows how it stands.
  return redirect(result.ok ? `/me/help?notice=${intent === "withdraw" ? "withdrawn" : "done"}#now` : "/me/help#now");
}

import { redirect } from "react-router";
import type { Route } from "./+types/support-claim";
import { claimHelpRequest } from "../../src/domain/partners/support-page.server.ts";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requirePartner } from "../lib/request.server.ts";

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  await readForm(request);
  const result = await claimHelpRequest(ctx.db, actor, params.requestId, ctx.meta);
  if (!result.ok && result.reason === "not_found") throw notFound();
  return redirect(result.ok ? "/support?done=claim#commitments" : "/support?done=taken#help");
}

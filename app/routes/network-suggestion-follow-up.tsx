import { redirect } from "react-router";
import type { Route } from "./+types/network-suggestion-follow-up";
import { followUpSupportSuggestion } from "../../src/domain/portal/privacy.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** The specialist has followed up someone the participant asked to add: it leaves the network page's list. */
export { default, links, loader } from "./network.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const result = await followUpSupportSuggestion(ctx.db, access, params.suggestionId, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/network`);
}

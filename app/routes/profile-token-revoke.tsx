import { data, redirect } from "react-router";
import type { Route } from "./+types/profile-token-revoke";
import { revokeApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import type { ProfileActionResult } from "./profile.tsx";

/** Revokes one of the signed-in person's API tokens; a refusal draws the profile page with it (see profile.tsx). */
export { default, loader } from "./profile.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const revoked = await revokeApiToken(ctx.db, actor, params.tokenId, ctx.meta);
  if (!revoked) return data<ProfileActionResult>({ intent: "revokeToken", errors: {}, name: "", created: null, problem: "profile.tokens.revokeFailed" }, { status: 409 });
  return redirect("/profile?revoked=1#tokens");
}

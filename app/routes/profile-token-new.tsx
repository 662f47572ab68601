import { data } from "react-router";
import type { Route } from "./+types/profile-token-new";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { apiTokenCreateSchema } from "../../src/domain/auth/model.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import type { ProfileActionResult } from "./profile.tsx";

/** Creates an API token and draws the profile page with it, shown this once (see profile.tsx). */
export { default, loader } from "./profile.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, apiTokenCreateSchema);
  const name = form.values.name ?? "";
  if (!form.ok) return data<ProfileActionResult>({ intent: "createToken", errors: form.errors, name, created: null, problem: null }, { status: 400 });
  const created = await createApiToken(ctx.db, actor, form.data.name, ctx.meta);
  // Shown once: only the token's hash is kept.
  return data<ProfileActionResult>({ intent: "createToken", errors: {}, name: "", created: { name: form.data.name, token: created.token }, problem: null });
}

import { data, redirect } from "react-router";
import type { Route } from "./+types/profile-password";
import { changePassword } from "../../src/domain/auth/credentials.server.ts";
import { changePasswordSchema } from "../../src/domain/auth/model.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import type { ProfileActionResult } from "./profile.tsx";

/** Changes the signed-in person's password; their other sessions end. A problem draws the profile page with it. */
export { default, loader } from "./profile.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, changePasswordSchema);
  const fail = (errors: Record<string, string>) => data<ProfileActionResult>({ intent: "changePassword", errors, name: "", created: null, problem: null }, { status: 400 });
  if (!form.ok) return fail(form.errors);
  if (!ctx.sessionId) throw redirect("/sign-in");
  const result = await changePassword(ctx.db, actor, ctx.sessionId, form.data, ctx.meta);
  if (!result.ok) return fail({ current: "profile.password.wrongCurrent" });
  return redirect(`/profile?password=changed&ended=${result.sessionsEnded}#password`);
}

import { data, redirect } from "react-router";
import type { Route } from "./+types/profile-phone";
import { phoneChoiceSchema } from "../../src/domain/users/model.ts";
import { changePhone } from "../../src/domain/users/users.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import type { ProfileActionResult } from "./profile.tsx";

/** Saves the phone the signed-in person is reached at (on invitations and printouts); a problem draws the profile page with it. */
export { default, loader } from "./profile.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, phoneChoiceSchema);
  if (!form.ok) return data<ProfileActionResult>({ intent: "changePhone", errors: form.errors, name: "", created: null, problem: null }, { status: 400 });
  await changePhone(ctx.db, actor, form.data, ctx.meta);
  return redirect("/profile?phone=saved#phone");
}

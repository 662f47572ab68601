import { data, redirect } from "react-router";
import type { Route } from "./+types/profile-language";
import { languageChoiceSchema } from "../../src/domain/users/model.ts";
import { changeLanguage } from "../../src/domain/users/users.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import type { ProfileActionResult } from "./profile.tsx";

/** Saves the language of the signed-in person's pages; a problem draws the profile page with it. */
export { default, loader } from "./profile.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, languageChoiceSchema);
  if (!form.ok) return data<ProfileActionResult>({ intent: "changeLanguage", errors: form.errors, name: "", created: null, problem: null }, { status: 400 });
  await changeLanguage(ctx.db, actor, form.data, ctx.meta);
  return redirect("/profile?language=saved#language");
}

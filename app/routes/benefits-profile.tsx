import type { Route } from "./+types/benefits-profile";
import { saveBenefitsProfile } from "../../src/domain/benefits/profile.server.ts";
import { benefitsProfileInputSchema } from "../../src/domain/benefits/records.ts";
import { benefitsFailure, benefitsSaved } from "../lib/benefits-form.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** Saves the benefits profile; on a problem the benefits page is drawn again with it (see benefits.tsx). */
export { default, links, loader } from "./benefits.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, benefitsProfileInputSchema);
  if (!form.ok) return benefitsFailure("profile", null, form.values, 400, form.errors);
  const result = await saveBenefitsProfile(ctx.db, access, form.data, ctx.meta);
  if (!result.ok && result.reason === "conflict") return benefitsFailure("profile", null, form.values, 409, {}, "benefits.profile.conflict");
  if (!result.ok) throw notFound();
  return benefitsSaved(params.id, "profile", "profile");
}

import { redirect } from "react-router";
import type { Route } from "./+types/me-withdraw";
import { consentRevocationInputSchema } from "../../src/domain/consent/model.ts";
import { withdrawMyConsent } from "../../src/domain/portal/privacy.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";

/** The participant takes back a category or a whole release; the privacy page shows the result. */
export { default, links, loader } from "./me-privacy.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await parseForm(request, consentRevocationInputSchema);
  if (!form.ok) throw notFound();
  const result = await withdrawMyConsent(ctx.db, own, params.grantId, form.data, ctx.meta);
  if (!result.ok && result.reason === "not_found") throw notFound();
  // Already withdrawn (a second click) is not an error: it is withdrawn.
  return redirect("/me/privacy?withdrawn=1");
}

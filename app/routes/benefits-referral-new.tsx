import type { Route } from "./+types/benefits-referral-new";
import { createReferral } from "../../src/domain/benefits/profile.server.ts";
import { referralInputSchema } from "../../src/domain/benefits/records.ts";
import { benefitsFailure, benefitsSaved } from "../lib/benefits-form.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** Records a referral to a benefits counselor; on a problem the benefits page is drawn again with it (see benefits.tsx). */
export { default, links, loader } from "./benefits.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, referralInputSchema);
  if (!form.ok) return benefitsFailure("referral", null, form.values, 400, form.errors);
  const result = await createReferral(ctx.db, access, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return benefitsSaved(params.id, "referral", "referrals");
}

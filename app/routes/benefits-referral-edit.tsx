import type { Route } from "./+types/benefits-referral-edit";
import { updateReferral } from "../../src/domain/benefits/profile.server.ts";
import { referralUpdateSchema } from "../../src/domain/benefits/records.ts";
import { benefitsFailure, benefitsSaved } from "../lib/benefits-form.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** Saves a benefits counselor referral's outcome; on a problem the benefits page is drawn again with it (see benefits.tsx). */
export { default, links, loader } from "./benefits.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, referralUpdateSchema);
  if (!form.ok) return benefitsFailure("referralUpdate", params.referralId, form.values, 400, form.errors);
  const result = await updateReferral(ctx.db, access, params.referralId, form.data, ctx.meta);
  if (!result.ok && result.reason === "conflict") return benefitsFailure("referralUpdate", params.referralId, form.values, 409, {}, "benefits.referral.conflict");
  if (!result.ok) throw notFound();
  return benefitsSaved(params.id, "referralUpdate", "referrals");
}

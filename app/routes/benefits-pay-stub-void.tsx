import type { Route } from "./+types/benefits-pay-stub-void";
import { voidPayStub } from "../../src/domain/benefits/earnings.server.ts";
import { payStubVoidSchema } from "../../src/domain/benefits/records.ts";
import { benefitsFailure, benefitsSaved } from "../lib/benefits-form.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** Voids a pay stub entered by mistake, keeping it in the log; on a problem the benefits page is drawn again with it (see benefits.tsx). */
export { default, links, loader } from "./benefits.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, payStubVoidSchema);
  if (!form.ok) return benefitsFailure("void", params.stubId, form.values, 400, form.errors);
  const result = await voidPayStub(ctx.db, access, params.stubId, form.data.reason, ctx.meta);
  if (!result.ok && result.reason === "already_voided") return benefitsFailure("void", params.stubId, form.values, 409, {}, "benefits.payStub.alreadyVoided");
  if (!result.ok) throw notFound();
  return benefitsSaved(params.id, "void", "earnings");
}

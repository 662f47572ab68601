import type { Route } from "./+types/benefits-report";
import { recordEarningsReport } from "../../src/domain/benefits/earnings.server.ts";
import { earningsReportInputSchema } from "../../src/domain/benefits/records.ts";
import { benefitsFailure, benefitsSaved } from "../lib/benefits-form.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** Records that a month's earnings were reported to SSA; on a problem the benefits page is drawn again with it (see benefits.tsx). */
export { default, links, loader } from "./benefits.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, earningsReportInputSchema, (_form, fields) => ({ ...fields, month: params.month }));
  if (!form.ok) return benefitsFailure("report", params.month, form.values, 400, form.errors);
  const result = await recordEarningsReport(ctx.db, access, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return benefitsSaved(params.id, "report", "reporting");
}

import { redirect } from "react-router";
import type { Route } from "./+types/support-commitment";
import { commitmentReportSchema } from "../../src/domain/partners/model.ts";
import { reportCommitment } from "../../src/domain/partners/support-page.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requirePartner } from "../lib/request.server.ts";

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, commitmentReportSchema);
  if (!form.ok) return redirect("/support#commitments");
  const result = await reportCommitment(ctx.db, actor, params.itemId, form.data.report, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect("/support?done=commitment#commitments");
}

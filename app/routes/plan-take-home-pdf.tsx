import type { Route } from "./+types/plan-take-home-pdf";
import { getTakeHomePlan } from "../../src/domain/plans/plans.server.ts";
import { buildTakeHomeDocument, renderTakeHomePdf } from "../../src/domain/plans/take-home-pdf.server.ts";
import { translator } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** The take-home plan as a PDF: the same words as the print page, the same ?for= copy. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const forPerson = new URL(request.url).searchParams.get("for");
  const audience = forPerson ? { kind: "support" as const, supportPersonId: forPerson } : { kind: "participant" as const };
  const takeHome = await getTakeHomePlan(ctx.db, access, audience, ctx.meta);
  if (!takeHome) throw notFound();
  const today = new Date().toISOString().slice(0, 10);
  const pdf = await renderTakeHomePdf(buildTakeHomeDocument(takeHome.plan, audience.kind, translator(takeHome.locale), today));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="job-support-plan-${today}.pdf"`,
      "Content-Length": String(pdf.byteLength),
    },
  });
}

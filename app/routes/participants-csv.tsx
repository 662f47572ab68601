import type { Route } from "./+types/participants-csv";
import { caseloadCsv, caseloadExportQuerySchema } from "../../src/domain/exports/caseload-export.ts";
import { exportCaseload } from "../../src/domain/exports/caseload-export.server.ts";
import { translator } from "../../src/i18n/index.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";

/** The caseload page's list, every page of it, as a spreadsheet (decision 0045). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const params = new URL(request.url).searchParams;
  // A search longer than the schema allows is cut, as on the caseload page.
  const query = caseloadExportQuerySchema.parse({ q: params.get("q")?.slice(0, 100), status: params.get("status") ?? undefined });
  const rows = await exportCaseload(ctx.db, actor, query, "page", ctx.meta);
  if (!rows) throw notFound();
  return new Response(caseloadCsv(rows, translator(actor.locale)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="allies-caseload-${query.status}.csv"`,
    },
  });
}

import { caseloadCsv, caseloadExportQuerySchema } from "../../../domain/exports/caseload-export.ts";
import { exportCaseload } from "../../../domain/exports/caseload-export.server.ts";
import { translator } from "../../../i18n/index.ts";
import { defineOperation, notFound, replyText } from "../operation.ts";

/** Data out (issue 16 §3, decision 0045): the caseload as CSV, as the caseload page's download gives it. */
export const exportOperations = [
  defineOperation({
    operationId: "exportCaseload",
    method: "get",
    path: "/exports/caseload",
    summary: "The participants of the caseloads you may see, matching the search and status, as CSV (audited as an export)",
    permission: "read:participant",
    query: caseloadExportQuerySchema,
    responses: { 200: { description: "CSV (RFC 4180, UTF-8 with a byte-order mark); cells that a spreadsheet would read as a formula start with an apostrophe", mediaType: "text/csv" }, 404: "You may see no caseload" },
    handler: async ({ db, actor, query, meta }) => {
      const rows = await exportCaseload(db, actor, query, "api", meta);
      return rows ? replyText(200, caseloadCsv(rows, translator(actor.locale))) : notFound();
    },
  }),
];

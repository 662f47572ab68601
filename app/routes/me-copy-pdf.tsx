import type { Route } from "./+types/me-copy-pdf";
import { getMyRecordCopy } from "../../src/domain/portal/record-copy.server.ts";
import { buildRecordDocument, renderRecordPdf } from "../../src/domain/portal/record-pdf.server.ts";
import { localeFor, translator } from "../../src/i18n/index.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";

/** The whole record as a readable PDF, in the participant's language. Audited. */
export async function loader({ context }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const copy = await getMyRecordCopy(ctx.db, own, "pdf", ctx.meta);
  if (!copy) throw notFound();
  const pdf = await renderRecordPdf(buildRecordDocument(copy, translator(localeFor(own.participant.preferredLanguage))));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="my-record-${copy.generatedAt.slice(0, 10)}.pdf"`,
      "Content-Length": String(pdf.byteLength),
    },
  });
}

import type { Route } from "./+types/consent-scan";
import { getConsentScan } from "../../src/domain/consent/consent.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** The uploaded scan of a consent signed on paper. Reading it is authorized and audited in the domain. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const scan = await getConsentScan(ctx.db, access, params.grantId, ctx.meta);
  if (!scan) throw notFound();
  const filename = scan.filename.normalize("NFKD").replace(/[^\w.-]+/g, "_").slice(0, 100) || "consent-scan";
  return new Response(new Uint8Array(scan.bytes), {
    headers: {
      "Content-Type": scan.contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(scan.bytes.byteLength),
    },
  });
}

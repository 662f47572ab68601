import type { Route } from "./+types/participant-fhir";
import { exportParticipantFhir } from "../../src/domain/fhir/export.server.ts";
import { FHIR_JSON, fhirExportRequestSchema } from "../../src/domain/fhir/model.ts";
import { translator } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** The participant's record as a FHIR R4 file for the program's health record (decision 0043): the API's export, from the participant's page. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const query = new URL(request.url).searchParams;
  const parsed = fhirExportRequestSchema.safeParse({ part2ConsentSignedOn: query.get("part2ConsentSignedOn") ?? "" });
  if (!parsed.success) {
    return new Response(translator(access.actor.locale)("fhir.part2ConsentSignedOn.invalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const exported = await exportParticipantFhir(ctx.db, access, parsed.data, ctx.meta);
  if (!exported) throw notFound();
  const today = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(exported.bundle, null, 2), {
    headers: { "Content-Type": `${FHIR_JSON}; charset=utf-8`, "Content-Disposition": `attachment; filename="participant-${today}.fhir.json"` },
  });
}

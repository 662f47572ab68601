import type { Route } from "./+types/consent-form-pdf";
import { buildConsentForm, termsOf } from "../../src/domain/consent/consent-form.ts";
import { renderConsentPdf } from "../../src/domain/consent/consent-pdf.server.ts";
import { listConsentGrants } from "../../src/domain/consent/consent.server.ts";
import { getNetwork } from "../../src/domain/network/network.server.ts";
import { localeFor, translator } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";

/** The consent form as a PDF: the same content as the printable page. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const grants = await listConsentGrants(ctx.db, access, ctx.meta);
  const grant = grants?.find((g) => g.id === params.grantId);
  if (!grant) throw notFound();
  const view = await getNetwork(ctx.db, access, ctx.meta);
  const person = view ? [...view.current, ...view.ended].find((p) => p.id === grant.supportPersonId) : undefined;
  if (!view || !person) throw notFound();
  const t = translator(localeFor(view.participant.preferredLanguage));
  const form = buildConsentForm({ participant: view.participant, specialistName: view.participant.specialistName, person, terms: termsOf(grant), record: grant }, t);
  const pdf = await renderConsentPdf(form, {
    author: view.participant.specialistName,
    footer: t("consentForm.pdf.footer", { id: grant.id, date: new Date().toISOString().slice(0, 10) }),
  });
  const filename = `consent-${asciiSlug(view.participant.lastName)}-${asciiSlug(person.name)}-${grant.signedOn}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Content-Length": String(pdf.byteLength),
    },
  });
}

/** A file name any browser and file system accepts. */
function asciiSlug(value: string): string {
  return value.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40) || "person";
}

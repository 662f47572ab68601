import type { Route } from "./+types/consent-blank-pdf";
import { buildConsentForm } from "../../src/domain/consent/consent-form.ts";
import { renderConsentPdf } from "../../src/domain/consent/consent-pdf.server.ts";
import { translator } from "../../src/i18n/index.ts";
import { loadBlankConsentForm } from "../lib/blank-consent.server.ts";

/** The blank consent form as a PDF: the same content as its printable page. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const facts = await loadBlankConsentForm(context, request, params);
  const t = translator("en");
  if (!facts) return new Response(t("consentForm.blank.invalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pdf = await renderConsentPdf(buildConsentForm(facts, t), {
    author: facts.specialistName,
    footer: t("consentForm.blank.footer", { date: new Date().toISOString().slice(0, 10) }),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="consent-to-sign.pdf"`,
      "Content-Length": String(pdf.byteLength),
    },
  });
}

import { Link, data, useLoaderData } from "react-router";
import type { Route } from "./+types/consent-blank";
import { buildConsentForm } from "../../src/domain/consent/consent-form.ts";
import { ConsentFormDocument } from "../components/consent-form.tsx";
import networkStyles from "../components/network.css?url";
import { loadBlankConsentForm } from "../lib/blank-consent.server.ts";
import { localeFor } from "../../src/i18n/index.ts";
import { useT, useTranslator } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

/** The consent form with blank lines to sign on paper, for terms not yet recorded (same content as the PDF). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const facts = await loadBlankConsentForm(context, request, params);
  const pdfHref = `${new URL(request.url).pathname}.pdf${new URL(request.url).search}`;
  if (!facts) return data({ facts: null, pdfHref }, { status: 400 });
  return { facts, pdfHref };
}

export default function ConsentBlankPage() {
  const t = useT();
  const { facts, pdfHref } = useLoaderData<typeof loader>();
  // The form is in the participant's language, which may not be the page's.
  const words = useTranslator(localeFor(facts?.participant.preferredLanguage));
  if (!facts) {
    return (
      <div className="page">
        <title>{`${t("consentForm.blank.invalid.title")} · ${t("app.name")}`}</title>
        <h1>{t("consentForm.blank.invalid.title")}</h1>
        <p>{t("consentForm.blank.invalid")}</p>
      </div>
    );
  }
  const form = buildConsentForm(facts, words);
  return (
    <div className="page">
      <title>{`${form.title} · ${facts.person.name} · ${t("app.name")}`}</title>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>{t("consentForm.page.print")}</button>
        <a className="button secondary" href={pdfHref}>{t("consentForm.page.pdf")}</a>
      </div>
      <p className="hint no-print">{t("consentForm.blank.hint")}</p>
      <div lang={words.locale}><ConsentFormDocument form={form} /></div>
    </div>
  );
}

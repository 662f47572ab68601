import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/consent-form";
import { buildConsentForm, termsOf } from "../../src/domain/consent/consent-form.ts";
import { listConsentGrants } from "../../src/domain/consent/consent.server.ts";
import { getNetwork } from "../../src/domain/network/network.server.ts";
import { ConsentFormDocument } from "../components/consent-form.tsx";
import networkStyles from "../components/network.css?url";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { localeFor } from "../../src/i18n/index.ts";
import { useT, useTranslator } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

/** The printable release of information: the same content as the PDF, from consent-form.ts. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const grants = await listConsentGrants(ctx.db, access, ctx.meta);
  const grant = grants?.find((g) => g.id === params.grantId);
  if (!grant) throw notFound();
  const view = await getNetwork(ctx.db, access, ctx.meta);
  const person = view ? [...view.current, ...view.ended].find((p) => p.id === grant.supportPersonId) : undefined;
  if (!view || !person) throw notFound();
  return {
    participant: view.participant,
    person: { id: person.id, name: person.name, relationshipKind: person.relationshipKind, relationshipOther: person.relationshipOther, phone: person.phone, email: person.email },
    grant,
  };
}

export default function ConsentFormPage() {
  const t = useT();
  const { participant, person, grant } = useLoaderData<typeof loader>();
  // The form is the participant's to read and sign: in their language, whatever the page around it is in.
  const words = useTranslator(localeFor(participant.preferredLanguage));
  const form = buildConsentForm({ participant, specialistName: participant.specialistName, person, terms: termsOf(grant), record: grant }, words);
  const base = `/participants/${participant.id}`;
  return (
    <div className="page">
      <title>{`${form.title} · ${person.name} · ${t("app.name")}`}</title>
      <div className="actions no-print">
        <Link to={`${base}/network/${person.id}#consent`}>{t("consentForm.page.back", { name: person.name })}</Link>
        <button type="button" onClick={() => window.print()}>{t("consentForm.page.print")}</button>
        <a className="button secondary" href={`${base}/consent/${grant.id}/form.pdf`}>{t("consentForm.page.pdf")}</a>
      </div>
      <p className="hint no-print">{t("consentForm.page.printHint")}</p>
      <div lang={words.locale}><ConsentFormDocument form={form} grantId={grant.id} /></div>
    </div>
  );
}

import { Fragment } from "react";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/consent-form";
import { buildConsentForm, termsOf } from "../../src/domain/consent/consent-form.ts";
import { listConsentGrants } from "../../src/domain/consent/consent.server.ts";
import { getNetwork } from "../../src/domain/network/network.server.ts";
import networkStyles from "../components/network.css?url";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

/** The printable release of information: the same content as the PDF, from consent-form.ts. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const grants = await listConsentGrants(ctx.db, actor, params.id, ctx.meta);
  const grant = grants?.find((g) => g.id === params.grantId);
  if (!grant) throw notFound();
  const view = await getNetwork(ctx.db, actor, params.id, ctx.meta);
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
  const form = buildConsentForm({ participant, specialistName: participant.specialistName, person, terms: termsOf(grant), record: grant }, t);
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
      <article className="consent-form" aria-labelledby="consent-form-title" data-grant-id={grant.id}>
        <h1 id="consent-form-title">{form.title}</h1>
        <p>{form.intro}</p>
        {form.withdrawals.map((line, i) => <p key={i} className="withdrawn">{line}</p>)}
        {form.sections.map((section) => (
          <section key={section.id} aria-labelledby={`section-${section.id}`} data-section={section.id}>
            <h2 id={`section-${section.id}`}>{section.heading}</h2>
            {section.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
            {section.items.length ? <ul>{section.items.map((item, i) => <li key={i}>{item}</li>)}</ul> : null}
            {section.id === "part2" && form.part2Notice ? <p className="part2-notice">{form.part2Notice}</p> : null}
          </section>
        ))}
        {form.signature ? (
          <section className="signature" aria-labelledby="section-signature">
            <h2 id="section-signature">{form.signature.heading}</h2>
            <dl className="signature-lines">
              {form.signature.lines.map((line) => (
                <Fragment key={line.label}>
                  <dt>{line.label}</dt>
                  <dd>{line.value}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ) : null}
      </article>
    </div>
  );
}

import { Form, Link, data, href, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { STEPPED_OUT } from "../../src/domain/partners/model.ts";
import type { Route } from "./+types/network";
import { supportPersonInputSchema } from "../../src/domain/network/model.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { createSupportPerson, ecomapInputOf, getNetwork } from "../../src/domain/network/network.server.ts";
import { Ecomap, type EcomapLabels } from "../components/ecomap.tsx";
import { CsrfField, ErrorSummary } from "../components/forms.tsx";
import {
  SupportPersonFields, participantDisplayName, relationshipLabel, supportPersonFormInput, supportPersonLabels, supportPersonValuesOf,
} from "../components/support-person-fields.tsx";
import networkStyles from "../components/network.css?url";
import { translator, type Translate } from "../../src/i18n/index.ts";
import { CLOSENESS, RELATIONSHIP_STATUSES, isProfessional } from "../../src/domain/network/vocabulary.ts";
import { listSupportSuggestions } from "../../src/domain/portal/privacy.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await getNetwork(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const t = translator(access.actor.locale);
  const added = new URL(request.url).searchParams.get("added");
  return {
    participant: view.participant,
    current: view.current,
    ended: view.ended,
    withConsent: view.withConsent,
    can: view.can,
    ecomap: ecomapInputOf(view, (p) => relationshipLabel(p, t)),
    added: view.current.find((p) => p.id === added)?.name ?? null,
    // People the participant asked to add on their own page, waiting for the specialist.
    suggestions: (await listSupportSuggestions(ctx.db, access)).filter((s) => s.followedUpAt === null),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(supportPersonInputSchema, (submitted) => supportPersonFormInput(submitted));
  if (!parsed.ok) return data({ errors: parsed.errors, values: supportPersonValuesOf(form) }, { status: 400 });
  const result = await createSupportPerson(ctx.db, access, parsed.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/network?added=${result.person.id}`);
}

export default function NetworkPage() {
  const t = useT();
  const { participant, current, ended, withConsent, can, added, ecomap, suggestions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const base = `/participants/${participant.id}`;
  // A row's link is a plain <a> (decision 0041): a <Link> resolves itself against the
  // route tree on every server render, once per person, for a click that loads a page anyway.
  const personHref = (personId: string) => href("/participants/:id/network/:personId", { id: participant.id, personId });
  return (
    <div className="page">
      <title>{`${t("network.page.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("network.page.title", { name })}</h1>
      {added ? <p className="notice" role="status">{t("network.page.added", { name: added })}</p> : null}
      <p>{t("network.page.intro")}</p>
      <div className="actions no-print">
        <Link className="button secondary" to={`${base}/network/discover`}>{t("network.page.discover")}</Link>
        <Link className="button secondary" to={`${base}/families`}>{t("families.network.link")}</Link>
        <PrintButton label={t("network.page.print")} />
      </div>

      {suggestions.length > 0 ? (
        <section className="card" aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">{t("network.suggestions.heading", { name })}</h2>
          <p className="hint">{t("network.suggestions.hint")}</p>
          <ul>
            {suggestions.map((s) => (
              <li key={s.id} data-suggestion-id={s.id}>
                <strong>{s.name}</strong>
                {s.howToReach ? ` · ${s.howToReach}` : null}
                {s.note ? <> · {s.note}</> : null}
                <span className="muted"> · {formatDate(s.createdAt.slice(0, 10), t.locale)}</span>
                {can.update ? (
                  <Form method="post" action={`${base}/network/suggestions/${s.id}/follow-up`} className="no-print">
                    <CsrfField />
                    <button type="submit" className="secondary" disabled={busy}>{t("network.suggestions.followUp", { name: s.name })}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="network-overview">
      <section aria-labelledby="current" className="network-people">
        <h2 id="current">{t("network.current.heading")}</h2>
        {current.length === 0 ? (
          <p>{t("network.current.empty")}</p>
        ) : (
          <div className="table-wrap">
          <table className="responsive-table network-list">
            <caption className="muted">{t("network.current.caption", { count: current.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.field.name")}</th>
                <th scope="col">{t("network.field.relationshipKind")}</th>
                <th scope="col">{t("network.field.closeness")}</th>
                <th scope="col">{t("network.field.status")}</th>
                <th scope="col">{t("network.current.consent")}</th>
                <th scope="col">{t("network.current.firstCall")}</th>
              </tr>
            </thead>
            <tbody>
              {current.map((person) => (
                <tr key={person.id} data-person-id={person.id}>
                  <td data-label={t("network.field.name")}><a href={personHref(person.id)}>{person.name}</a></td>
                  <td data-label={t("network.field.relationshipKind")}>
                    {isProfessional(person.relationshipKind) ? <span className="mark mark--professional">{t("network.professional")}</span> : null}
                    {isProfessional(person.relationshipKind) ? " " : null}{relationshipLabel(person, t)}
                  </td>
                  <td data-label={t("network.field.closeness")}>{t(`network.closeness.${person.closeness}`)}</td>
                  <td data-label={t("network.field.status")}>
                    <span className={`mark mark--status-${person.status}`}>{t(`network.status.${person.status}`)}</span>
                  </td>
                  <td data-label={t("network.current.consent")} data-consent={withConsent.includes(person.id) ? "yes" : "no"}>
                    {withConsent.includes(person.id) ? <span className="mark mark--consent">{t("network.mark.consent")}</span> : <span className="muted">{t("network.mark.noConsent")}</span>}
                  </td>
                  <td data-label={t("network.current.firstCall")}>
                    {person.firstCall ? <span className="mark mark--first-call">{t("network.mark.firstCall")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}

        {can.update ? (
          // Closed until wanted (issue 14 §2); open again after a refused submit, so its errors show.
          <details className="disclosure add-form no-print" open={result?.errors ? true : undefined}>
            <summary><span id="add-heading">{t("network.add.heading")}</span></summary>
            <p className="hint">{t("network.add.hint")}</p>
            <ErrorSummary errors={result?.errors} labels={supportPersonLabels(t)} />
            <Form method="post" noValidate aria-labelledby="add-heading">
              <CsrfField />
              <SupportPersonFields t={t} values={result?.values ?? {}} errors={result?.errors} firstCallHolder={current.find((p) => p.firstCall)?.name ?? null} />
              <button type="submit" disabled={busy}>{t("network.add.submit")}</button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="ecomap-heading">
        <h2 id="ecomap-heading">{t("network.ecomap.heading")}</h2>
        <Ecomap input={ecomap} labels={ecomapLabels(t, name)} headingLevel={3} compact />
      </section>
      </div>

      {ended.length > 0 ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t("network.past.heading")}</h2>
          <ul>
            {ended.map((person) => (
              <li key={person.id}>
                <a href={personHref(person.id)}>{person.name}</a>
                {` (${relationshipLabel(person, t)}) — `}
                {t("network.past.endedOn", { date: formatDate(person.endedAt ?? "", t.locale) })}
                {person.endedReason === STEPPED_OUT ? ` ${t("network.steppedOut", { date: formatDate(person.endedAt ?? "", t.locale) })}` : person.endedReason ? `: ${person.endedReason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Opens the browser's print dialog; without JavaScript the browser's own Print does the same. */
function PrintButton({ label }: { label: string }) {
  return <button type="button" className="secondary" onClick={() => window.print()}>{label}</button>;
}

function ecomapLabels(t: Translate, name: string): EcomapLabels {
  return {
    title: t("network.ecomap.title", { name }),
    summary: (counts) => {
      const text = t("network.ecomap.summary", {
        total: counts.total, inner: counts.byRing.inner, consent: counts.withConsent, strained: counts.byStatus.strained, lost: counts.byStatus.lost_touch,
      });
      return counts.firstCallNames.length ? `${text} ${t("network.ecomap.firstCall", { names: counts.firstCallNames.join(", ") })}` : text;
    },
    rings: Object.fromEntries(CLOSENESS.map((c) => [c, t(`network.closeness.${c}`)])) as EcomapLabels["rings"],
    statuses: Object.fromEntries(RELATIONSHIP_STATUSES.map((s) => [s, t(`network.status.${s}`)])) as EcomapLabels["statuses"],
    legendHeading: t("network.ecomap.legendHeading"),
    legendRings: t("network.ecomap.legendRings"),
    legendLines: t("network.ecomap.legendLines"),
    legendMarks: t("network.ecomap.legendMarks"),
    consentMark: t("network.ecomap.consentMark"),
    firstCallMark: t("network.ecomap.firstCallMark"),
    noContactMark: t("network.ecomap.noContactMark"),
    tableCaption: t("network.ecomap.tableCaption"),
    scroll: t("fit.ecomap.scroll"),
    columns: {
      name: t("network.field.name"), relationship: t("network.field.relationshipKind"), ring: t("network.field.closeness"),
      status: t("network.field.status"), consent: t("network.current.consent"), firstCall: t("network.current.firstCall"),
    },
    yes: t("common.yes"),
    no: t("common.no"),
    empty: t("network.ecomap.empty"),
  };
}

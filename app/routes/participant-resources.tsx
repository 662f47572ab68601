import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/participant-resources";
import { resourceOfferSchema } from "../../src/domain/resources/model.ts";
import { offerResource, readOffers } from "../../src/domain/resources/resources.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { MessageKey } from "../../src/i18n/index.ts";
import { CsrfField, ErrorSummary, RadioGroup, SelectField } from "../components/forms.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** The resources offered on a participant's record, and offering one to them or to one of their supports (issue 15). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await readOffers(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  return { participant: access.participant, ...view, offered: new URL(request.url).searchParams.has("offered") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, resourceOfferSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values, outside: null }, { status: 400 });
  const result = await offerResource(ctx.db, access, form.data, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}/resources?offered=1`);
  if (result.reason === "outside_consent") return data({ errors: {}, values: form.values, outside: { name: result.name, category: result.category } }, { status: 422 });
  throw notFound();
}

export default function ParticipantResourcesPage() {
  const t = useT();
  const { participant, offers, resources, people, canOffer, offered } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const title = t("resource.offers.title", { name });
  const errors: Record<string, string> | undefined = problem?.errors;
  const labels = { resourceId: t("resource.offer.resource"), to: t("resource.offer.to") };
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {offered ? <p className="notice" role="status">{t("resource.offered")}</p> : null}
      <p>{t("resource.offers.intro", { name })}</p>
      {offers.length === 0 ? <p>{t("resource.offers.none")}</p> : (
        <ul className="plain-list" data-testid="resource-offers">
          {offers.map((o) => (
            <li key={o.offerId} className="card">
              <h2>{o.resource.name}</h2>
              <p>{t("resource.offers.to", { who: o.to.kind === "participant" ? name : o.to.name, date: formatDate(o.offeredAt.slice(0, 10), t.locale) })}</p>
            </li>
          ))}
        </ul>
      )}
      {canOffer ? (
        <section aria-labelledby="offer-resource" className="no-print">
          <h2 id="offer-resource">{t("resource.offer.heading")}</h2>
          {resources.length === 0 ? <p>{t("resource.offer.noResources")}</p> : (
            <Form method="post" noValidate>
              <CsrfField />
              <ErrorSummary errors={errors} labels={labels} />
              {problem?.outside ? (
                <div className="form-error" role="alert" data-testid="offer-outside-consent">
                  <p>{t("resource.offer.outsideConsent", { name: problem.outside.name, category: t(`consent.category.${problem.outside.category}` as MessageKey) })}</p>
                </div>
              ) : null}
              <SelectField name="resourceId" label={labels.resourceId} errors={errors} defaultValue={problem?.values.resourceId ?? null}
                options={resources.map((r) => ({ value: r.id, label: r.name }))} />
              <RadioGroup name="to" label={labels.to} errors={errors} defaultValue={problem?.values.to ?? "participant"}
                options={[{ value: "participant", label: name }, ...people.map((p) => ({ value: p.supportPersonId, label: p.name }))]} />
              <p><button type="submit" disabled={busy}>{t("resource.offer.submit")}</button></p>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

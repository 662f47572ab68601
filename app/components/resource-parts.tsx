import { CONSENT_CATEGORIES } from "../../src/domain/consent/model.ts";
import { RESOURCE_KINDS, type Resource } from "../../src/domain/resources/model.ts";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { ErrorSummary, SelectField, TextArea, TextField, type Errors } from "./forms.tsx";

/** One resource as the directory and a person's own page show it; `staff` adds what an offer reveals. */
export function ResourceDetails({ t, resource, staff }: { t: Translate; resource: Resource; staff: boolean }) {
  return (
    <dl className="facts">
      <><dt>{t("resource.label.kind")}</dt><dd>{t(`resource.kind.${resource.kind}`)}</dd></>
      {resource.contact ? <><dt>{t("resource.label.contact")}</dt><dd>{resource.contact}</dd></> : null}
      {resource.address ? <><dt>{t("resource.label.address")}</dt><dd>{resource.address}</dd></> : null}
      {resource.languages.length > 0 ? <><dt>{t("resource.label.languages")}</dt><dd>{resource.languages.join(", ")}</dd></> : null}
      {staff ? <><dt>{t("resource.label.category")}</dt><dd>{resource.category ? t(`consent.category.${resource.category}` as MessageKey) : t("resource.category.none")}</dd></> : null}
    </dl>
  );
}

export function resourceLabels(t: Translate) {
  return {
    name: t("resource.field.name"), kind: t("resource.field.kind"), description: t("resource.field.description"), contact: t("resource.field.contact"),
    address: t("resource.field.address"), languages: t("resource.field.languages"), category: t("resource.field.category"),
  };
}

/** The fields of a resource, new or edited; `values` are what was sent back after a refused save. */
export function ResourceFields({ t, resource, errors, values }: { t: Translate; resource: Resource | null; errors: Errors; values: Record<string, string> | undefined }) {
  const labels = resourceLabels(t);
  const value = (field: string, current: string | null) => values?.[field] ?? current ?? "";
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <TextField name="name" label={labels.name} errors={errors} defaultValue={value("name", resource?.name ?? null)} required />
      <SelectField name="kind" label={labels.kind} errors={errors} defaultValue={value("kind", resource?.kind ?? null)}
        options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`resource.kind.${k}`) }))} />
      <TextArea name="description" label={labels.description} errors={errors} rows={3} maxLength={2000} defaultValue={value("description", resource?.description ?? null)} />
      <TextField name="contact" label={labels.contact} errors={errors} defaultValue={value("contact", resource?.contact ?? null)} />
      <TextField name="address" label={labels.address} errors={errors} defaultValue={value("address", resource?.address ?? null)} />
      <TextField name="languages" label={labels.languages} hint={t("resource.field.languages.hint")} errors={errors} defaultValue={value("languages", resource?.languages.join(", ") ?? null)} />
      <SelectField name="category" label={labels.category} hint={t("resource.field.category.hint")} errors={errors} defaultValue={value("category", resource ? resource.category ?? "none" : "none")}
        options={[{ value: "none", label: t("resource.category.none") }, ...CONSENT_CATEGORIES.map((c) => ({ value: c, label: t(`consent.category.${c}` as MessageKey) }))]} />
    </>
  );
}

/** The resources offered to the person reading their own page (participant or support person). */
export function OwnResources({ t, offers }: { t: Translate; offers: readonly { offerId: string; resource: Resource }[] }) {
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="own-resources" data-testid="own-resources">
      <h2 id="own-resources">{t("resource.own.heading")}</h2>
      <p>{t("resource.own.intro")}</p>
      <ul className="plain-list">
        {offers.map((o) => (
          <li key={o.offerId} className="card">
            <h3>{o.resource.name}</h3>
            <p className="pre-line">{o.resource.description}</p>
            <ResourceDetails t={t} resource={o.resource} staff={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { Form } from "react-router";
import { CONTACT_METHODS, type ContactNote } from "../../src/domain/contacts/model.ts";
import type { NameableSupport } from "../../src/domain/contacts/contacts.server.ts";
import type { ConsentCategory } from "../../src/domain/consent/model.ts";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { CsrfField, DateField, ErrorSummary, fieldId, RadioGroup, TextArea, type Errors } from "./forms.tsx";
import { DisclosureFields } from "./disclosure-fields.tsx";
import { errorText } from "../lib/i18n.ts";
import type { FormChoices, FormValues } from "../lib/form.server.ts";

/** What a contact note form's action answers when it cannot save: the errors, what was sent, and whom consent left out. */
export interface ContactNoteProblem {
  errors: Record<string, string>;
  values: FormValues;
  chosen: FormChoices;
  outside?: { name: string; noConsent: boolean; missing: ConsentCategory[] }[];
  /** The note as someone else saved it, when the edit came over an older version. */
  current?: ContactNote;
}

/**
 * The one form for a contact note, new or edited. `note` fills it when editing;
 * a problem sent back fills it with what was sent instead, so nothing typed is lost.
 */
export function ContactNoteForm({ t, name, people, note, problem, today, submitLabel, busy }: {
  t: Translate; name: string; people: readonly NameableSupport[]; note: ContactNote | null; problem: ContactNoteProblem | undefined;
  today: string; submitLabel: string; busy: boolean;
}) {
  const errors: Errors = problem?.errors;
  // What was sent comes back after any refused save (a conflict too), so nothing typed is lost.
  const sent = problem && Object.keys(problem.values).length > 0 ? problem : null;
  const value = (field: string, fallback: string | null) => sent ? sent.values[field] ?? "" : fallback;
  const withParticipant = sent ? sent.values.withParticipant !== undefined : note ? note.withParticipant : true;
  const named = sent ? sent.chosen.supportPersonIds ?? [] : note ? note.people.map((p) => p.supportPersonId) : [];
  const touched = sent ? sent.chosen.discloses ?? [] : note?.discloses ?? [];
  // Someone named on the note who has since left the network stays ticked, so saving keeps them.
  const choices = [...people, ...(note?.people.filter((p) => !people.some((c) => c.supportPersonId === p.supportPersonId))
    .map((p) => ({ supportPersonId: p.supportPersonId, name: p.name || t("contactNote.formerSupport") })) ?? [])];
  const whoId = fieldId("supportPersonIds");
  const whoError = errors?.supportPersonIds;
  const labels = {
    contactedOn: t("contactNote.field.contactedOn"), method: t("contactNote.field.method"), supportPersonIds: t("contactNote.field.who"),
    summary: t("contactNote.field.summary"), discloses: t("disclosure.field.legend", { name }),
  };
  return (
    <Form method="post" noValidate>
      <CsrfField />
      <ErrorSummary errors={errors} labels={labels} />
      {note ? <input type="hidden" name="version" value={problem?.current?.version ?? note.version} /> : null}
      <DateField name="contactedOn" label={labels.contactedOn} errors={errors} defaultValue={value("contactedOn", note?.contactedOn ?? today)} required />
      <RadioGroup name="method" label={labels.method} errors={errors} defaultValue={value("method", note?.method ?? null)}
        options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`contactNote.method.${m}`) }))} />
      <fieldset className={whoError ? "field field--error" : "field"} id={whoId} tabIndex={-1} aria-describedby={`${whoId}-hint${whoError ? ` ${whoId}-error` : ""}`}>
        <legend>{labels.supportPersonIds}</legend>
        <p id={`${whoId}-hint`} className="hint">{t("contactNote.field.who.hint", { name })}</p>
        {whoError ? <p id={`${whoId}-error`} className="field-error">{errorText(t, whoError)}</p> : null}
        <div className="checkbox">
          <input type="checkbox" id={`${whoId}-participant`} name="withParticipant" defaultChecked={withParticipant} />
          <label htmlFor={`${whoId}-participant`}>{t("contactNote.field.withParticipant", { name })}</label>
        </div>
        {choices.map((p) => (
          <div className="checkbox" key={p.supportPersonId}>
            <input type="checkbox" id={`${whoId}-${p.supportPersonId}`} name="supportPersonIds" value={p.supportPersonId} defaultChecked={named.includes(p.supportPersonId)} />
            <label htmlFor={`${whoId}-${p.supportPersonId}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <TextArea name="summary" label={labels.summary} hint={t("contactNote.field.summary.hint")} errors={errors} rows={4} maxLength={4000} defaultValue={value("summary", note?.summary ?? null)} />
      <DisclosureFields t={t} prefix="field" name={name} checked={touched} errors={errors} hint={t("contactNote.discloses.hint", { name })} />
      <p><button type="submit" disabled={busy}>{submitLabel}</button></p>
    </Form>
  );
}

/** Whom the note may not name, and why: shown above the form after a refused save. */
export function OutsideConsentMessage({ t, participant, problem }: { t: Translate; participant: string; problem: ContactNoteProblem | undefined }) {
  if (!problem?.outside?.length) return null;
  return (
    <div className="form-error" role="alert" data-testid="outside-consent">
      <p>{t("contactNote.outsideConsent")}</p>
      <ul>
        {problem.outside.map((o) => (
          <li key={o.name}>
            {o.noConsent
              ? t("contactNote.outsideConsent.none", { name: o.name, participant })
              : t("contactNote.outsideConsent.missing", { name: o.name, categories: o.missing.map((c) => t(`consent.category.${c}` as MessageKey)).join(", ") })}
          </li>
        ))}
      </ul>
    </div>
  );
}


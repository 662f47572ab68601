import { Form } from "react-router";
import { CONCERN_STATUSES, CONCERN_TYPES, type Concern } from "../../src/domain/concerns/model.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CsrfField, ErrorSummary, Field, SelectField, TextArea } from "./forms.tsx";
import { TalkingPoints } from "./meetings.tsx";
import { DisclosureFields } from "./disclosure-fields.tsx";

/** What a concern form's action answered when it did not go through. */
export interface ConcernFormResult {
  errors: Record<string, string>;
  message: "meetings.concern.conflict" | null;
}

/** Logging a concern: its kind, who raised it, in their words, and a first plan. A resent form saves once (clientKey). */
export function NewConcernForm({ t, name, concernKey, speakers, busy, result }: {
  t: Translate; name: string; concernKey: string; speakers: { value: string; label: string }[]; busy: boolean; result: { errors: Record<string, string> } | null;
}) {
  return (
    <details open={!!result}>
      <summary>{t("meetings.concerns.add")}</summary>
      <ErrorSummary errors={result?.errors} labels={{ type: t("meetings.concern.type"), description: t("meetings.concern.description") }} />
      <Form method="post" noValidate key={concernKey}>
        <CsrfField />
        <input type="hidden" name="intent" value="concern" />
        <input type="hidden" name="clientKey" value={concernKey} />
        <SelectField name="type" label={t("meetings.concern.type")} errors={result?.errors}
          options={CONCERN_TYPES.map((c) => ({ value: c, label: t(`concern.type.${c}`) }))} />
        <SelectField name="raisedBy" label={t("meetings.concern.raisedBy")} options={speakers} />
        <TextArea name="description" label={t("meetings.concern.description")} errors={result?.errors} rows={2} />
        <TextArea name="mitigationPlan" label={t("meetings.concern.mitigationPlan")} hint={t("meetings.concern.mitigationPlan.hint")} rows={2} />
        <DisclosureFields t={t} prefix="field" name={name} checked={[]} errors={result?.errors} hint={t("meetings.concern.discloses.hint", { name })} />
        <button type="submit" disabled={busy}>{t("meetings.concern.save")}</button>
      </Form>
    </details>
  );
}

export function ConcernCard({ t, name, concern, participantId, canUpdate, busy, result }: {
  t: Translate; name: string; concern: Concern; participantId: string; canUpdate: boolean; busy: boolean;
  result: ConcernFormResult | null;
}) {
  return (
    <article className="card" id={`concern-${concern.id}`} aria-labelledby={`concern-${concern.id}-title`} data-concern-type={concern.type}>
      <h3 id={`concern-${concern.id}-title`}>{t(`concern.type.${concern.type}`)} — {t(`concern.status.${concern.status}`)}</h3>
      <p>{concern.description}</p>
      <p className="muted">{t("meetings.concern.raisedByLine", { name: concern.raisedByName ?? t(`meetings.speaker.${concern.raisedBy}`) })}</p>
      {concern.mitigationPlan ? <p><strong>{t("meetings.concern.mitigationPlan")}:</strong> {concern.mitigationPlan}</p> : null}
      <p className="muted" data-discloses={concern.discloses.join(" ")}>
        {t("meetings.concern.discloses")}: {concern.discloses.length ? concern.discloses.map((c) => t(`consent.category.${c}`)).join(", ") : t("meetings.concern.notReviewed")}
      </p>
      <details>
        <summary>{t("meetings.concern.showTalkingPoints")}</summary>
        <TalkingPoints t={t} type={concern.type} participantId={participantId} headingLevel={4} />
      </details>
      {canUpdate ? (
        <details open={!!result}>
          <summary>{t("meetings.concern.update")}</summary>
          {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
          <Form method="post" noValidate key={concern.version}>
            <CsrfField />
            <input type="hidden" name="intent" value="concernUpdate" />
            <input type="hidden" name="concernId" value={concern.id} />
            <input type="hidden" name="version" value={concern.version} />
            <Field prefix={`concern-${concern.id}`} name="status" label={t("meetings.concern.status")} errors={result?.errors}>
              {(props) => (
                <select {...props} defaultValue={concern.status}>
                  {CONCERN_STATUSES.map((s) => <option key={s} value={s}>{t(`concern.status.${s}`)}</option>)}
                </select>
              )}
            </Field>
            <Field prefix={`concern-${concern.id}`} name="mitigationPlan" label={t("meetings.concern.mitigationPlan")} errors={result?.errors}>
              {(props) => <textarea {...props} rows={2} defaultValue={concern.mitigationPlan ?? ""} />}
            </Field>
            <DisclosureFields t={t} prefix={`concern-${concern.id}`} name={name} checked={concern.discloses} errors={result?.errors} />
            <button type="submit" className="secondary" disabled={busy}>{t("meetings.concern.updateSubmit")}</button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

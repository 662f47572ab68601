import { Form } from "react-router";
import type { HelpRequest } from "../../src/domain/partners/model.ts";
import { SUPPORT_KINDS } from "../../src/domain/network/vocabulary.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { DisclosureFields, checkedCategories } from "./disclosure-fields.tsx";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from "./forms.tsx";

export interface HelpRequestFormResult {
  errors: Record<string, string>;
  values: Record<string, string>;
  chosen: Record<string, string[]>;
}

/** A support person's word on their commitment, under the plan item the specialist reads. */
export function SupportReportLine({ t, report }: { t: Translate; report: { report: "done" | "cant_this_week"; at: string; name: string } | undefined }) {
  if (!report) return null;
  return <p className="notice" data-testid="support-report">{t(`plan.supportReport.${report.report}`, { name: report.name, date: formatDate(report.at.slice(0, 10), t.locale) })}</p>;
}

/** When a request is needed, in the reader's words. */
export function helpRequestWhen(t: Translate, r: Pick<HelpRequest, "neededOn" | "neededTime">): string {
  const date = formatDate(r.neededOn, t.locale);
  return r.neededTime ? t("partnerMore.help.whenAt", { date, time: r.neededTime }) : t("partnerMore.help.when", { date });
}

/** Where a request stands: waiting, who will help, done, or taken back. */
export function helpRequestStatus(t: Translate, r: HelpRequest): string {
  switch (r.status) {
    case "open": return t("help.status.open");
    case "claimed": return t("help.status.claimed", { name: r.claimedBy?.name ?? "" });
    case "done": return r.claimedBy ? t("partnerMore.help.status.done", { name: r.claimedBy.name }) : t("partnerMore.help.status.doneNobody");
    case "cancelled": return t("partnerMore.help.status.cancelled", { date: formatDate((r.cancelledAt ?? r.postedAt).slice(0, 10), t.locale) });
  }
}

/**
 * The buttons a request's reader may use now (withdraw while open, mark done once
 * claimed), each a small form posting `intent` and `requestId` to `action`.
 */
export function HelpRequestButtons({ t, request, action, withdrawLabel }: { t: Translate; request: HelpRequest; action: string; withdrawLabel: string }) {
  const buttons = [
    ...(request.can.withdraw ? [{ intent: "withdraw", label: withdrawLabel, className: "secondary" }] : []),
    ...(request.can.markDone ? [{ intent: "done", label: t("partnerMore.help.markDone"), className: undefined }] : []),
  ];
  return buttons.map((b) => (
    <Form key={b.intent} method="post" action={action} className="inline-form no-print">
      <CsrfField />
      <input type="hidden" name="intent" value={b.intent} />
      <input type="hidden" name="requestId" value={request.id} />
      <button type="submit" className={b.className}>{b.label}</button>
    </Form>
  ));
}

/** The plan page's help requests: what is open, who claimed what, the history, and a form to post a new need. */
export function HelpRequestsSection({ t, participantId, requests, canUpdate, result }: {
  t: Translate; participantId: string; requests: readonly HelpRequest[]; canUpdate: boolean; result?: HelpRequestFormResult | null;
}) {
  const action = `/participants/${participantId}/plan/help`;
  const labels = { kind: t("help.kind"), description: t("help.description"), neededOn: t("help.neededOn"), neededTime: t("help.neededTime"), discloses: t("help.discloses") };
  const current = requests.filter((r) => r.status === "open" || r.status === "claimed");
  const history = requests.filter((r) => r.status === "done" || r.status === "cancelled");
  return (
    <section aria-labelledby="help-requests" className="card">
      <h2 id="help-requests">{t("help.heading")}</h2>
      <p className="hint">{t("help.intro")}</p>
      {current.length === 0 ? <p>{t("help.none")}</p> : (
        <ul>
          {current.map((r) => (
            <li key={r.id} data-help-request={r.id}>
              <strong>{r.description}</strong> · {t(`network.helpKind.${r.kind}`)} · {helpRequestWhen(t, r)} · {helpRequestStatus(t, r)}
              <HelpRequestButtons t={t} request={r} action={action} withdrawLabel={t("help.cancel")} />
            </li>
          ))}
        </ul>
      )}
      {history.length > 0 ? (
        <details>
          <summary>{t("partnerMore.help.history")}</summary>
          <ul>
            {history.map((r) => (
              <li key={r.id} data-help-request={r.id}>{r.description} · {helpRequestWhen(t, r)} · {helpRequestStatus(t, r)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {canUpdate ? (
        <Form method="post" action={action} noValidate className="no-print">
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <ErrorSummary errors={result?.errors} labels={labels} prefix="help" />
          <SelectField name="kind" prefix="help" label={labels.kind} errors={result?.errors} defaultValue={result?.values.kind ?? ""}
            options={[{ value: "", label: t("meetings.plan.chooseKind") }, ...SUPPORT_KINDS.map((k) => ({ value: k, label: t(`network.helpKind.${k}`) }))]} />
          <TextArea name="description" prefix="help" label={labels.description} hint={t("help.description.hint")} errors={result?.errors} defaultValue={result?.values.description} rows={2} maxLength={300} />
          <div className="cols">
            <TextField name="neededOn" prefix="help" type="date" label={labels.neededOn} errors={result?.errors} defaultValue={result?.values.neededOn} />
            <TextField name="neededTime" prefix="help" label={labels.neededTime} errors={result?.errors} defaultValue={result?.values.neededTime} />
          </div>
          <DisclosureFields t={t} prefix="help" name={t("help.discloses")} checked={checkedCategories(result?.chosen, ["work_schedule"])} errors={result?.errors} />
          <button type="submit">{t("help.submit")}</button>
        </Form>
      ) : null}
    </section>
  );
}

import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/plan";
import { invitableSupports, pendingCommitments } from "../../src/domain/meetings/meetings.server.ts";
import { SUPPORT_KINDS } from "../../src/domain/network/vocabulary.ts";
import { EDITABLE_PLAN_FIELDS, PLAN_STATUSES, type PlanItem } from "../../src/domain/plans/model.ts";
import { listPlanItems, planHistories, planRecipients } from "../../src/domain/plans/plans.server.ts";
import { planActions } from "../../src/domain/plans/policy.ts";
import { CsrfField, ErrorSummary, Field, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { DisclosureFields, Part2Confirmation, checkedCategories } from "../components/disclosure-fields.tsx";
import { PART2_CATEGORY } from "../../src/domain/consent/model.ts";
import { shortName } from "../components/meetings.tsx";
import { formatDate, formatDateTime } from "../../src/i18n/format.ts";
import meetingStyles from "../components/meetings.css?url";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { FormChoices, FormValues } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";
import { Fragment } from "react";
import { listHelpRequests } from "../../src/domain/partners/help-requests.server.ts";
import { listSupportReports } from "../../src/domain/partners/reports.server.ts";
import { HelpRequestsSection, SupportReportLine } from "../components/help-requests.tsx";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  // One authorization for the whole page; every read below takes its answer.
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const items = await listPlanItems(ctx.db, access, ctx.meta);
  if (!items) throw notFound();
  const can = planActions(access);
  const canUpdate = can.updateItem;
  const histories = await planHistories(ctx.db, access, items.map((item) => item.id));
  const { invitable, notInvitable } = await invitableSupports(ctx.db, access);
  const url = new URL(request.url);
  return {
    participant: access.participant,
    canUpdate,
    can,
    items,
    histories: Object.fromEntries(items.map((item) => [item.id, (histories.get(item.id) ?? []).map((v) => ({ version: v.version, changedFields: v.changedFields, changedAt: v.changedAt, changedBy: v.changedBy }))])),
    // Anyone current on the network may be named as a helper, except people not to be contacted.
    helpers: [...invitable, ...notInvitable.filter((p) => p.reason !== "do_not_contact")].map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
    commitments: can.convertCommitments ? await pendingCommitments(ctx.db, access) : [],
    recipients: await planRecipients(ctx.db, access),
    supportReports: await listSupportReports(ctx.db, access),
    helpRequests: await listHelpRequests(ctx.db, access),
    // The item just added: a new blank form for the next one.
    added: url.searchParams.get("added"),
    notice: url.searchParams.get("added") ? "added" as const : url.searchParams.get("saved") ? "saved" as const : url.searchParams.get("converted") ? "converted" as const : null,
  };
}

/**
 * What a plan form's action answers when it cannot save. Each form posts to its own
 * route (plan-item-new, plan-item-edit, plan-commitments); those routes draw this
 * same page, so without JavaScript too the problem shows beside the form that had it.
 */
export type PlanActionResult = {
  intent: "create" | "update" | "commitments" | "help";
  itemId: string | null;
  errors: Record<string, string>;
  values: FormValues;
  chosen: FormChoices;
  message: "meetings.plan.conflict" | null;
};

const FIELD_LABEL_KEYS = {
  kind: "meetings.plan.field.kind", description: "meetings.plan.field.description", provider: "meetings.plan.field.who", supportPersonId: "meetings.plan.field.who",
  frequency: "meetings.plan.field.frequency", startsOn: "meetings.plan.field.startsOn", endsOn: "meetings.plan.field.endsOn", status: "meetings.plan.field.status",
  notes: "meetings.plan.field.notes", sharedWithSupports: "meetings.plan.field.shared", reminderAt: "plan.reminderAt",
  discloses: "meetings.plan.field.discloses", part2Confirmed: "meetings.plan.field.part2Confirmed", dismissed: "seedsNetwork.dismissed.field",
} as const;

function labelsOf(t: Translate): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(FIELD_LABEL_KEYS).map(([k, v]) => [k, t(v)])), who: t("meetings.plan.field.who") };
}

export default function PlanPage() {
  const t = useT();
  const { participant, canUpdate, items, histories, helpers, commitments, recipients, added, notice, supportReports, helpRequests } = useLoaderData<typeof loader>();
  const result = useActionData<PlanActionResult>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const base = `/participants/${participant.id}/plan`;
  const whoOptions = [
    { value: "participant", label: name },
    { value: "specialist", label: t("plan.provider.specialist") },
    { value: "treatment_team", label: t("plan.provider.treatment_team") },
    ...helpers.map((h) => ({ value: `person:${h.id}`, label: h.name })),
  ];
  const whoLabel = (item: PlanItem) => item.provider === "support_person" ? item.providerName ?? "" : item.provider === "participant" ? name : t(`plan.provider.${item.provider}`);
  const createResult = result?.intent === "create" ? result : null;
  const unreviewed = items.filter((i) => i.discloses.length === 0).length;
  const commitmentResult = result?.intent === "commitments" ? result : null;
  return (
    <div className="page">
      <title>{`${t("meetings.plan.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("meetings.plan.title", { name })}</h1>
      {notice ? <p className="notice" role="status">{t(`meetings.plan.notice.${notice}`)}</p> : null}
      <p>{t("meetings.plan.intro")}</p>
      <div className="actions">
        <Link className="button" to={`${base}/take-home`}>{t("meetings.plan.takeHome")}</Link>
        <a className="button secondary" href={`${base}/take-home.pdf`}>{t("meetings.plan.takeHomePdf")}</a>
      </div>
      {recipients.length ? (
        <p>
          {t("meetings.plan.copiesFor")}{" "}
          {recipients.map((r, i) => (
            <span key={r.id}>{i > 0 ? ", " : ""}<Link to={`${base}/take-home?for=${r.id}`}>{r.name}</Link></span>
          ))}
        </p>
      ) : <p className="muted">{t("meetings.plan.noCopies")}</p>}

      {canUpdate && commitments.length ? (
        <section aria-labelledby="commitments-heading" className="card">
          <h2 id="commitments-heading">{t("meetings.plan.commitments.heading")}</h2>
          <p className="hint">{t("meetings.plan.commitments.hint")}</p>
          <ErrorSummary errors={commitmentResult?.errors} labels={Object.fromEntries(commitments.map((c) => [`kind-${c.entryId}`, c.text]))} />
          <Form method="post" action={`${base}/commitments`} noValidate>
            <CsrfField />
            {commitments.map((c) => (
              <fieldset className="field" key={c.entryId} data-entry-id={c.entryId}>
                <legend>{c.text}</legend>
                <p className="hint">
                  {t("meetings.plan.commitments.from", { who: c.speakerName ?? (c.speaker === "specialist" ? t("plan.provider.specialist") : name), meeting: c.meetingTitle })}
                  {c.whenText ? ` · ${c.whenText}` : ""}
                </p>
                <input type="hidden" name={`meeting-${c.entryId}`} value={c.meetingId} />
                <div className="checkbox">
                  <input type="checkbox" id={`entry-${c.entryId}`} name="entryId" value={c.entryId}
                    defaultChecked={commitmentResult ? (commitmentResult.chosen.entryId ?? []).includes(c.entryId) : true} />
                  <label htmlFor={`entry-${c.entryId}`}>{t("meetings.plan.commitments.add")}</label>
                </div>
                <Field prefix="field" name={`kind-${c.entryId}`} label={t("meetings.plan.field.kind")} errors={commitmentResult?.errors}>
                  {(props) => (
                    <select {...props} defaultValue={commitmentResult?.values[`kind-${c.entryId}`] ?? ""}>
                      <option value="">{t("meetings.plan.chooseKind")}</option>
                      {SUPPORT_KINDS.map((k) => <option key={k} value={k}>{t(`network.helpKind.${k}`)}</option>)}
                    </select>
                  )}
                </Field>
              </fieldset>
            ))}
            <button type="submit" disabled={busy}>{t("meetings.plan.commitments.submit")}</button>
          </Form>
        </section>
      ) : null}

      {items.length === 0 ? <p>{t("meetings.plan.empty")}</p> : null}
      {unreviewed > 0 ? <p className="notice" data-unreviewed={unreviewed}>{t("meetings.plan.unreviewed", { count: unreviewed })}</p> : null}
      {PLAN_STATUSES.map((status) => {
        const group = items.filter((i) => i.status === status);
        if (group.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`status-${status}`} data-status={status}>
            <h2 id={`status-${status}`}>{t(`plan.status.${status}`)} ({group.length})</h2>
            {group.map((item) => (
              <Fragment key={item.id}>
                <PlanItemCard t={t} item={item} who={whoLabel(item)} participantName={name} history={histories[item.id] ?? []} canUpdate={canUpdate} busy={busy}
                  whoOptions={whoOptions} result={result?.intent === "update" && result.itemId === item.id ? result : null} />
                <SupportReportLine t={t} report={supportReports[item.id]} />
              </Fragment>
            ))}
          </section>
        );
      })}

      <HelpRequestsSection t={t} participantId={participant.id} requests={helpRequests} canUpdate={canUpdate} result={result?.intent === "help" ? result : null} />

      {canUpdate ? (
        <section aria-labelledby="add" className="no-print">
          <h2 id="add">{t("meetings.plan.add.heading")}</h2>
          <ErrorSummary errors={createResult?.errors} labels={labelsOf(t)} />
          <Form method="post" action={`${base}/items`} noValidate key={added ?? "new-item"}>
            <CsrfField />
            <SelectField name="kind" label={t("meetings.plan.field.kind")} errors={createResult?.errors} defaultValue={createResult?.values.kind ?? ""}
              options={[{ value: "", label: t("meetings.plan.chooseKind") }, ...SUPPORT_KINDS.map((k) => ({ value: k, label: t(`network.helpKind.${k}`) }))]} />
            <TextArea name="description" label={t("meetings.plan.field.description")} hint={t("meetings.plan.field.description.hint")} errors={createResult?.errors} defaultValue={createResult?.values.description} rows={2} />
            <SelectField name="who" label={t("meetings.plan.field.who")} errors={createResult?.errors} defaultValue={createResult?.values.who ?? "participant"} options={whoOptions} />
            <TextField name="frequency" label={t("meetings.plan.field.frequency")} hint={t("meetings.plan.field.frequency.hint")} errors={createResult?.errors} defaultValue={createResult?.values.frequency} />
            <TextField name="reminderAt" type="datetime-local" label={t("plan.reminderAt")} hint={t("plan.reminderAt.hint")} errors={createResult?.errors} defaultValue={createResult?.values.reminderAt} />
            <div className="cols">
              <TextField name="startsOn" type="date" label={t("meetings.plan.field.startsOn")} errors={createResult?.errors} defaultValue={createResult?.values.startsOn} />
              <TextField name="endsOn" type="date" label={t("meetings.plan.field.endsOn")} errors={createResult?.errors} defaultValue={createResult?.values.endsOn} />
            </div>
            <SelectField name="status" label={t("meetings.plan.field.status")} errors={createResult?.errors} defaultValue={createResult?.values.status ?? "proposed"}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))} />
            <TextArea name="notes" label={t("meetings.plan.field.notes")} hint={t("meetings.plan.field.notes.hint")} errors={createResult?.errors} defaultValue={createResult?.values.notes} rows={2} />
            <div className="field">
              <div className="checkbox">
                <input type="checkbox" id="field-sharedWithSupports" name="sharedWithSupports" defaultChecked={createResult?.values.sharedWithSupports === "on"} aria-describedby="field-sharedWithSupports-hint" />
                <label htmlFor="field-sharedWithSupports">{t("meetings.plan.field.share")}</label>
              </div>
              <p id="field-sharedWithSupports-hint" className="hint">{t("meetings.plan.field.shared.hint", { name })}</p>
            </div>
            {/* A new item starts marked as telling about the work schedule, what most help in a plan is about; the specialist changes it. */}
            <DisclosureFields t={t} prefix="field" name={name} checked={checkedCategories(createResult?.chosen, ["work_schedule"])} errors={createResult?.errors} />
            <Part2Confirmation t={t} prefix="field" name={name} defaultChecked={createResult?.values.part2Confirmed === "on"} errors={createResult?.errors} />
            <button type="submit" disabled={busy}>{t("meetings.plan.add.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function PlanItemCard({ t, item, who, participantName, history, canUpdate, busy, whoOptions, result }: {
  t: Translate; item: PlanItem; who: string; participantName: string; history: { version: number; changedFields: string[]; changedAt: string; changedBy: string }[];
  canUpdate: boolean; busy: boolean; whoOptions: { value: string; label: string }[]; result: PlanActionResult | null;
}) {
  const prefix = `item-${item.id}`;
  const values = result?.values;
  const v = (key: string, current: string | null) => values?.[key] ?? current ?? "";
  const fieldLabel = (f: string) => t(FIELD_LABEL_KEYS[f as keyof typeof FIELD_LABEL_KEYS] ?? "meetings.plan.field.kind");
  return (
    <article className="card" id={`item-${item.id}`} aria-labelledby={`${prefix}-title`} data-item-id={item.id}>
      <h3 id={`${prefix}-title`}>{t(`network.helpKind.${item.kind}`)}: {item.description}</h3>
      {item.dismissedAt ? (
        <p data-dismissed="true"><strong className="mark">{t("seedsNetwork.dismissed.mark")}</strong>{" "}
          {item.dismissedReason
            ? t("seedsNetwork.dismissed.whenWhy", { date: formatDate(item.dismissedAt.slice(0, 10), t.locale), reason: item.dismissedReason })
            : t("seedsNetwork.dismissed.when", { date: formatDate(item.dismissedAt.slice(0, 10), t.locale) })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("meetings.plan.field.who")}</dt><dd>{who}</dd>
        <dt>{t("meetings.plan.field.frequency")}</dt><dd>{item.frequency ?? t("common.none")}</dd>
        {item.reminderAt ? <><dt>{t("plan.reminderAt")}</dt><dd>{formatDateTime(item.reminderAt, t.locale, { dateStyle: "full", timeStyle: "short" })}</dd></> : null}
        {item.startsOn || item.endsOn ? <><dt>{t("meetings.plan.dates")}</dt><dd>{[item.startsOn ? formatDate(item.startsOn, t.locale) : "…", item.endsOn ? formatDate(item.endsOn, t.locale) : "…"].join(" – ")}</dd></> : null}
        {item.notes ? <><dt>{t("meetings.plan.field.notes")}</dt><dd>{item.notes}</dd></> : null}
        <dt>{t("meetings.plan.field.shared")}</dt><dd>{item.sharedWithSupports ? t("common.yes") : t("common.no")}</dd>
        <dt>{t("meetings.plan.field.discloses")}</dt>
        <dd data-discloses={item.discloses.join(" ")}>
          {item.discloses.length ? item.discloses.map((c) => t(`consent.category.${c}`)).join(", ") : <strong className="not-reviewed">{t("meetings.plan.notReviewed")}</strong>}
        </dd>
        {item.sourceEntryId ? <><dt>{t("meetings.plan.source")}</dt><dd>{t("meetings.plan.fromMeeting")}</dd></> : null}
      </dl>
      {canUpdate ? (
        <details open={!!result}>
          <summary>{t("meetings.plan.edit")}</summary>
          {result?.message ? (
            <div className="form-error" role="alert">
              <p>{t("meetings.plan.conflict")}</p>
              <p><a href={`/participants/${item.participantId}/plan?fresh=${item.version}#item-${item.id}`}>{t("meetings.plan.conflict.reload")}</a></p>
            </div>
          ) : null}
          <Form method="post" action={`/participants/${item.participantId}/plan/items/${item.id}`} noValidate key={item.version}>
            <CsrfField />
            <input type="hidden" name="version" value={item.version} />
            <Field prefix={prefix} name="kind" label={t("meetings.plan.field.kind")} errors={result?.errors}>
              {(props) => <select {...props} defaultValue={v("kind", item.kind)}>{SUPPORT_KINDS.map((k) => <option key={k} value={k}>{t(`network.helpKind.${k}`)}</option>)}</select>}
            </Field>
            <Field prefix={prefix} name="description" label={t("meetings.plan.field.description")} errors={result?.errors}>
              {(props) => <textarea {...props} rows={2} defaultValue={v("description", item.description)} />}
            </Field>
            <Field prefix={prefix} name="who" label={t("meetings.plan.field.who")} errors={result?.errors}>
              {(props) => (
                <select {...props} defaultValue={v("who", item.provider === "support_person" ? `person:${item.supportPersonId}` : item.provider)}>
                  {whoOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  {item.provider === "support_person" && !whoOptions.some((o) => o.value === `person:${item.supportPersonId}`)
                    ? <option value={`person:${item.supportPersonId}`}>{who}</option> : null}
                </select>
              )}
            </Field>
            <Field prefix={prefix} name="frequency" label={t("meetings.plan.field.frequency")} errors={result?.errors}>
              {(props) => <input {...props} type="text" defaultValue={v("frequency", item.frequency)} />}
            </Field>
            <Field prefix={prefix} name="reminderAt" label={t("plan.reminderAt")} hint={t("plan.reminderAt.hint")} errors={result?.errors}>
              {(props) => <input {...props} type="datetime-local" defaultValue={v("reminderAt", item.reminderAt ? item.reminderAt.slice(0, 16) : null)} />}
            </Field>
            <div className="cols">
              <Field prefix={prefix} name="startsOn" label={t("meetings.plan.field.startsOn")} errors={result?.errors}>
                {(props) => <input {...props} type="date" defaultValue={v("startsOn", item.startsOn)} />}
              </Field>
              <Field prefix={prefix} name="endsOn" label={t("meetings.plan.field.endsOn")} errors={result?.errors}>
                {(props) => <input {...props} type="date" defaultValue={v("endsOn", item.endsOn)} />}
              </Field>
            </div>
            <Field prefix={prefix} name="status" label={t("meetings.plan.field.status")} errors={result?.errors}>
              {(props) => <select {...props} defaultValue={v("status", item.status)}>{PLAN_STATUSES.map((s) => <option key={s} value={s}>{t(`plan.status.${s}`)}</option>)}</select>}
            </Field>
            <Field prefix={prefix} name="notes" label={t("meetings.plan.field.notes")} errors={result?.errors}>
              {(props) => <textarea {...props} rows={2} defaultValue={v("notes", item.notes)} />}
            </Field>
            <div className="field">
              <div className="checkbox">
                <input type="checkbox" id={`${prefix}-shared`} name="sharedWithSupports" defaultChecked={values ? values.sharedWithSupports === "on" : item.sharedWithSupports} />
                <label htmlFor={`${prefix}-shared`}>{t("meetings.plan.field.share")}</label>
              </div>
            </div>
            <DisclosureFields t={t} prefix={prefix} name={participantName} checked={checkedCategories(result?.itemId === item.id ? result.chosen : undefined, item.discloses)} errors={result?.errors} />
            {/* Confirmed when it was first shared; unticking it stops the save, it does not unshare. */}
            <Part2Confirmation t={t} prefix={prefix} name={participantName} errors={result?.errors}
              defaultChecked={values ? values.part2Confirmed === "on" : item.sharedWithSupports && item.discloses.includes(PART2_CATEGORY)} />
            <button type="submit" className="secondary" disabled={busy}>{t("meetings.plan.edit.submit")}</button>
          </Form>
        </details>
      ) : null}
      <details>
        <summary>{t("meetings.plan.history", { count: history.length })}</summary>
        <div className="table-wrap">
          <table className="responsive-table">
            <thead>
              <tr>
                <th scope="col">{t("meetings.plan.history.version")}</th>
                <th scope="col">{t("meetings.plan.history.when")}</th>
                <th scope="col">{t("meetings.plan.history.who")}</th>
                <th scope="col">{t("meetings.plan.history.what")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <td data-label={t("meetings.plan.history.version")}>{h.version}</td>
                  <td data-label={t("meetings.plan.history.when")}>{formatDate(h.changedAt, t.locale)}</td>
                  <td data-label={t("meetings.plan.history.who")}>{h.changedBy}</td>
                  <td data-label={t("meetings.plan.history.what")}>
                    {h.changedFields.includes("created") ? t("meetings.plan.history.created") : h.changedFields.filter((f) => (EDITABLE_PLAN_FIELDS as readonly string[]).includes(f)).map(fieldLabel).join(", ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </article>
  );
}

import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/plan";
import { commitmentToPlanItem, invitableSupports, pendingCommitments } from "../../src/domain/meetings/meetings.server.ts";
import { SUPPORT_KINDS, type SupportKind } from "../../src/domain/network/vocabulary.ts";
import { EDITABLE_PLAN_FIELDS, PLAN_STATUSES, planItemInputSchema, planItemUpdateSchema, type PlanItem } from "../../src/domain/plans/model.ts";
import { createPlanItem, listPlanItems, planHistories, planRecipients, updatePlanItem } from "../../src/domain/plans/plans.server.ts";
import { planActions } from "../../src/domain/plans/policy.ts";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { Field, ParticipantSections, shortName } from "../components/meetings.tsx";
import { formatDate } from "../../src/domain/consent/consent-form.ts";
import meetingStyles from "../components/meetings.css?url";
import type { Translate } from "../../src/i18n/index.ts";
import { app, fieldErrorsOf, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

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
    notice: url.searchParams.get("added") ? "added" as const : url.searchParams.get("saved") ? "saved" as const : url.searchParams.get("converted") ? "converted" as const : null,
  };
}

/** The "who helps" choice is one select: a support person, or one of the other providers. */
function planFormInput(form: FormData) {
  const who = String(form.get("who") ?? "");
  const isPerson = who.startsWith("person:");
  return {
    kind: form.get("kind"),
    description: form.get("description"),
    provider: isPerson ? "support_person" : who,
    supportPersonId: isPerson ? who.slice("person:".length) : null,
    frequency: form.get("frequency"),
    startsOn: form.get("startsOn"),
    endsOn: form.get("endsOn"),
    status: form.get("status") ?? undefined,
    notes: form.get("notes"),
    sharedWithSupports: form.get("sharedWithSupports") === "on",
  };
}

/** Problems with the provider or the support person belong to the one "who helps" select. */
function planErrorsOf(error: Parameters<typeof fieldErrorsOf>[0]): Record<string, string> {
  const errors = fieldErrorsOf(error);
  for (const field of ["provider", "supportPersonId"]) {
    if (errors[field]) errors.who ??= errors[field];
    delete errors[field];
  }
  return errors;
}

/** What was sent, to fill the form again; a repeated field (the chosen commitments) as lines. */
function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key === "_csrf") continue;
    values[key] = key in values ? `${values[key]}\n${String(value)}` : String(value);
  }
  return values;
}

type ActionResult = { intent: string; itemId: string | null; errors: Record<string, string>; values: Record<string, string>; message: string | null };

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/participants/${params.id}/plan`;
  const fail = (status: number, result: Omit<ActionResult, "intent">) => data<ActionResult>({ intent, ...result }, { status });

  if (intent === "create") {
    const parsed = planItemInputSchema.safeParse(planFormInput(form));
    if (!parsed.success) return fail(400, { itemId: null, errors: planErrorsOf(parsed.error), values: valuesOf(form), message: null });
    const result = await createPlanItem(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "invalid_support_person") return fail(422, { itemId: null, errors: { who: "meetings.plan.helperUnavailable" }, values: valuesOf(form), message: null });
    if (!result.ok) throw notFound();
    return redirect(`${here}?added=${result.item.id}#item-${result.item.id}`);
  }

  if (intent === "update") {
    const itemId = String(form.get("itemId") ?? "");
    const parsed = planItemUpdateSchema.safeParse({ ...planFormInput(form), version: form.get("version") });
    if (!parsed.success) return fail(400, { itemId, errors: planErrorsOf(parsed.error), values: valuesOf(form), message: null });
    const result = await updatePlanItem(ctx.db, access, itemId, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "conflict") return fail(409, { itemId, errors: {}, values: valuesOf(form), message: "meetings.plan.conflict" });
    if (!result.ok && result.reason === "invalid_support_person") return fail(422, { itemId, errors: { who: "meetings.plan.helperUnavailable" }, values: valuesOf(form), message: null });
    if (!result.ok) throw notFound();
    return redirect(`${here}?saved=${itemId}#item-${itemId}`);
  }

  if (intent === "commitments") {
    const chosen = form.getAll("entryId").map(String);
    const errors: Record<string, string> = {};
    for (const entryId of chosen) {
      if (!SUPPORT_KINDS.includes(String(form.get(`kind-${entryId}`)) as SupportKind)) errors[`kind-${entryId}`] = "plan.kind.invalid";
    }
    if (chosen.length === 0) errors.entryId = "meetings.plan.commitments.noneChosen";
    if (Object.keys(errors).length) return fail(400, { itemId: null, errors, values: valuesOf(form), message: null });
    let converted = 0;
    for (const entryId of chosen) {
      const result = await commitmentToPlanItem(ctx.db, access, String(form.get(`meeting-${entryId}`) ?? ""), entryId,
        { kind: String(form.get(`kind-${entryId}`)) as SupportKind }, ctx.meta);
      // Already in the plan (a second click, or someone else first) is not an error: it is there.
      if (result.ok) converted++;
      else if (result.reason === "not_found") throw notFound();
    }
    return redirect(`${here}?converted=${converted}`);
  }
  throw notFound();
}

const FIELD_LABEL_KEYS = {
  kind: "meetings.plan.field.kind", description: "meetings.plan.field.description", provider: "meetings.plan.field.who", supportPersonId: "meetings.plan.field.who",
  frequency: "meetings.plan.field.frequency", startsOn: "meetings.plan.field.startsOn", endsOn: "meetings.plan.field.endsOn", status: "meetings.plan.field.status",
  notes: "meetings.plan.field.notes", sharedWithSupports: "meetings.plan.field.shared",
} as const;

function labelsOf(t: Translate): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(FIELD_LABEL_KEYS).map(([k, v]) => [k, t(v)])), who: t("meetings.plan.field.who") };
}

export default function PlanPage() {
  const t = useT();
  const { participant, canUpdate, items, histories, helpers, commitments, recipients, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
  const commitmentResult = result?.intent === "commitments" ? result : null;
  return (
    <div className="page">
      <title>{`${t("meetings.plan.title", { name })} · ${t("app.name")}`}</title>
      <ParticipantSections t={t} participantId={participant.id} name={name} current="plan" />
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
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="commitments" />
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
                    defaultChecked={commitmentResult ? (commitmentResult.values.entryId ?? "").split("\n").includes(c.entryId) : true} />
                  <label htmlFor={`entry-${c.entryId}`}>{t("meetings.plan.commitments.add")}</label>
                </div>
                <Field t={t} prefix="field" name={`kind-${c.entryId}`} label={t("meetings.plan.field.kind")} errors={commitmentResult?.errors}>
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
      {PLAN_STATUSES.map((status) => {
        const group = items.filter((i) => i.status === status);
        if (group.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`status-${status}`} data-status={status}>
            <h2 id={`status-${status}`}>{t(`plan.status.${status}`)} ({group.length})</h2>
            {group.map((item) => (
              <PlanItemCard key={item.id} t={t} item={item} who={whoLabel(item)} history={histories[item.id] ?? []} canUpdate={canUpdate} busy={busy}
                whoOptions={whoOptions} result={result?.intent === "update" && result.itemId === item.id ? result : null} />
            ))}
          </section>
        );
      })}

      {canUpdate ? (
        <section aria-labelledby="add" className="no-print">
          <h2 id="add">{t("meetings.plan.add.heading")}</h2>
          <ErrorSummary errors={createResult?.errors} labels={labelsOf(t)} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="create" />
            <SelectField name="kind" label={t("meetings.plan.field.kind")} errors={createResult?.errors} defaultValue={createResult?.values.kind ?? ""}
              options={[{ value: "", label: t("meetings.plan.chooseKind") }, ...SUPPORT_KINDS.map((k) => ({ value: k, label: t(`network.helpKind.${k}`) }))]} />
            <TextArea name="description" label={t("meetings.plan.field.description")} hint={t("meetings.plan.field.description.hint")} errors={createResult?.errors} defaultValue={createResult?.values.description} rows={2} />
            <SelectField name="who" label={t("meetings.plan.field.who")} errors={createResult?.errors} defaultValue={createResult?.values.who ?? "participant"} options={whoOptions} />
            <TextField name="frequency" label={t("meetings.plan.field.frequency")} hint={t("meetings.plan.field.frequency.hint")} errors={createResult?.errors} defaultValue={createResult?.values.frequency} />
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
            <button type="submit" disabled={busy}>{t("meetings.plan.add.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function PlanItemCard({ t, item, who, history, canUpdate, busy, whoOptions, result }: {
  t: Translate; item: PlanItem; who: string; history: { version: number; changedFields: string[]; changedAt: string; changedBy: string }[];
  canUpdate: boolean; busy: boolean; whoOptions: { value: string; label: string }[]; result: ActionResult | null;
}) {
  const prefix = `item-${item.id}`;
  const values = result?.values;
  const v = (key: string, current: string | null) => values?.[key] ?? current ?? "";
  const fieldLabel = (f: string) => t(FIELD_LABEL_KEYS[f as keyof typeof FIELD_LABEL_KEYS] ?? "meetings.plan.field.kind");
  return (
    <article className="card" id={`item-${item.id}`} aria-labelledby={`${prefix}-title`} data-item-id={item.id}>
      <h3 id={`${prefix}-title`}>{t(`network.helpKind.${item.kind}`)}: {item.description}</h3>
      <dl className="facts">
        <dt>{t("meetings.plan.field.who")}</dt><dd>{who}</dd>
        <dt>{t("meetings.plan.field.frequency")}</dt><dd>{item.frequency ?? t("common.none")}</dd>
        {item.startsOn || item.endsOn ? <><dt>{t("meetings.plan.dates")}</dt><dd>{[item.startsOn ? formatDate(item.startsOn) : "…", item.endsOn ? formatDate(item.endsOn) : "…"].join(" – ")}</dd></> : null}
        {item.notes ? <><dt>{t("meetings.plan.field.notes")}</dt><dd>{item.notes}</dd></> : null}
        <dt>{t("meetings.plan.field.shared")}</dt><dd>{item.sharedWithSupports ? t("common.yes") : t("common.no")}</dd>
        {item.sourceEntryId ? <><dt>{t("meetings.plan.source")}</dt><dd>{t("meetings.plan.fromMeeting")}</dd></> : null}
      </dl>
      {canUpdate ? (
        <details open={!!result}>
          <summary>{t("meetings.plan.edit")}</summary>
          {result?.message ? (
            <div className="form-error" role="alert">
              <p>{t("meetings.plan.conflict")}</p>
              <p><a href={`?fresh=${item.version}#item-${item.id}`}>{t("meetings.plan.conflict.reload")}</a></p>
            </div>
          ) : null}
          <Form method="post" noValidate key={item.version}>
            <CsrfField />
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="itemId" value={item.id} />
            <input type="hidden" name="version" value={item.version} />
            <Field t={t} prefix={prefix} name="kind" label={t("meetings.plan.field.kind")} errors={result?.errors}>
              {(props) => <select {...props} defaultValue={v("kind", item.kind)}>{SUPPORT_KINDS.map((k) => <option key={k} value={k}>{t(`network.helpKind.${k}`)}</option>)}</select>}
            </Field>
            <Field t={t} prefix={prefix} name="description" label={t("meetings.plan.field.description")} errors={result?.errors}>
              {(props) => <textarea {...props} rows={2} defaultValue={v("description", item.description)} />}
            </Field>
            <Field t={t} prefix={prefix} name="who" label={t("meetings.plan.field.who")} errors={result?.errors}>
              {(props) => (
                <select {...props} defaultValue={v("who", item.provider === "support_person" ? `person:${item.supportPersonId}` : item.provider)}>
                  {whoOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  {item.provider === "support_person" && !whoOptions.some((o) => o.value === `person:${item.supportPersonId}`)
                    ? <option value={`person:${item.supportPersonId}`}>{who}</option> : null}
                </select>
              )}
            </Field>
            <Field t={t} prefix={prefix} name="frequency" label={t("meetings.plan.field.frequency")} errors={result?.errors}>
              {(props) => <input {...props} type="text" defaultValue={v("frequency", item.frequency)} />}
            </Field>
            <div className="cols">
              <Field t={t} prefix={prefix} name="startsOn" label={t("meetings.plan.field.startsOn")} errors={result?.errors}>
                {(props) => <input {...props} type="date" defaultValue={v("startsOn", item.startsOn)} />}
              </Field>
              <Field t={t} prefix={prefix} name="endsOn" label={t("meetings.plan.field.endsOn")} errors={result?.errors}>
                {(props) => <input {...props} type="date" defaultValue={v("endsOn", item.endsOn)} />}
              </Field>
            </div>
            <Field t={t} prefix={prefix} name="status" label={t("meetings.plan.field.status")} errors={result?.errors}>
              {(props) => <select {...props} defaultValue={v("status", item.status)}>{PLAN_STATUSES.map((s) => <option key={s} value={s}>{t(`plan.status.${s}`)}</option>)}</select>}
            </Field>
            <Field t={t} prefix={prefix} name="notes" label={t("meetings.plan.field.notes")} errors={result?.errors}>
              {(props) => <textarea {...props} rows={2} defaultValue={v("notes", item.notes)} />}
            </Field>
            <div className="field">
              <div className="checkbox">
                <input type="checkbox" id={`${prefix}-shared`} name="sharedWithSupports" defaultChecked={values ? values.sharedWithSupports === "on" : item.sharedWithSupports} />
                <label htmlFor={`${prefix}-shared`}>{t("meetings.plan.field.share")}</label>
              </div>
            </div>
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
                  <td data-label={t("meetings.plan.history.when")}>{formatDate(h.changedAt)}</td>
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

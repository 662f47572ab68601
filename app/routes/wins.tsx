import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/wins";
import { formatDate } from "../../src/i18n/format.ts";
import { MILESTONE_KINDS } from "../../src/domain/milestones/model.ts";
import { listMilestones } from "../../src/domain/milestones/milestones.server.ts";
import { CheckboxGroup, CsrfField, DateField, ErrorSummary, Field, SelectField, TextArea } from "../components/forms.tsx";
import { shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { FormChoices, FormValues } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await listMilestones(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const url = new URL(request.url);
  return {
    participant: view.participant,
    canUpdate: view.can.addWin,
    milestones: view.milestones,
    generalNotes: view.generalNotes,
    celebrateOptions: view.celebrateOptions,
    today: new Date().toISOString().slice(0, 10),
    // The win just added: the form starts blank again for the next one.
    added: url.searchParams.get("added"),
    noted: url.searchParams.get("noted"),
    notice: url.searchParams.has("added") ? ("added" as const) : url.searchParams.has("noted") ? ("noted" as const) : null,
  };
}

/**
 * What the two forms' actions answer when they cannot save. Each form posts to its
 * own route (win-new, encouragement-new); those routes draw this same page, so the
 * problem shows beside the form that had it, with or without JavaScript.
 */
export type WinsActionResult = { intent: "win" | "encouragement"; errors: Record<string, string>; values: FormValues; chosen: FormChoices; refused?: string[] };

export default function WinsPage() {
  const t = useT();
  const { participant, canUpdate, milestones, generalNotes, celebrateOptions, today, added, noted, notice } = useLoaderData<typeof loader>();
  const result = useActionData<WinsActionResult>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const win = result?.intent === "win" ? result : null;
  const note = result?.intent === "encouragement" ? result : null;
  return (
    <div className="page">
      <title>{`${t("meetings.wins.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("meetings.wins.title", { name })}</h1>
      {notice ? <p className="notice" role="status">{t(`meetings.wins.notice.${notice}`)}</p> : null}
      <p>{t("meetings.wins.intro")}</p>

      <h2 id="timeline">{t("meetings.wins.timeline")}</h2>
      {milestones.length === 0 ? <p>{t("meetings.wins.none")}</p> : (
        <ol className="timeline" aria-labelledby="timeline">
          {milestones.map((m) => (
            <li key={m.id} id={`win-${m.id}`} data-kind={m.kind}>
              <h3>{t(`milestone.kind.${m.kind}`)}</h3>
              <p className="muted">
                {formatDate(m.occurredOn, t.locale)}
                {m.source === "event" ? ` · ${t("meetings.wins.fromApp")}` : ""}
              </p>
              {m.note ? <p>{m.note}</p> : null}
              {m.celebrateWith.length ? <p>{t("meetings.wins.celebratingWith", { names: m.celebrateWith.map((c) => c.name).join(", ") })}</p> : null}
              {m.encouragement.length ? (
                <ul>
                  {m.encouragement.map((n) => <li key={n.id}>“{n.text}” — {n.fromLabel}</li>)}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {generalNotes.length ? (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t("meetings.wins.notes")}</h2>
          <ul>{generalNotes.map((n) => <li key={n.id}>“{n.text}” — {n.fromLabel} <span className="muted">({formatDate(n.createdAt, t.locale)})</span></li>)}</ul>
        </section>
      ) : null}

      {canUpdate ? (
        <section aria-labelledby="add-win" className="no-print">
          <h2 id="add-win">{t("meetings.wins.add")}</h2>
          <ErrorSummary errors={win?.errors} labels={{ kind: t("meetings.wins.field.kind"), occurredOn: t("meetings.wins.field.date"), celebrateWith: t("meetings.wins.field.celebrateWith") }} />
          <Form method="post" action={`/participants/${participant.id}/wins/new`} noValidate key={added ?? "new-win"}>
            <CsrfField />
            <SelectField name="kind" label={t("meetings.wins.field.kind")} errors={win?.errors} defaultValue={win?.values.kind ?? ""}
              options={[{ value: "", label: t("meetings.wins.chooseKind") }, ...MILESTONE_KINDS.map((k) => ({ value: k, label: t(`milestone.kind.${k}`) }))]} />
            <DateField name="occurredOn" label={t("meetings.wins.field.date")} errors={win?.errors} defaultValue={win?.values.occurredOn ?? today} />
            <TextArea name="note" label={t("meetings.wins.field.note")} hint={t("meetings.wins.field.note.hint")} errors={win?.errors} defaultValue={win?.values.note} rows={2} />
            <fieldset className="field" id="field-celebrateWith">
              <legend>{t("meetings.wins.field.celebrateWith")}</legend>
              <p className="hint">{t("meetings.wins.field.celebrateWith.hint", { name })}</p>
              {win?.errors.celebrateWith ? (
                <p className="field-error">
                  {t("meetings.wins.notConsented")}
                  {win.refused?.length ? ` ${t("meetings.wins.notConsented.names", { names: win.refused.map((id) => celebrateOptions.find((p) => p.id === id)?.name ?? id).join(", ") })}` : null}
                </p>
              ) : null}
              {celebrateOptions.length === 0 ? <p>{t("meetings.wins.noOneToTell")}</p> : celebrateOptions.map((p) => (
                <div className="checkbox" key={p.id}>
                  <input type="checkbox" id={`celebrate-${p.id}`} name="celebrateWith" value={p.id} defaultChecked={win?.chosen.celebrateWith?.includes(p.id) ?? false} />
                  <label htmlFor={`celebrate-${p.id}`}>{p.name}</label>
                  <span className="hint" data-categories={p.categories.join(" ")}> ({t("meetings.wins.mayBeTold", { categories: p.categories.map((c) => t(`consent.category.${c}`)).join(", ") })})</span>
                </div>
              ))}
            </fieldset>
            <button type="submit" disabled={busy}>{t("meetings.wins.add.submit")}</button>
          </Form>

          <h2 id="add-note">{t("meetings.wins.note.heading")}</h2>
          <p className="hint">{t("meetings.wins.note.hint")}</p>
          <ErrorSummary errors={note?.errors} labels={{ text: t("meetings.wins.note.text"), fromName: t("meetings.wins.note.fromName") }} />
          <Form method="post" action={`/participants/${participant.id}/wins/encouragement`} noValidate key={noted ?? "new-note"}>
            <CsrfField />
            <Field prefix="note" name="from" label={t("meetings.wins.note.from")} errors={note?.errors}>
              {(props) => (
                <select {...props} defaultValue={note?.values.from ?? (celebrateOptions[0] ? `person:${celebrateOptions[0].id}` : "specialist")}>
                  {celebrateOptions.map((p) => <option key={p.id} value={`person:${p.id}`}>{p.name}</option>)}
                  <option value="specialist">{t("meetings.speaker.specialist")}</option>
                  <option value="other">{t("meetings.wins.note.someoneElse")}</option>
                </select>
              )}
            </Field>
            <Field prefix="field" name="fromName" label={t("meetings.wins.note.fromName")} hint={t("meetings.wins.note.fromName.hint")} errors={note?.errors}>
              {(props) => <input {...props} type="text" defaultValue={note?.values.fromName ?? ""} />}
            </Field>
            <Field prefix="note" name="milestoneId" label={t("meetings.wins.note.forWin")} errors={note?.errors}>
              {(props) => (
                <select {...props} defaultValue={note?.values.milestoneId ?? ""}>
                  <option value="">{t("meetings.wins.note.general")}</option>
                  {milestones.map((m) => <option key={m.id} value={m.id}>{`${t(`milestone.kind.${m.kind}`)} (${formatDate(m.occurredOn, t.locale)})`}</option>)}
                </select>
              )}
            </Field>
            <Field prefix="field" name="text" label={t("meetings.wins.note.text")} errors={note?.errors}>
              {(props) => <textarea {...props} rows={3} defaultValue={note?.values.text ?? ""} />}
            </Field>
            <button type="submit" className="secondary" disabled={busy}>{t("meetings.wins.note.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

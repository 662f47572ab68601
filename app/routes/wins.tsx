import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/wins";
import { formatDate } from "../../src/domain/consent/consent-form.ts";
import { MILESTONE_KINDS, encouragementInputSchema, milestoneInputSchema } from "../../src/domain/milestones/model.ts";
import { addEncouragement, addMilestone, celebratableSupports, listMilestones } from "../../src/domain/milestones/milestones.server.ts";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { Field, ParticipantSections, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { app, fieldErrorsOf, notFound, requireParticipant } from "../lib/request.server.ts";
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
    notice: url.searchParams.has("added") ? ("added" as const) : url.searchParams.has("noted") ? ("noted" as const) : null,
  };
}

type ActionResult = { intent: "win" | "encouragement"; errors: Record<string, string>; values: Record<string, string>; celebrateWith: string[] };

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const { actor } = access;
  const ctx = app(context);
  const form = await request.formData();
  const intent = form.get("intent");
  const here = `/participants/${params.id}/wins`;
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (key !== "_csrf" && key !== "celebrateWith") values[key] = String(value);
  const celebrateWith = form.getAll("celebrateWith").map(String);

  if (intent === "win") {
    const parsed = milestoneInputSchema.safeParse({ kind: form.get("kind"), occurredOn: form.get("occurredOn"), note: form.get("note"), celebrateWith });
    if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrorsOf(parsed.error), values, celebrateWith }, { status: 400 });
    const result = await addMilestone(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "not_consented") return data<ActionResult>({ intent, errors: { celebrateWith: "meetings.wins.notConsented" }, values, celebrateWith }, { status: 422 });
    if (!result.ok) throw notFound();
    return redirect(`${here}?added=1#win-${result.milestone.id}`);
  }

  if (intent === "encouragement") {
    const from = String(form.get("from") ?? "");
    const people = await celebratableSupports(ctx.db, access);
    const person = from.startsWith("person:") ? people.find((p) => `person:${p.id}` === from) : undefined;
    const fromLabel = person?.name ?? (from === "specialist" ? actor.name : String(form.get("fromName") ?? ""));
    const parsed = encouragementInputSchema.safeParse({ text: form.get("text"), fromLabel, supportPersonId: person?.id ?? null, milestoneId: form.get("milestoneId") });
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      if (errors.fromLabel) errors.fromName = errors.fromLabel;
      delete errors.fromLabel;
      return data<ActionResult>({ intent, errors, values, celebrateWith }, { status: 400 });
    }
    const result = await addEncouragement(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return redirect(`${here}?noted=1`);
  }
  throw notFound();
}

export default function WinsPage() {
  const t = useT();
  const { participant, canUpdate, milestones, generalNotes, celebrateOptions, today, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const win = result?.intent === "win" ? result : null;
  const note = result?.intent === "encouragement" ? result : null;
  return (
    <div className="page">
      <title>{`${t("meetings.wins.title", { name })} · ${t("app.name")}`}</title>
      <ParticipantSections t={t} participantId={participant.id} name={name} current="wins" />
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
                {formatDate(m.occurredOn)}
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
          <ul>{generalNotes.map((n) => <li key={n.id}>“{n.text}” — {n.fromLabel} <span className="muted">({formatDate(n.createdAt)})</span></li>)}</ul>
        </section>
      ) : null}

      {canUpdate ? (
        <section aria-labelledby="add-win" className="no-print">
          <h2 id="add-win">{t("meetings.wins.add")}</h2>
          <ErrorSummary errors={win?.errors} labels={{ kind: t("meetings.wins.field.kind"), occurredOn: t("meetings.wins.field.date"), celebrateWith: t("meetings.wins.field.celebrateWith") }} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="win" />
            <SelectField name="kind" label={t("meetings.wins.field.kind")} errors={win?.errors} defaultValue={win?.values.kind ?? ""}
              options={[{ value: "", label: t("meetings.wins.chooseKind") }, ...MILESTONE_KINDS.map((k) => ({ value: k, label: t(`milestone.kind.${k}`) }))]} />
            <TextField name="occurredOn" type="date" label={t("meetings.wins.field.date")} errors={win?.errors} defaultValue={win?.values.occurredOn ?? today} />
            <TextArea name="note" label={t("meetings.wins.field.note")} hint={t("meetings.wins.field.note.hint")} errors={win?.errors} defaultValue={win?.values.note} rows={2} />
            <fieldset className="field" id="field-celebrateWith">
              <legend>{t("meetings.wins.field.celebrateWith")}</legend>
              <p className="hint">{t("meetings.wins.field.celebrateWith.hint", { name })}</p>
              {win?.errors.celebrateWith ? <p className="field-error">{t("meetings.wins.notConsented")}</p> : null}
              {celebrateOptions.length === 0 ? <p>{t("meetings.wins.noOneToTell")}</p> : celebrateOptions.map((p) => (
                <div className="checkbox" key={p.id}>
                  <input type="checkbox" id={`celebrate-${p.id}`} name="celebrateWith" value={p.id} defaultChecked={win?.celebrateWith.includes(p.id) ?? false} />
                  <label htmlFor={`celebrate-${p.id}`}>{p.name}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" disabled={busy}>{t("meetings.wins.add.submit")}</button>
          </Form>

          <h2 id="add-note">{t("meetings.wins.note.heading")}</h2>
          <p className="hint">{t("meetings.wins.note.hint")}</p>
          <ErrorSummary errors={note?.errors} labels={{ text: t("meetings.wins.note.text"), fromName: t("meetings.wins.note.fromName") }} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="encouragement" />
            <Field t={t} prefix="note" name="from" label={t("meetings.wins.note.from")} errors={note?.errors}>
              {(props) => (
                <select {...props} defaultValue={note?.values.from ?? (celebrateOptions[0] ? `person:${celebrateOptions[0].id}` : "specialist")}>
                  {celebrateOptions.map((p) => <option key={p.id} value={`person:${p.id}`}>{p.name}</option>)}
                  <option value="specialist">{t("meetings.speaker.specialist")}</option>
                  <option value="other">{t("meetings.wins.note.someoneElse")}</option>
                </select>
              )}
            </Field>
            <Field t={t} prefix="field" name="fromName" label={t("meetings.wins.note.fromName")} hint={t("meetings.wins.note.fromName.hint")} errors={note?.errors}>
              {(props) => <input {...props} type="text" defaultValue={note?.values.fromName ?? ""} />}
            </Field>
            <Field t={t} prefix="note" name="milestoneId" label={t("meetings.wins.note.forWin")} errors={note?.errors}>
              {(props) => (
                <select {...props} defaultValue={note?.values.milestoneId ?? ""}>
                  <option value="">{t("meetings.wins.note.general")}</option>
                  {milestones.map((m) => <option key={m.id} value={m.id}>{`${t(`milestone.kind.${m.kind}`)} (${formatDate(m.occurredOn)})`}</option>)}
                </select>
              )}
            </Field>
            <Field t={t} prefix="field" name="text" label={t("meetings.wins.note.text")} errors={note?.errors}>
              {(props) => <textarea {...props} rows={3} defaultValue={note?.values.text ?? ""} />}
            </Field>
            <button type="submit" className="secondary" disabled={busy}>{t("meetings.wins.note.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/coaching-specialist";
import { COACHING_TOPICS, coachingNoteInputSchema, followUpDoneSchema } from "../../src/domain/coaching/model.ts";
import { completeFollowUp, createCoachingNote, readCoaching } from "../../src/domain/coaching/coaching.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField, DateField, ErrorSummary, RadioGroup, TextArea } from "../components/forms.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const NOTICES = ["created", "completed"] as const;

/**
 * The coaching notes about one specialist: the specialist reads theirs, a
 * supervisor of their team the ones they wrote (and writes new ones), an
 * administrator all of them. Anyone else gets the not-found page.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const view = await readCoaching(ctx.db, actor, params.specialistId, ctx.meta);
  if (!view) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return { ...view, today: new Date().toISOString().slice(0, 10), notice: NOTICES.find((n) => n === done) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const page = `/coaching/${params.specialistId}`;
  if (form.get("intent") === "follow-up-done") {
    const parsed = form.parse(followUpDoneSchema);
    if (!parsed.ok) throw notFound();
    const result = await completeFollowUp(ctx.db, actor, parsed.data.noteId, parsed.data.version, ctx.meta);
    if (result.ok) return redirect(`${page}?done=completed`);
    if (result.reason === "conflict") return data({ errors: {}, values: {}, conflict: true }, { status: 409 });
    throw notFound();
  }
  const parsed = form.parse(coachingNoteInputSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, conflict: false }, { status: 400 });
  const result = await createCoachingNote(ctx.db, actor, params.specialistId, parsed.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`${page}?done=created#note-${result.note.id}`);
}

export default function CoachingSpecialistPage() {
  const t = useT();
  const { specialist, notes, canWrite, canCompleteFollowUps, today, notice } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const title = t("coaching.specialist.title", { name: specialist.name });
  const errors: Record<string, string> | undefined = problem?.errors;
  const sent: Record<string, string> | undefined = problem?.values;
  const value = (field: string, fallback: string | null) => sent?.[field] ?? fallback;
  const labels = { metOn: t("coaching.field.metOn"), topic: t("coaching.field.topic"), note: t("coaching.field.note"), followUpOn: t("coaching.field.followUpOn") };
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to="/coaching">{t("coaching.back")}</Link></p>
      <h1>{title}</h1>
      {notice ? <p className="notice" role="status">{t(`coaching.${notice}`)}</p> : null}
      {problem?.conflict ? <div className="form-error" role="alert"><p>{t("coaching.conflict")}</p></div> : null}
      <p>{t("coaching.private", { name: specialist.name })}</p>
      <h2>{t("coaching.notes.heading")}</h2>
      {notes.length === 0 ? <p>{t("coaching.notes.none")}</p> : (
        <ol className="plain-list" data-testid="coaching-notes">
          {notes.map((n) => (
            <li key={n.id} id={`note-${n.id}`} className="card">
              <h3>{t("coaching.note.metOn", { date: formatDate(n.metOn, t.locale), supervisor: n.supervisorName })}</h3>
              <p><strong>{t("coaching.note.topic")}:</strong> {t(`coaching.topic.${n.topic}`)}</p>
              <p className="pre-line">{n.note}</p>
              {n.followUpOn ? (
                n.followUpDoneAt
                  ? <p>{t("coaching.note.followUpDone", { date: formatDate(n.followUpDoneAt.slice(0, 10), t.locale) })}</p>
                  : (
                    <div>
                      <p><strong>{n.followUpOn <= today ? `${t("coaching.note.followUpDue")}: ` : ""}</strong>{t("coaching.note.followUp", { date: formatDate(n.followUpOn, t.locale) })}</p>
                      {canCompleteFollowUps ? (
                        <Form method="post" className="no-print">
                          <CsrfField />
                          <input type="hidden" name="intent" value="follow-up-done" />
                          <input type="hidden" name="noteId" value={n.id} />
                          <input type="hidden" name="version" value={n.version} />
                          <button type="submit" className="secondary" disabled={busy}>{t("coaching.note.complete")}</button>
                        </Form>
                      ) : null}
                    </div>
                  )
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <section aria-labelledby="add-coaching" className="no-print">
          <h2 id="add-coaching">{t("coaching.add.heading")}</h2>
          <Form method="post" noValidate>
            <CsrfField />
            <ErrorSummary errors={errors} labels={labels} />
            <DateField name="metOn" label={labels.metOn} errors={errors} defaultValue={value("metOn", today)} required />
            <RadioGroup name="topic" label={labels.topic} errors={errors} defaultValue={value("topic", null)}
              options={COACHING_TOPICS.map((topic) => ({ value: topic, label: t(`coaching.topic.${topic}`) }))} />
            <TextArea name="note" label={labels.note} hint={t("coaching.field.note.hint", { name: specialist.name })} errors={errors} rows={5} maxLength={4000} defaultValue={value("note", null)} />
            <DateField name="followUpOn" label={labels.followUpOn} errors={errors} defaultValue={value("followUpOn", null)} />
            <p><button type="submit" disabled={busy}>{t("coaching.add.submit")}</button></p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

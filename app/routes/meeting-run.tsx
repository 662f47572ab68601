import { randomUUID } from "node:crypto";
import { useRef, useState } from "react";
import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/meeting-run";
import { createConcern, listConcerns } from "../../src/domain/concerns/concerns.server.ts";
import { CONCERN_TYPES, concernInputSchema, type ConcernType } from "../../src/domain/concerns/model.ts";
import { addMeetingEntry, getMeeting, recordAttendance, setMeetingStep } from "../../src/domain/meetings/meetings.server.ts";
import { MEETING_STEPS, meetingAttendanceSchema, meetingEntryInputSchema, meetingStepSchema, type Meeting, type MeetingStep } from "../../src/domain/meetings/model.ts";
import { CsrfField, ErrorSummary, Field } from "../components/forms.tsx";
import { CareerProfile } from "../components/career-profile.tsx";
import { getParticipant } from "../../src/domain/participants/participants.server.ts";
import { listNamedStrengths } from "../../src/domain/participants/named-strengths.server.ts";
import { TalkingPoints, parseSpeaker, shortName, speakerOptions, useFormDraft } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/** The forms of the meeting: an entry kind, or a concern. */
const FORMS = ["strength", "job_idea", "concern", "idea", "commitment", "next_step"] as const;
type FormName = (typeof FORMS)[number];

const FORM_OF_STEP: Record<MeetingStep, FormName | null> = {
  welcome: null, strengths: "strength", career: "job_idea", concerns: "concern", ideas: "idea", commitments: "commitment", next_steps: "next_step",
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await getMeeting(ctx.db, access, params.meetingId, ctx.meta);
  if (!view || !view.canUpdate) throw notFound();
  // A finished meeting is read as its minutes; the live run-sheet does not reopen it. A cancelled one is not run.
  if (view.meeting.status === "held") throw redirect(`/participants/${params.id}/meetings/${params.meetingId}/minutes`);
  if (view.meeting.status === "cancelled") throw redirect(`/participants/${params.id}/meetings/${params.meetingId}`);
  const concerns = await listConcerns(ctx.db, access, params.meetingId);
  const asked = new URL(request.url).searchParams.get("concern");
  // A fresh key per form and per render: sending one rendered form twice saves it once.
  const keys = Object.fromEntries(FORMS.map((f) => [f, randomUUID()])) as Record<FormName, string>;
  // At the job ideas step the career profile is at hand, with the strengths named so far.
  const atCareer = MEETING_STEPS[Math.min(view.meeting.currentStep, MEETING_STEPS.length - 1)] === "career";
  const profile = atCareer ? await getParticipant(ctx.db, access.actor, params.id, ctx.meta) : null;
  const career = profile ? { profile: profile.participant, named: await listNamedStrengths(ctx.db, access) } : null;
  return {
    career,
    participant: view.participant,
    meeting: view.meeting,
    concerns,
    keys,
    concernType: (CONCERN_TYPES.includes(asked as ConcernType) ? asked : "losing_benefits") as ConcernType,
  };
}

type ActionResult = {
  saved: FormName | "attendance" | null; form: FormName | null; errors: Record<string, string>; values: Record<string, string>;
  problem?: "meetings.run.tooEarly";
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const ok = (saved: FormName | null): ActionResult => ({ saved, form: saved, errors: {}, values: {} });

  if (intent === "step") {
    const step = Number(form.get("step"));
    if (step >= MEETING_STEPS.length) {
      const result = await setMeetingStep(ctx.db, access, params.meetingId, MEETING_STEPS.length, ctx.meta);
      if (!result.ok && result.reason === "too_early") return data<ActionResult>({ ...ok(null), problem: "meetings.run.tooEarly" }, { status: 422 });
      if (!result.ok) throw notFound();
      return redirect(`/participants/${params.id}/meetings/${params.meetingId}?finished=1`);
    }
    const parsed = form.parse(meetingStepSchema);
    if (!parsed.ok) throw notFound();
    const result = await setMeetingStep(ctx.db, access, params.meetingId, parsed.data.step, ctx.meta);
    if (!result.ok) throw notFound();
    return data(ok(null));
  }

  if (intent === "attendance") {
    const parsed = form.parse(meetingAttendanceSchema);
    if (!parsed.ok) throw notFound();
    const result = await recordAttendance(ctx.db, access, params.meetingId, parsed.data.cameIds, ctx.meta);
    if (!result.ok) throw notFound();
    return data<ActionResult>({ ...ok(null), saved: "attendance" });
  }

  if (intent === "concern") {
    const parsed = form.parse(concernInputSchema, (submitted) => {
      const who = parseSpeaker(submitted.get("raisedBy"));
      return {
        type: submitted.get("type"), description: submitted.get("description"), raisedBy: who.speaker, supportPersonId: who.supportPersonId,
        meetingId: params.meetingId, clientKey: submitted.get("clientKey"),
      };
    });
    if (!parsed.ok) return data<ActionResult>({ saved: null, form: "concern", errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await createConcern(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return data(ok("concern"));
  }

  if (intent === "entry") {
    const kind = (form.get("kind") ?? "") as FormName;
    // "Who said it" is one select: a support person, or one of the other speakers.
    const parsed = form.parse(meetingEntryInputSchema, (submitted, fields) => {
      const who = parseSpeaker(submitted.get("speaker"));
      return { ...fields, speaker: who.speaker, supportPersonId: who.supportPersonId };
    });
    const formName = FORMS.includes(kind) ? kind : null;
    if (!parsed.ok) return data<ActionResult>({ saved: null, form: formName, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await addMeetingEntry(ctx.db, access, params.meetingId, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return data(ok(formName));
  }
  throw notFound();
}

export default function MeetingRunPage() {
  const t = useT();
  const { participant, meeting, concerns, keys, concernType, career } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const stepIndex = Math.min(meeting.currentStep, MEETING_STEPS.length - 1);
  const step = MEETING_STEPS[stepIndex]!;
  const formName = FORM_OF_STEP[step];
  const here = `/participants/${participant.id}/meetings/${meeting.id}`;
  const speakers = speakerOptions(t, name, meeting.invitees);
  const formResult = result && result.form === formName ? result : null;
  return (
    <div className="page run">
      <title>{`${t("meetings.run.title", { title: meeting.title })} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to={here}>{t("meetings.run.back", { title: meeting.title })}</Link></p>
      <h1>{t("meetings.run.title", { title: meeting.title })}</h1>

      <Form method="post" aria-label={t("meetings.run.agenda")}>
        <CsrfField />
        <input type="hidden" name="intent" value="step" />
        <ol className="steps">
          {MEETING_STEPS.map((s, i) => (
            <li key={s}>
              <button type="submit" name="step" value={i} aria-current={i === stepIndex ? "step" : undefined} disabled={busy}>
                {`${i + 1}. ${t(`meetings.run.short.${s}`)}`}
              </button>
            </li>
          ))}
        </ol>
      </Form>

      <section aria-labelledby="step-heading" data-step={step}>
        <h2 id="step-heading">{t("meetings.run.stepOf", { n: stepIndex + 1, total: MEETING_STEPS.length, label: t(`meeting.step.${step}`) })}</h2>
        <div className="guide">
          <p>{t(`meetings.run.guide.${step}`, { name })}</p>
          {step === "welcome" ? <WelcomeFacts t={t} meeting={meeting} saved={result?.saved === "attendance"} busy={busy} /> : null}
        </div>
        {step === "career" && career ? (
          <details className="card" open data-testid="run-career-profile">
            <summary>{t("seedsCareer.run.profile", { name })}</summary>
            <CareerProfile t={t} profile={career.profile} named={career.named} participantName={name} />
          </details>
        ) : null}
        {result?.saved && result.saved === formName ? <p className="notice" role="status">{t("meetings.run.saved")}</p> : null}

        {formName === "concern" ? (
          <>
            <ConcernForm key={keys.concern} t={t} meetingId={meeting.id} participantId={participant.id} clientKey={keys.concern} speakers={speakers}
              initialType={concernType} result={formResult} saved={result?.saved === "concern"} busy={busy} />
            <h3>{t("meetings.run.concernsRaised")}</h3>
            {concerns.length === 0 ? <p>{t("meetings.run.nothingYet")}</p> : (
              <ul className="entry-list" data-testid="saved-concern">
                {concerns.map((c) => (
                  <li key={c.id} data-concern-type={c.type}>
                    <strong>{t(`concern.type.${c.type}`)}</strong>: {c.description}{" "}
                    <span className="muted">({c.raisedByName ?? t(`meetings.speaker.${c.raisedBy}`)})</span>
                    <details>
                      <summary>{t("meetings.concern.showTalkingPoints")}</summary>
                      <TalkingPoints t={t} type={c.type} participantId={participant.id} headingLevel={4} />
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : formName ? (
          <>
            <EntryForm key={keys[formName]} t={t} meetingId={meeting.id} kind={formName} clientKey={keys[formName]} speakers={speakers}
              result={formResult} saved={result?.saved === formName} busy={busy} />
            <h3>{t(`meetings.run.saved.${formName}`)}</h3>
            <EntryList t={t} entries={meeting.entries.filter((e) => e.kind === formName)} name={name} />
          </>
        ) : null}
      </section>

      {result?.problem ? <p className="form-error" role="alert">{t(result.problem)}</p> : null}
      <Form method="post" className="step-nav">
        <CsrfField />
        <input type="hidden" name="intent" value="step" />
        {stepIndex > 0 ? (
          <button type="submit" name="step" value={stepIndex - 1} className="secondary" disabled={busy}>
            {t("meetings.run.previous", { label: t(`meetings.run.short.${MEETING_STEPS[stepIndex - 1]!}`) })}
          </button>
        ) : <span />}
        {stepIndex < MEETING_STEPS.length - 1 ? (
          <button type="submit" name="step" value={stepIndex + 1} disabled={busy}>
            {t("meetings.run.next", { label: t(`meetings.run.short.${MEETING_STEPS[stepIndex + 1]!}`) })}
          </button>
        ) : (
          <button type="submit" name="step" value={MEETING_STEPS.length} disabled={busy}>{t("meetings.run.finish")}</button>
        )}
      </Form>
    </div>
  );
}

function WelcomeFacts({ t, meeting, saved, busy }: { t: Translate; meeting: Meeting; saved: boolean; busy: boolean }) {
  // Only a "yes" is coming; a "maybe" is named apart, so no one is counted on who did not say so.
  const coming = meeting.invitees.filter((i) => i.response === "yes");
  const maybe = meeting.invitees.filter((i) => i.response === "maybe");
  return (
    <>
      <p data-testid="coming">{t("meetings.run.coming", { names: coming.length ? coming.map((i) => i.name).join(", ") : t("common.none") })}</p>
      {maybe.length ? <p data-testid="maybe-coming">{t("meetings.run.maybeComing", { names: maybe.map((i) => i.name).join(", ") })}</p> : null}
      {meeting.agenda.length ? <ol>{meeting.agenda.map((item, i) => <li key={i}>{item}</li>)}</ol> : null}
      {meeting.invitees.length ? (
        <Form method="post" className="attendance">
          <CsrfField />
          <input type="hidden" name="intent" value="attendance" />
          <fieldset className="field">
            <legend>{t("meetings.run.attendance.legend")}</legend>
            <p className="hint">{t("meetings.run.attendance.hint")}</p>
            {meeting.invitees.map((i) => (
              <div className="checkbox" key={i.supportPersonId}>
                <input type="checkbox" id={`came-${i.supportPersonId}`} name="cameIds" value={i.supportPersonId}
                  defaultChecked={i.attended ?? i.response === "yes"} />
                <label htmlFor={`came-${i.supportPersonId}`}>{i.name}</label>
              </div>
            ))}
          </fieldset>
          {saved ? <p className="notice" role="status">{t("meetings.run.attendance.saved")}</p> : null}
          <button type="submit" className="secondary" disabled={busy}>{t("meetings.run.attendance.submit")}</button>
        </Form>
      ) : null}
    </>
  );
}

function EntryList({ t, entries, name }: { t: Translate; entries: Meeting["entries"]; name: string }) {
  if (entries.length === 0) return <p>{t("meetings.run.nothingYet")}</p>;
  return (
    <ul className="entry-list" data-testid="saved-entries">
      {entries.map((e) => (
        <li key={e.id}>
          {e.text}{e.whenText ? ` — ${e.whenText}` : ""}{" "}
          <span className="muted">({e.speakerName ?? (e.speaker === "participant" ? name : t(`meetings.speaker.${e.speaker as "specialist"}`))})</span>
        </li>
      ))}
    </ul>
  );
}

interface FormProps {
  t: Translate;
  meetingId: string;
  clientKey: string;
  speakers: { value: string; label: string }[];
  result: ActionResult | null;
  saved: boolean;
  busy: boolean;
}

function EntryForm({ t, meetingId, kind, clientKey, speakers, result, saved, busy }: FormProps & { kind: Exclude<FormName, "concern"> }) {
  const formRef = useRef<HTMLFormElement>(null);
  useFormDraft(formRef, `allies:draft:${meetingId}:${kind}`, saved);
  const values = result?.values ?? {};
  const labels = {
    speaker: t(`meetings.run.who.${kind}`),
    text: t(`meetings.run.text.${kind}`),
    whenText: t(`meetings.run.when.${kind === "next_step" ? "next_step" : "commitment"}`),
  };
  const prefix = `entry-${kind}`;
  return (
    <Form method="post" noValidate ref={formRef} data-form={kind}>
      <ErrorSummary errors={result?.errors} labels={labels} />
      <CsrfField />
      <input type="hidden" name="intent" value="entry" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="clientKey" defaultValue={clientKey} />
      <Field prefix={prefix} name="speaker" label={labels.speaker} errors={result?.errors}>
        {(props) => (
          <select {...props} data-draft="" defaultValue={values.speaker ?? "participant"}>
            {speakers.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        )}
      </Field>
      <Field prefix={prefix} name="text" label={labels.text} errors={result?.errors}>
        {(props) => <textarea {...props} data-draft="" rows={3} defaultValue={values.text ?? ""} />}
      </Field>
      {kind === "commitment" || kind === "next_step" ? (
        <Field prefix={prefix} name="whenText" label={labels.whenText} hint={t(`meetings.run.when.${kind}.hint`)} errors={result?.errors}>
          {(props) => <input {...props} type="text" data-draft="" defaultValue={values.whenText ?? ""} />}
        </Field>
      ) : null}
      <button type="submit" disabled={busy}>{t(`meetings.run.save.${kind}`)}</button>
    </Form>
  );
}

function ConcernForm({ t, meetingId, participantId, clientKey, speakers, initialType, result, saved, busy }: FormProps & { participantId: string; initialType: ConcernType }) {
  const formRef = useRef<HTMLFormElement>(null);
  useFormDraft(formRef, `allies:draft:${meetingId}:concern`, saved);
  const values = result?.values ?? {};
  const [type, setType] = useState<ConcernType>((values.type as ConcernType | undefined) ?? initialType);
  const labels = { type: t("meetings.concern.type"), raisedBy: t("meetings.concern.raisedBy"), description: t("meetings.concern.description") };
  const prefix = "concern";
  return (
    <>
      <Form method="post" noValidate ref={formRef} data-form="concern">
        <ErrorSummary errors={result?.errors} labels={labels} />
        <CsrfField />
        <input type="hidden" name="intent" value="concern" />
        <input type="hidden" name="clientKey" defaultValue={clientKey} />
        <Field prefix={prefix} name="type" label={labels.type} hint={t("meetings.run.concernType.hint")} errors={result?.errors}>
          {(props) => (
            <select {...props} data-draft="" defaultValue={type} onChange={(e) => setType(e.currentTarget.value as ConcernType)} aria-controls="talking-points">
              {CONCERN_TYPES.map((c) => <option key={c} value={c}>{t(`concern.type.${c}`)}</option>)}
            </select>
          )}
        </Field>
        <div aria-live="polite">
          <TalkingPoints t={t} type={type} participantId={participantId} id="talking-points" />
        </div>
        <p className="hint no-print">
          {t("meetings.run.otherTypes")}{" "}
          {CONCERN_TYPES.filter((c) => c !== type).map((c, i) => (
            <span key={c}>{i > 0 ? " · " : ""}<Link to={`?concern=${c}#talking-points`} replace preventScrollReset>{t(`concern.type.${c}`)}</Link></span>
          ))}
        </p>
        <Field prefix={prefix} name="raisedBy" label={labels.raisedBy} errors={result?.errors}>
          {(props) => (
            <select {...props} data-draft="" defaultValue={values.raisedBy ?? "participant"}>
              {speakers.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
            </select>
          )}
        </Field>
        <Field prefix={prefix} name="description" label={labels.description} errors={result?.errors}>
          {(props) => <textarea {...props} data-draft="" rows={3} defaultValue={values.description ?? ""} />}
        </Field>
        <button type="submit" disabled={busy}>{t("meetings.concern.save")}</button>
      </Form>
    </>
  );
}

import { Form, Link } from "react-router";
import { JOB_END_REASONS, type Job } from "../../src/domain/jobs/model.ts";
import { formatDate, formatDollars } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CheckboxField, CsrfField, DateField, ErrorSummary, RadioGroup, TextArea, TextField, type Errors } from "./forms.tsx";
import type { FormValues } from "../lib/form.server.ts";

/** What a job form's action answers when it cannot save: the errors, what was sent, and the job as saved now after a conflict. */
export interface JobProblem {
  form: "job" | "end";
  errors: Record<string, string>;
  values: FormValues;
  current?: Job;
}

/** Hundredths as the decimal a person types: 1750 → "17.5". */
function decimal(hundredths: number | null): string {
  return hundredths === null ? "" : String(hundredths / 100);
}

/** The jobs, current ones first; each links to its page when the reader may change it. */
export function JobList({ t, jobs, base, canWrite }: { t: Translate; jobs: readonly Job[]; base: string; canWrite: boolean }) {
  if (jobs.length === 0) return <p className="muted">{t("job.none")}</p>;
  const current = jobs.filter((j) => j.endedOn === null);
  const past = jobs.filter((j) => j.endedOn !== null);
  const list = (items: readonly Job[]) => (
    <ul className="record-list">
      {items.map((job) => (
        <li key={job.id} id={`job-${job.id}`} data-testid="job">
          <h3>{t("job.line", { title: job.title, employer: job.employer })}</h3>
          <p>
            {job.endedOn === null
              ? t("job.since", { date: formatDate(job.startedOn, t.locale) })
              : t("job.between", { start: formatDate(job.startedOn, t.locale), end: formatDate(job.endedOn, t.locale) })}
          </p>
          <ul className="facts">
            {job.hoursHundredths !== null ? <li>{t("job.hoursWeek", { hours: decimal(job.hoursHundredths) })}</li> : null}
            {job.hourlyWageCents !== null ? <li>{t("job.wageHour", { wage: formatDollars(job.hourlyWageCents / 100, t.locale) })}</li> : null}
            <li>{t(job.competitive ? "job.competitive.yes" : "job.competitive.no")}</li>
            <li>{t(job.integrated ? "job.integrated.yes" : "job.integrated.no")}</li>
            {job.endReason ? <li>{t("job.endedBecause", { reason: t(`job.endReason.${job.endReason}`) })}{job.endNote ? `: ${job.endNote}` : ""}</li> : null}
          </ul>
          {job.followUpConcernId ? <p><Link to={`${base}/concerns#concern-${job.followUpConcernId}`}>{t("job.followUp.link")}</Link></p> : null}
          {canWrite ? <p className="no-print"><Link to={`${base}/jobs/${job.id}`}>{t("job.edit.link")}</Link></p> : null}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {current.length > 0 ? <section aria-labelledby="jobs-current"><h2 id="jobs-current">{t("job.current")}</h2>{list(current)}</section> : null}
      {past.length > 0 ? <section aria-labelledby="jobs-past"><h2 id="jobs-past">{t("job.past")}</h2>{list(past)}</section> : null}
    </>
  );
}

/** The one form for a job's facts, new or changed; a refused save fills it with what was sent. */
export function JobForm({ t, job, problem, today, submitLabel, busy }: {
  t: Translate; job: Job | null; problem: JobProblem | undefined; today: string; submitLabel: string; busy: boolean;
}) {
  const mine = problem?.form === "job" ? problem : undefined;
  const errors: Errors = mine?.errors;
  const sent = mine && Object.keys(mine.values).length > 0 ? mine.values : null;
  const value = (field: string, fallback: string | null) => sent ? sent[field] ?? "" : fallback;
  const ticked = (field: "competitive" | "integrated") => sent ? sent[field] !== undefined : job ? job[field] : true;
  const labels = {
    employer: t("job.employer.label"), title: t("job.jobTitle.label"), startedOn: t("job.startedOn.label"),
    hoursPerWeek: t("job.hours.label"), hourlyWage: t("job.wage.label"), competitive: t("job.competitive.label"), integrated: t("job.integrated.label"),
  };
  return (
    <Form method="post" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="job" />
      <ErrorSummary errors={errors} labels={labels} prefix="job" />
      {job ? <input type="hidden" name="version" value={mine?.current?.version ?? job.version} /> : null}
      <TextField name="employer" prefix="job" label={labels.employer} errors={errors} defaultValue={value("employer", job?.employer ?? null)} required autoComplete="off" />
      <TextField name="title" prefix="job" label={labels.title} errors={errors} defaultValue={value("title", job?.title ?? null)} required autoComplete="off" />
      <DateField name="startedOn" prefix="job" label={labels.startedOn} errors={errors} defaultValue={value("startedOn", job?.startedOn ?? today)} required />
      <TextField name="hoursPerWeek" prefix="job" label={labels.hoursPerWeek} hint={t("job.hours.hint")} errors={errors} inputMode="decimal"
        defaultValue={value("hoursPerWeek", job ? decimal(job.hoursHundredths) : null)} />
      <TextField name="hourlyWage" prefix="job" label={labels.hourlyWage} hint={t("job.wage.hint")} errors={errors} inputMode="decimal"
        defaultValue={value("hourlyWage", job ? decimal(job.hourlyWageCents) : null)} />
      <CheckboxField name="competitive" prefix="job" label={labels.competitive} hint={t("job.competitive.hint")} errors={errors} defaultChecked={ticked("competitive")} />
      <CheckboxField name="integrated" prefix="job" label={labels.integrated} hint={t("job.integrated.hint")} errors={errors} defaultChecked={ticked("integrated")} />
      <p><button type="submit" disabled={busy}>{submitLabel}</button></p>
    </Form>
  );
}

/** Ending a job: the last day, how it ended, and a word on what happened. */
export function EndJobForm({ t, job, problem, today, busy }: { t: Translate; job: Job; problem: JobProblem | undefined; today: string; busy: boolean }) {
  const mine = problem?.form === "end" ? problem : undefined;
  const errors: Errors = mine?.errors;
  const sent = mine && Object.keys(mine.values).length > 0 ? mine.values : null;
  const labels = { endedOn: t("job.endedOn.label"), endReason: t("job.endReason.label"), endNote: t("job.endNote.label") };
  return (
    <Form method="post" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="end" />
      <input type="hidden" name="version" value={mine?.current?.version ?? job.version} />
      <ErrorSummary errors={errors} labels={labels} prefix="end" />
      <DateField name="endedOn" prefix="end" label={labels.endedOn} errors={errors} defaultValue={sent ? sent.endedOn ?? "" : today} required />
      <RadioGroup name="endReason" prefix="end" label={labels.endReason} errors={errors} defaultValue={sent?.endReason ?? null}
        options={JOB_END_REASONS.map((r) => ({ value: r, label: t(`job.endReason.${r}`) }))} />
      <TextArea name="endNote" prefix="end" label={labels.endNote} errors={errors} defaultValue={sent?.endNote ?? null} maxLength={2000} />
      <p><button type="submit" disabled={busy}>{t("job.end.submit")}</button></p>
    </Form>
  );
}

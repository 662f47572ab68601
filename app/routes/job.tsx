import { data, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/job";
import { jobEndSchema, jobUpdateSchema } from "../../src/domain/jobs/model.ts";
import { endJob, readJob, updateJob } from "../../src/domain/jobs/jobs.server.ts";
import { EndJobForm, JobForm, JobList, type JobProblem } from "../components/jobs.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** One job: change its facts, or end it (which opens the job-loss follow-up). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const view = await readJob(ctx.db, access, params.jobId, ctx.meta);
  if (!view || !view.canWrite) throw notFound();
  return { participant: access.participant, job: view.job, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const list = `/participants/${params.id}/jobs`;
  const intent = form.get("intent") === "end" ? "end" : "job";
  const parsed = intent === "end" ? form.parse(jobEndSchema) : form.parse(jobUpdateSchema);
  if (!parsed.ok) return data<JobProblem>({ form: intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = intent === "end"
    ? await endJob(ctx.db, access, params.jobId, parsed.data as z.output<typeof jobEndSchema>, ctx.meta)
    : await updateJob(ctx.db, access, params.jobId, parsed.data as z.output<typeof jobUpdateSchema>, ctx.meta);
  if (result.ok) return redirect(`${list}?done=${intent === "end" ? "ended" : "saved"}#job-${result.job.id}`);
  if (result.reason === "ends_before_start") {
    const field = intent === "end" ? "endedOn" : "startedOn";
    return data<JobProblem>({ form: intent, errors: { [field]: "job.endsBeforeStart" }, values: parsed.values }, { status: 400 });
  }
  if (result.reason === "conflict" || result.reason === "already_ended") return data<JobProblem>({ form: intent, errors: {}, values: parsed.values, current: result.current }, { status: 409 });
  throw notFound();
}

export default function JobPage() {
  const t = useT();
  const { participant, job, today } = useLoaderData<typeof loader>();
  const problem = useActionData<JobProblem>();
  const busy = useNavigation().state === "submitting";
  const base = `/participants/${participant.id}`;
  const title = t("job.line", { title: job.title, employer: job.employer });
  const shown = problem?.current ?? job;
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to={`${base}/jobs`}>{t("job.back")}</Link></p>
      <h1>{title}</h1>
      {problem?.current ? (
        <div className="conflict" data-testid="job-conflict">
          <div className="form-error" role="alert"><p>{t(problem.current.endedOn ? "job.alreadyEnded" : "job.conflict")}</p></div>
          <JobList t={t} jobs={[problem.current]} base={base} canWrite={false} />
        </div>
      ) : null}
      <section aria-labelledby="edit-job">
        <h2 id="edit-job">{t("job.edit.heading")}</h2>
        <JobForm key={shown.version} t={t} job={shown} problem={problem} today={today} submitLabel={t("job.edit.submit")} busy={busy} />
      </section>
      {shown.endedOn === null ? (
        <section aria-labelledby="end-job">
          <h2 id="end-job">{t("job.end.heading")}</h2>
          <p>{t("job.end.intro")}</p>
          <EndJobForm key={shown.version} t={t} job={shown} problem={problem} today={today} busy={busy} />
        </section>
      ) : null}
    </div>
  );
}

import { data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/jobs";
import { jobInputSchema } from "../../src/domain/jobs/model.ts";
import { createJob, readJobs } from "../../src/domain/jobs/jobs.server.ts";
import { JobForm, JobList, type JobProblem } from "../components/jobs.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const NOTICES = ["created", "saved", "ended"] as const;

/** A participant's jobs (issue 15 §1): the list, and a form to add one. Self-contained, so it fits any participant layout. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await readJobs(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return { participant: access.participant, ...view, today: new Date().toISOString().slice(0, 10), notice: NOTICES.find((n) => n === done) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, jobInputSchema);
  if (!form.ok) return data<JobProblem>({ form: "job", errors: form.errors, values: form.values }, { status: 400 });
  const result = await createJob(ctx.db, access, form.data, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}/jobs?done=created#job-${result.job.id}`);
  throw notFound();
}

export default function JobsPage() {
  const t = useT();
  const { participant, jobs, canWrite, today, notice } = useLoaderData<typeof loader>();
  const problem = useActionData<JobProblem>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const base = `/participants/${participant.id}`;
  return (
    <div className="page">
      <title>{`${t("job.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("job.title", { name })}</h1>
      {notice ? <p className="notice" role="status">{t(`job.${notice}`)}</p> : null}
      <p>{t("job.intro", { name })}</p>
      <JobList t={t} jobs={jobs} base={base} canWrite={canWrite} />
      {canWrite ? (
        <section aria-labelledby="add-job" className="no-print">
          <details className="disclosure" open={!!problem || jobs.length === 0}>
            <summary><h2 id="add-job">{t("job.add.heading")}</h2></summary>
            <JobForm t={t} job={null} problem={problem} today={today} submitLabel={t("job.add.submit")} busy={busy} />
          </details>
        </section>
      ) : null}
    </div>
  );
}

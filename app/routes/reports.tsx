import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/reports";
import { reportQueryFrom, sharesOf, type Report } from "../../src/domain/reports/model.ts";
import { readReport, reportChoices } from "../../src/domain/reports/reports.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { BarChart } from "../components/report-chart.tsx";
import { ReportTable } from "../components/report-table.tsx";
import { DateField, ErrorSummary, SelectField } from "../components/forms.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * Reports (issue 15 §1): supervisors read their team's, administrators any team's
 * or the whole program's; anyone else, or a team or specialist outside the
 * reader's reach, gets "not found" (audited).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const choices = await reportChoices(ctx.db, actor);
  if (!choices) throw notFound();
  const url = new URL(request.url);
  const asked = reportQueryFrom(url.searchParams, new Date().toISOString().slice(0, 10));
  if (!asked.ok) return { choices, values: asked.values, errors: asked.errors, report: null, csv: null };
  const report = await readReport(ctx.db, actor, asked.query, "page", ctx.meta);
  if (!report) throw notFound();
  const values = { from: report.from, to: report.to, team: report.teamId ?? "", specialist: report.specialistId ?? "" };
  return { choices, values, errors: {}, report, csv: `/reports.csv?${new URLSearchParams(values).toString()}` };
}

export default function ReportsPage() {
  const t = useT();
  const { choices, values, errors, report, csv } = useLoaderData<typeof loader>();
  const labels = { from: t("report.from.label"), to: t("report.to.label"), team: t("report.team.label"), specialist: t("report.specialist.label") };
  const specialists = choices.specialists.filter((s) => !values.team || s.teamId === values.team);
  return (
    <div className="page page--wide">
      <title>{`${t("report.title")} · ${t("app.name")}`}</title>
      <h1>{t("report.title")}</h1>
      <p className="no-print">{t("report.intro")}</p>
      <section aria-labelledby="report-filter" className="no-print">
        <h2 id="report-filter">{t("report.filter.heading")}</h2>
        <Form method="get" noValidate>
          <ErrorSummary errors={errors} labels={labels} />
          <DateField name="from" label={labels.from} errors={errors} defaultValue={values.from} required />
          <DateField name="to" label={labels.to} errors={errors} defaultValue={values.to} required />
          {choices.teams.length > 1 ? (
            <SelectField name="team" label={labels.team} errors={errors} defaultValue={values.team}
              options={[{ value: "", label: t("report.team.all") }, ...choices.teams.map((team) => ({ value: team.id, label: team.name }))]} />
          ) : null}
          <SelectField name="specialist" label={labels.specialist} errors={errors} defaultValue={values.specialist}
            options={[{ value: "", label: t("report.specialist.all") }, ...specialists.map((s) => ({ value: s.id, label: s.name }))]} />
          <p><button type="submit">{t("report.submit")}</button></p>
        </Form>
      </section>
      {report ? <ReportBody t={t} report={report} csv={csv!} /> : null}
    </div>
  );
}

function ReportBody({ t, report, csv }: { t: Translate; report: Report; csv: string }) {
  const period = t("report.period", { from: formatDate(report.from, t.locale), to: formatDate(report.to, t.locale) });
  const desc = t("report.chart.desc");
  const percentBar = (name: string, share: number | null) => ({
    label: name, value: share, text: share === null ? t("report.chart.noShare", { name }) : t("report.chart.percent", { name, value: share }),
  });
  return (
    <section aria-labelledby="report-period">
      <h2 id="report-period">{period}</h2>
      <p className="no-print"><Link to={csv} reloadDocument download>{t("report.csv")}</Link></p>
      <p className="hint no-print">{t("report.print")}</p>
      {report.specialists.length === 0 ? <p className="muted">{t("report.none")}</p> : (
        <>
          <BarChart title={t("report.chart.jobStarts")} description={desc}
            bars={report.specialists.map((s) => ({ label: s.name, value: s.jobStarts, text: t("report.chart.bar", { name: s.name, value: s.jobStarts }) }))} />
          <BarChart title={t("report.chart.competitive")} description={desc} max={100}
            bars={report.specialists.map((s) => percentBar(s.name, sharesOf(s).workingCompetitive))} />
          <BarChart title={t("report.chart.involved")} description={desc} max={100}
            bars={report.specialists.map((s) => percentBar(s.name, sharesOf(s).involved))} />
          <ReportTable t={t} report={report} caption={t("report.table.caption", { from: formatDate(report.from, t.locale), to: formatDate(report.to, t.locale) })} />
        </>
      )}
      <section aria-labelledby="report-definitions">
        <h2 id="report-definitions">{t("report.definitions.heading")}</h2>
        <dl>
          {(["participants", "involved", "consentsActive", "meetingsHeld", "commitmentsKept", "planItemsDone", "jobStarts", "workingCompetitive"] as const).map((i) => (
            <div key={i}><dt>{t(`report.col.${i}`)}</dt><dd>{t(`report.def.${i}`)}</dd></div>
          ))}
        </dl>
      </section>
    </section>
  );
}

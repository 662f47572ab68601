import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/reports";
import { reportFilter, reportQueryFrom, reportView, sharesOf, type Figures, type ReportView } from "../../src/domain/reports/model.ts";
import { readReport, reportChoices } from "../../src/domain/reports/reports.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { BarChart, type Bar } from "../components/report-chart.tsx";
import { ReportTable, ReportTeamTable } from "../components/report-table.tsx";
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
  const all = await reportChoices(ctx.db, actor);
  if (!all) throw notFound();
  const url = new URL(request.url);
  const asked = reportQueryFrom(url.searchParams, new Date().toISOString().slice(0, 10));
  if (!asked.ok) return { ...reportFilter(all, asked.values), errors: asked.errors, report: null, csv: null };
  const report = await readReport(ctx.db, actor, asked.query, "page", ctx.meta);
  if (!report) throw notFound();
  const values = { from: report.from, to: report.to, team: report.teamId ?? "", specialist: report.specialistId ?? "" };
  // The page carries only what it shows: over several teams, the teams (the CSV keeps every specialist).
  const view = { from: report.from, to: report.to, ...reportView(report) };
  return { ...reportFilter(all, values), errors: {}, report: view, csv: `/reports.csv?${new URLSearchParams(values).toString()}` };
}

/** The report page for a period, and a team when one is given. */
const reportHref = (params: Record<string, string>) => `/reports?${new URLSearchParams(params).toString()}`;

export default function ReportsPage() {
  const t = useT();
  const { choices, values, errors, report, csv } = useLoaderData<typeof loader>();
  const labels = { from: t("report.from.label"), to: t("report.to.label"), team: t("report.team.label"), specialist: t("report.specialist.label") };
  const several = choices.teams.length > 1;
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
          {several ? (
            <SelectField name="team" label={labels.team} errors={errors} defaultValue={values.team}
              options={[{ value: "", label: t("report.team.all") }, ...choices.teams.map((team) => ({ value: team.id, label: team.name }))]} />
          ) : null}
          {several && !values.team ? <p className="hint">{t("reportChart.specialist.teamFirst")}</p> : (
            <SelectField name="specialist" label={labels.specialist} errors={errors} defaultValue={values.specialist}
              options={[{ value: "", label: t("report.specialist.all") }, ...choices.specialists.map((s) => ({ value: s.id, label: s.name }))]} />
          )}
          <p><button type="submit">{t("report.submit")}</button></p>
        </Form>
        {several && values.team && report ? (
          <p><Link to={reportHref({ from: report.from, to: report.to })}>{t("reportChart.allTeams")}</Link></p>
        ) : null}
      </section>
      {report ? <ReportBody t={t} report={report} csv={csv!} /> : null}
    </div>
  );
}

function ReportBody({ t, report, csv }: { t: Translate; report: ReportView & { from: string; to: string }; csv: string }) {
  const from = formatDate(report.from, t.locale);
  const to = formatDate(report.to, t.locale);
  return (
    <section aria-labelledby="report-period">
      <h2 id="report-period">{t("report.period", { from, to })}</h2>
      <p className="no-print"><Link to={csv} reloadDocument download>{t("report.csv")}</Link></p>
      <p className="hint no-print">{t("report.print")}</p>
      {report.level === "teams" ? (
        <>
          <p>{t("reportChart.teams.intro", { count: report.teams.length })}</p>
          <Charts t={t} level="teams"
            lines={report.teams.map((team) => ({ name: team.teamName ?? t("report.noTeam"), figures: team }))} />
          <ReportTeamTable t={t} teams={report.teams} total={report.total} caption={t("reportChart.teams.caption", { from, to })}
            linkFor={(teamId) => reportHref({ from: report.from, to: report.to, team: teamId })} />
        </>
      ) : report.specialists.length === 0 ? <p className="muted">{t("report.none")}</p> : (
        <>
          <Charts t={t} level="specialists"
            lines={report.specialists.map((s) => ({ name: s.name, figures: s }))} />
          <ReportTable t={t} report={report} caption={t("report.table.caption", { from, to })} />
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

/** The report's three charts, a bar per specialist or per team. */
function Charts({ t, level, lines }: { t: Translate; level: ReportView["level"]; lines: { name: string; figures: Figures }[] }) {
  const byTeam = level === "teams";
  const desc = t("report.chart.desc");
  const percentBar = (name: string, share: number | null): Bar => ({
    label: name, value: share, text: share === null ? t("report.chart.noShare", { name }) : t("report.chart.percent", { name, value: share }),
  });
  return (
    <>
      <BarChart title={byTeam ? t("reportChart.jobStarts") : t("report.chart.jobStarts")} description={desc}
        bars={lines.map(({ name, figures }) => ({ label: name, value: figures.jobStarts, text: t("report.chart.bar", { name, value: figures.jobStarts }) }))} />
      <BarChart title={byTeam ? t("reportChart.competitive") : t("report.chart.competitive")} description={desc} max={100}
        bars={lines.map(({ name, figures }) => percentBar(name, sharesOf(figures).workingCompetitive))} />
      <BarChart title={byTeam ? t("reportChart.involved") : t("report.chart.involved")} description={desc} max={100}
        bars={lines.map(({ name, figures }) => percentBar(name, sharesOf(figures).involved))} />
    </>
  );
}

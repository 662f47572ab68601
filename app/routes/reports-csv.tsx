import type { Route } from "./+types/reports-csv";
import { INDICATORS, reportQueryFrom, sharesOf, type Figures } from "../../src/domain/reports/model.ts";
import { readReport } from "../../src/domain/reports/reports.server.ts";
import { toCsv, type CsvCell } from "../../src/domain/reports/csv.ts";
import { translator } from "../../src/i18n/index.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";

/** The report as a spreadsheet: the same figures and reach as the page, every cell neutralised against formulas. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const asked = reportQueryFrom(new URL(request.url).searchParams, new Date().toISOString().slice(0, 10));
  if (!asked.ok) throw notFound();
  const report = await readReport(ctx.db, actor, asked.query, "csv", ctx.meta);
  if (!report) throw notFound();
  const t = translator(actor.locale);
  const header = [
    t("report.csv.row"), t("report.col.specialist"), t("report.col.team"), t("report.csv.from"), t("report.csv.to"),
    ...INDICATORS.map((i) => t(`report.col.${i}`)), t("report.col.involvedShare"), t("report.col.competitiveShare"),
  ];
  const row = (kind: string, name: string, team: string, figures: Figures): CsvCell[] => {
    const shares = sharesOf(figures);
    return [kind, name, team, report.from, report.to, ...INDICATORS.map((i) => figures[i]), shares.involved, shares.workingCompetitive];
  };
  const teamName = (name: string | null) => name ?? t("report.noTeam");
  const rows = [
    ...report.specialists.map((s) => row(t("report.csv.row.specialist"), s.name, teamName(s.teamName), s)),
    ...report.teams.map((team) => row(t("report.csv.row.team"), "", teamName(team.teamName), team)),
    row(t("report.csv.row.total"), "", "", report.total),
  ];
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="allies-report-${report.from}-${report.to}.csv"`,
    },
  });
}

import { INDICATORS, sharesOf, type Figures, type Report } from "../../src/domain/reports/model.ts";
import type { Translate } from "../../src/i18n/index.ts";

/** The figures as a table: a row per specialist, then team totals and the grand total. The charts' text alternative. */
export function ReportTable({ t, report, caption }: { t: Translate; report: Pick<Report, "specialists" | "teams" | "total">; caption: string }) {
  const cells = (figures: Figures) => {
    const shares = sharesOf(figures);
    return INDICATORS.map((indicator) => {
      const share = indicator === "involved" ? shares.involved : indicator === "workingCompetitive" ? shares.workingCompetitive : undefined;
      const text = share === undefined || share === null ? String(figures[indicator]) : t("report.share", { count: figures[indicator], percent: share });
      return <td key={indicator} data-label={t(`report.col.${indicator}`)}>{text}</td>;
    });
  };
  const teamName = (name: string | null) => name ?? t("report.noTeam");
  return (
    // A wide table scrolls sideways on its own; it takes focus so the keyboard can scroll it too.
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="report-figures responsive-table" data-testid="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.col.specialist")}</th>
            <th scope="col">{t("report.col.team")}</th>
            {INDICATORS.map((i) => <th key={i} scope="col">{t(`report.col.${i}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {report.specialists.map((s) => (
            <tr key={s.specialistId} data-testid="report-specialist">
              <th scope="row">{s.name}</th>
              <td data-label={t("report.col.team")}>{teamName(s.teamName)}</td>
              {cells(s)}
            </tr>
          ))}
          {report.teams.length > 1 ? report.teams.map((team) => (
            <tr key={team.teamId ?? "none"} className="report-total">
              <th scope="row">{t("report.teamTotal", { team: teamName(team.teamName) })}</th>
              <td data-label={t("report.col.team")}>{teamName(team.teamName)}</td>
              {cells(team)}
            </tr>
          )) : null}
          <tr className="report-total" data-testid="report-total">
            <th scope="row">{t("report.total")}</th>
            <td data-label={t("report.col.team")}>{report.teams.length === 1 ? teamName(report.teams[0]!.teamName) : ""}</td>
            {cells(report.total)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

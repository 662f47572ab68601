import type React from "react";
import { Link } from "react-router";
import { INDICATORS, sharesOf, type Figures, type Report, type TeamFigures } from "../../src/domain/reports/model.ts";
import type { Translate } from "../../src/i18n/index.ts";

/** A row's figure cells: counts, and the two shares next to their counts. */
function figureCells(t: Translate) {
  return (figures: Figures) => {
    const shares = sharesOf(figures);
    return INDICATORS.map((indicator) => {
      const share = indicator === "involved" ? shares.involved : indicator === "workingCompetitive" ? shares.workingCompetitive : undefined;
      const text = share === undefined || share === null ? String(figures[indicator]) : t("report.share", { count: figures[indicator], percent: share });
      return <td key={indicator} data-label={t(`report.col.${indicator}`)}>{text}</td>;
    });
  };
}

/**
 * A table of report figures: its caption, the leading columns named, one column per
 * indicator, and the rows given. A wide table scrolls sideways on its own; it takes
 * focus so the keyboard can scroll it too.
 */
function FiguresTable({ t, caption, leading, children }: { t: Translate; caption: string; leading: string[]; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="report-figures responsive-table" data-testid="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {leading.map((name) => <th key={name} scope="col">{name}</th>)}
            {INDICATORS.map((i) => <th key={i} scope="col">{t(`report.col.${i}`)}</th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The figures as a table: a row per specialist, then team totals and the grand total. The charts' text alternative. */
export function ReportTable({ t, report, caption }: { t: Translate; report: Pick<Report, "specialists" | "teams" | "total">; caption: string }) {
  const cells = figureCells(t);
  const teamName = (name: string | null) => name ?? t("report.noTeam");
  return (
    <FiguresTable t={t} caption={caption} leading={[t("report.col.specialist"), t("report.col.team")]}>
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
    </FiguresTable>
  );
}

/**
 * The figures of a report over several teams: a row per team, its name leading to
 * that team's report (the team's specialists), then the grand total. "No team"
 * (staff without a team) has no report of its own to lead to.
 */
export function ReportTeamTable({ t, teams, total, caption, linkFor }: {
  t: Translate; teams: readonly TeamFigures[]; total: Figures; caption: string; linkFor: (teamId: string) => string;
}) {
  const cells = figureCells(t);
  return (
    <FiguresTable t={t} caption={caption} leading={[t("report.col.team"), t("reportChart.col.specialists")]}>
      {teams.map((team) => (
        <tr key={team.teamId ?? "none"} data-testid="report-team">
          <th scope="row">{team.teamId === null ? t("report.noTeam") : <Link to={linkFor(team.teamId)}>{team.teamName}</Link>}</th>
          <td data-label={t("reportChart.col.specialists")}>{team.specialists}</td>
          {cells(team)}
        </tr>
      ))}
      <tr className="report-total" data-testid="report-total">
        <th scope="row">{t("report.total")}</th>
        <td data-label={t("reportChart.col.specialists")}>{teams.reduce((sum, team) => sum + team.specialists, 0)}</td>
        {cells(total)}
      </tr>
    </FiguresTable>
  );
}

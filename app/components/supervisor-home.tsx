import { Form, Link, href } from "react-router";
import type { SupervisorHome } from "../../src/domain/reports/reports.server.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { SelectField } from "./forms.tsx";
import { ReportTable } from "./report-table.tsx";
import { participantDisplayName } from "./support-person-fields.tsx";
import { totalsOf } from "../../src/domain/reports/model.ts";

/** The supervisor's part of the home page (issue 15 §2): the team's figures for 30 and 90 days, and who has no support involved. */
export function SupervisorTeam({ t, team }: { t: Translate; team: SupervisorHome }) {
  return (
    <>
      <section aria-labelledby="team-figures" className="card" data-testid="team-figures">
        <h2 id="team-figures">{t("home.team.heading")}</h2>
        <p className="hint">{t("home.team.intro")}</p>
        <Form method="get" className="no-print inline-form">
          <SelectField name="specialist" label={t("home.team.filter")} defaultValue={team.specialistId ?? ""}
            options={[{ value: "", label: t("report.specialist.all") }, ...team.specialists.map((s) => ({ value: s.id, label: s.name }))]} />
          <p><button type="submit">{t("report.submit")}</button></p>
        </Form>
        {team.periods.map((period) => (
          <ReportTable key={period.days} t={t} caption={t("home.team.period", { days: period.days })}
            report={{ specialists: period.specialists, teams: totalsOf(period.specialists).teams.slice(0, 1), total: period.total }} />
        ))}
        <p><Link to="/reports">{t("home.team.reports")}</Link></p>
      </section>
      <section aria-labelledby="uninvolved" className="card" data-testid="uninvolved">
        <h2 id="uninvolved">{t("home.uninvolved.heading")}</h2>
        <p className="hint">{t("home.uninvolved.intro")}</p>
        {team.uninvolvedCount === 0 ? <p className="muted">{t("home.uninvolved.none")}</p> : (
          <>
            {team.uninvolvedCount > team.uninvolved.length
              ? <p>{t("home.uninvolved.more", { count: team.uninvolvedCount, shown: team.uninvolved.length })}</p> : null}
            <ul>
              {team.uninvolved.map((p) => (
                <li key={p.participantId}>
                  <a href={href("/participants/:id/network", { id: p.participantId })}>{t("home.uninvolved.line", { name: participantDisplayName(p), specialist: p.specialistName })}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

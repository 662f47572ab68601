import { useId } from "react";
import type { EstimateRequest, EstimateResult, ScenarioInput } from "../../src/domain/benefits/model.ts";
import { formatDollars } from "../../src/i18n/format.ts";
import type { Locale, MessageKey, Translate } from "../../src/i18n/index.ts";
import { errorText } from "../lib/i18n.ts";
import { GlossaryLink } from "./glossary-link.tsx";

/** Shared pieces of the benefits pages: the estimate's results. */

export function scenarioLabel(t: Translate, scenario: ScenarioInput): string {
  if ("monthlyGross" in scenario) return t("benefits.estimate.scenarioGross", { gross: formatDollars(scenario.monthlyGross, t.locale) });
  return t("benefits.estimate.scenarioHours", { hours: scenario.hoursPerWeek, wage: formatDollars(scenario.hourlyWage, t.locale) });
}

const signed = (amount: number, locale: Locale) => (amount > 0 ? `+${formatDollars(amount, locale)}` : amount < 0 ? `−${formatDollars(-amount, locale)}` : formatDollars(0, locale));

interface Column {
  key: string;
  label: string;
  shortLabel: string;
  wages: number;
  ssi: number;
  ssdi: number;
  other: number;
  total: number;
  change: number;
}

function columnsOf(t: Translate, request: EstimateRequest, result: EstimateResult): Column[] {
  const other = request.unearnedIncome;
  return [
    { key: "baseline", label: t("benefits.estimate.notWorking"), shortLabel: t("benefits.estimate.notWorking"), scenario: result.baseline },
    ...result.scenarios.map((scenario, i) => ({
      key: String(i), label: `${t("benefits.estimate.option", { n: i + 1 })}: ${scenarioLabel(t, request.scenarios[i]!)}`,
      shortLabel: t("benefits.estimate.option", { n: i + 1 }), scenario,
    })),
  ].map(({ key, label, shortLabel, scenario }) => ({
    key, label, shortLabel, wages: scenario.monthlyGross, ssi: scenario.ssi.payment, ssdi: scenario.ssdi.payment, other,
    total: scenario.totalMonthlyIncome, change: scenario.changeFromBaseline,
  }));
}

const SEGMENTS = [
  { key: "wages", fill: "#0b5d7a", label: "benefits.estimate.row.wages" },
  { key: "ssi", fill: "#1e6b34", label: "benefits.estimate.row.ssi" },
  { key: "ssdi", fill: "#8a4b00", label: "benefits.estimate.row.ssdi" },
  { key: "other", fill: "#5b3f8c", label: "benefits.estimate.row.other" },
] as const;

/**
 * A stacked bar per column (wages, SSI, SSDI, other income) with the total on top.
 * No chart library: plain SVG, described as one image; the table above it holds the
 * same numbers for anyone who cannot see the chart.
 */
export function EstimateChart({ t, columns, showSsi, showSsdi, showOther }: { t: Translate; columns: Column[]; showSsi: boolean; showSsdi: boolean; showOther: boolean }) {
  const uid = useId();
  const segments = SEGMENTS.filter((s) => s.key === "wages" || (s.key === "ssi" && showSsi) || (s.key === "ssdi" && showSsdi) || (s.key === "other" && showOther));
  const width = 640;
  const height = 300;
  const top = 30;
  const bottom = 40;
  const plot = height - top - bottom;
  const max = Math.max(1, ...columns.map((c) => c.total));
  const slot = width / columns.length;
  const barWidth = Math.min(90, slot * 0.6);
  const description = columns.map((c) => t("benefits.estimate.chart.column", { label: c.label, total: formatDollars(c.total, t.locale) })).join(" ");
  return (
    <figure className="estimate-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${uid}-title ${uid}-desc`} width="100%" preserveAspectRatio="xMidYMid meet">
        <title id={`${uid}-title`}>{t("benefits.estimate.chart.title")}</title>
        <desc id={`${uid}-desc`}>{description}</desc>
        <line x1={0} x2={width} y1={top + plot} y2={top + plot} stroke="#1b1f24" strokeWidth={1} />
        {columns.map((c, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          let y = top + plot;
          return (
            <g key={c.key} data-column={c.key}>
              {segments.map((s) => {
                const value = c[s.key];
                if (value <= 0) return null;
                const h = (value / max) * plot;
                y -= h;
                return <rect key={s.key} x={x} y={y} width={barWidth} height={h} fill={s.fill} stroke="#ffffff" strokeWidth={1.5} data-segment={s.key} />;
              })}
              <text x={x + barWidth / 2} y={top + plot - (c.total / max) * plot - 8} textAnchor="middle" fontSize={15} fontWeight={700} fill="#1b1f24">{formatDollars(c.total, t.locale)}</text>
              <text x={x + barWidth / 2} y={height - 14} textAnchor="middle" fontSize={14} fill="#1b1f24">{c.shortLabel}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {segments.map((s) => (
            <li key={s.key}>
              <svg width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill={s.fill} /></svg>
              {t(s.label)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The estimate side by side: the table, one plain-language paragraph per column, the chart and the notes. */
export function EstimateResults({ t, request, result, headingLevel = 2 }: { t: Translate; request: EstimateRequest; result: EstimateResult; headingLevel?: 2 | 3 }) {
  const columns = columnsOf(t, request, result);
  const showSsi = request.ssi;
  const showSsdi = request.ssdiMonthly > 0;
  const showOther = request.unearnedIncome > 0;
  const H = headingLevel === 2 ? "h2" : "h3";
  const dollars = (amount: number) => formatDollars(amount, t.locale);
  const rows: { key: keyof Column; label: MessageKey; show: boolean; format: (n: number) => string }[] = [
    { key: "wages", label: "benefits.estimate.row.wages", show: true, format: dollars },
    { key: "ssi", label: "benefits.estimate.row.ssi", show: showSsi, format: dollars },
    { key: "ssdi", label: "benefits.estimate.row.ssdi", show: showSsdi, format: dollars },
    { key: "other", label: "benefits.estimate.row.other", show: showOther, format: dollars },
    { key: "total", label: "benefits.estimate.row.total", show: true, format: dollars },
    { key: "change", label: "benefits.estimate.row.change", show: true, format: (amount) => signed(amount, t.locale) },
  ];
  return (
    <div className="estimate-results">
      <div className="table-wrap">
        <table className="estimate-table">
          <caption>{t("benefits.estimate.table.caption", { year: result.year })}</caption>
          <thead>
            <tr>
              <td />
              {columns.map((c) => <th key={c.key} scope="col" data-column={c.key}>{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.filter((r) => r.show).map((r) => (
              <tr key={r.key} data-row={r.key} className={r.key === "total" ? "total" : undefined}>
                <th scope="row">{t(r.label)}</th>
                {columns.map((c) => <td key={c.key} data-column={c.key} data-value={c[r.key]}>{r.format(c[r.key] as number)}</td>)}
              </tr>
            ))}
            {showSsdi ? (
              <tr data-row="ssdiStatus">
                <th scope="row">{t("benefits.estimate.row.ssdiStatus")}</th>
                {[result.baseline, ...result.scenarios].map((s, i) => (
                  <td key={i} data-column={i === 0 ? "baseline" : String(i - 1)}>{t(`benefits.estimate.ssdiStatus.${s.ssdi.status}`)}</td>
                ))}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <H>{t("benefits.estimate.inPlainWords")}</H>
      <dl className="estimate-summaries">
        {columns.map((c, i) => (
          <div key={c.key} data-column={c.key}>
            <dt>{c.label}</dt>
            <dd>{i === 0 ? result.baseline.summary : result.scenarios[i - 1]!.summary}</dd>
          </div>
        ))}
      </dl>

      <H>{t("benefits.estimate.chart.heading")}</H>
      <EstimateChart t={t} columns={columns} showSsi={showSsi} showSsdi={showSsdi} showOther={showOther} />

      <H>{t("benefits.estimate.notes")}</H>
      <ul className="estimate-notes">
        {result.notes.map((note) => <li key={note}>{note}</li>)}
      </ul>
      <GlossaryLink t={t} />
    </div>
  );
}

export function PrintButton({ label }: { label: string }) {
  return <button type="button" className="secondary no-print" onClick={() => window.print()}>{label}</button>;
}

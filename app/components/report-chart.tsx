import { useId } from "react";

export interface Bar { label: string; value: number | null; text: string }

const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 150;
const CHART_WIDTH = 480;

/**
 * A horizontal bar chart drawn as SVG, without a chart library: named by its
 * title, described as having the table below as its text alternative, each bar
 * titled with its figure. It scales to the page's width (360 px included), and
 * prints. A null value (no one to count) draws no bar.
 */
export function BarChart({ title, description, bars, max }: { title: string; description: string; bars: readonly Bar[]; max?: number }) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value ?? 0), 1);
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const room = CHART_WIDTH - LABEL_WIDTH - 60;
  return (
    <figure className="report-chart" data-testid="report-chart">
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          const width = bar.value === null ? 0 : Math.max(2, (bar.value / top) * room);
          return (
            <g key={`${bar.label}-${i}`}>
              <title>{bar.text}</title>
              <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT * 0.7} textAnchor="end" fontSize="13">{bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}</text>
              <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} className="report-chart__bar" />
              <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT * 0.7} fontSize="13">{bar.value === null ? "—" : String(bar.value)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption aria-hidden="true">{title}</figcaption>
    </figure>
  );
}

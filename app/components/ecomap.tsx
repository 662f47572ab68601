import { useId } from "react";
import type { EcomapInput } from "../../src/domain/network/ecomap-model.ts";
import {
  CONSENT_COLOUR, FIRST_CALL_COLOUR, LINE_STYLES, RING_COLOUR, layoutEcomap, linePath, crossPath, slashPath, starPath, tickPath,
  type EcomapCounts, type EcomapNode, type LineStyle,
} from "../../src/domain/network/ecomap-layout.ts";
import { CLOSENESS, RELATIONSHIP_STATUSES, type Closeness, type RelationshipStatus } from "../../src/domain/network/vocabulary.ts";
import "./ecomap.css";

/** Every word the ecomap shows; the page passes them in its own language. */
export interface EcomapLabels {
  /** Names the drawing, e.g. "Support network of Ana". */
  title: string;
  /** One or two sentences summing up the drawing for screen readers (the SVG's desc). */
  summary: (counts: EcomapCounts) => string;
  rings: Record<Closeness, string>;
  statuses: Record<RelationshipStatus, string>;
  legendHeading: string;
  legendRings: string;
  legendLines: string;
  legendMarks: string;
  consentMark: string;
  firstCallMark: string;
  noContactMark: string;
  tableCaption: string;
  /** Names the drawing's frame, which scrolls sideways when the screen is too small to read the labels. */
  scroll: string;
  columns: { name: string; relationship: string; ring: string; status: string; consent: string; firstCall: string };
  yes: string;
  no: string;
  /** Shown instead of the table when nobody is on the network. */
  empty: string;
}

type HeadingLevel = 2 | 3 | 4;

/** The smallest text the drawing may shrink to on screen, in CSS pixels (issue 14 §2: ~6 px on a phone was unreadable). */
const MIN_LABEL_PX = 12;

const INK = "#1b1f24";
const HALO = { paintOrder: "stroke", stroke: "#ffffff", strokeWidth: 4, strokeLinejoin: "round" } as const;

function strokeOf(style: LineStyle) {
  return {
    stroke: style.colour,
    strokeWidth: style.width,
    strokeDasharray: style.dashArray ?? undefined,
    strokeLinecap: style.lineCap,
    strokeLinejoin: "round" as const,
    fill: "none",
  };
}

function PersonLine({ person }: { person: EcomapNode }) {
  const style = person.line.style;
  return (
    <g className="ecomap__tie">
      <path className={`ecomap__line ecomap__line--${person.status}`} data-status={person.status} data-person-id={person.id} d={person.line.d} {...strokeOf(style)} />
      {person.noContactMarks ? (
        <path className="ecomap__mark-line" d={person.noContactMarks.line} stroke={style.colour} strokeWidth={3} strokeLinecap="round" fill="none" />
      ) : null}
    </g>
  );
}

function PersonNode({ person }: { person: EcomapNode }) {
  const style = person.line.style;
  return (
    <g className="ecomap__person" data-person-id={person.id}>
      <circle className="ecomap__node" cx={person.x} cy={person.y} r={person.nodeRadius} fill="#ffffff" stroke={style.colour} strokeWidth={2.5} />
      {person.noContactMarks ? (
        <path className="ecomap__mark-line" d={person.noContactMarks.node} stroke={style.colour} strokeWidth={2.5} strokeLinecap="round" />
      ) : null}
      {person.consentBadge ? (
        <g className="ecomap__consent" data-mark="consent">
          <circle className="ecomap__badge" cx={person.consentBadge.x} cy={person.consentBadge.y} r={person.consentBadge.r} fill="#ffffff" stroke={CONSENT_COLOUR} strokeWidth={1.5} />
          <path className="ecomap__mark-line" d={person.consentBadge.d} stroke={CONSENT_COLOUR} strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" fill="none" />
        </g>
      ) : null}
      {person.firstCallBadge ? (
        <path className="ecomap__star" data-mark="first-call" d={person.firstCallBadge.d} fill={FIRST_CALL_COLOUR} stroke="#ffffff" strokeWidth={1} strokeLinejoin="round" />
      ) : null}
      <text className="ecomap__label" x={person.label.x} textAnchor={person.label.anchor} transform={person.label.transform ?? undefined} fill={INK} {...HALO}>
        {person.label.lines.map((line, i) => (
          <tspan key={i} x={person.label.x} y={line.y} fontSize={line.fontSize} fontWeight={line.kind === "name" ? 600 : 400} className={`ecomap__label-${line.kind}`}>
            {line.text}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** A short sample of a status's line for the legend, drawn with the same rules as the map. */
function LineSample({ status }: { status: RelationshipStatus }) {
  const style = LINE_STYLES[status];
  return (
    <svg className="ecomap-legend__sample" viewBox="0 0 56 20" width="56" height="20" aria-hidden="true" focusable="false">
      <path className={`ecomap__line ecomap__line--${status}`} d={linePath(status, 2, 10, 54, 10)} {...strokeOf(style)} />
      {style.noContact ? <path className="ecomap__mark-line" d={crossPath(28, 10, 6)} stroke={style.colour} strokeWidth={3} strokeLinecap="round" /> : null}
    </svg>
  );
}

function MarkSample({ mark }: { mark: "consent" | "firstCall" | "noContact" }) {
  return (
    <svg className="ecomap-legend__sample" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {mark === "consent" ? (
        <>
          <circle className="ecomap__badge" cx={12} cy={12} r={9} fill="#ffffff" stroke={CONSENT_COLOUR} strokeWidth={1.5} />
          <path className="ecomap__mark-line" d={tickPath(12, 12, 9)} stroke={CONSENT_COLOUR} strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" fill="none" />
        </>
      ) : mark === "firstCall" ? (
        <path className="ecomap__star" d={starPath(12, 12.5, 11)} fill={FIRST_CALL_COLOUR} />
      ) : (
        <>
          <circle className="ecomap__node" cx={12} cy={12} r={9} fill="#ffffff" stroke={LINE_STYLES.do_not_contact.colour} strokeWidth={2.5} />
          <path className="ecomap__mark-line" d={slashPath(12, 12, 9)} stroke={LINE_STYLES.do_not_contact.colour} strokeWidth={2.5} strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

/**
 * The support network as an ecomap (issue 3 item 6): the participant in the middle,
 * a ring per closeness level, a line per person whose pattern shows the relationship,
 * marks for consent and "first call". The legend and the table below it say the same
 * in words, for everyone and for screen readers.
 */
export function Ecomap({ input, labels, headingLevel = 3, compact = false }: {
  input: EcomapInput; labels: EcomapLabels; headingLevel?: HeadingLevel;
  /** Legend and table folded into disclosures, for a page that lists the same people beside the map. */
  compact?: boolean;
}) {
  const uid = useId();
  const layout = layoutEcomap(input, { ringNames: labels.rings });
  const { viewBox } = layout;
  // Drawn at the width that keeps its smallest label at MIN_LABEL_PX: on a phone the frame
  // scrolls sideways instead of the words shrinking out of reach. (Set as attributes: the
  // content security policy refuses inline styles.)
  const smallestFont = Math.min(...layout.rings.map((r) => r.nameFontSize), ...layout.centre.lines.map((l) => l.fontSize), ...layout.people.flatMap((p) => p.label.lines.map((l) => l.fontSize)));
  const minWidth = Math.ceil((viewBox.width * MIN_LABEL_PX) / smallestFont);
  const Heading = `h${headingLevel}` as const;
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  return (
    <div className="ecomap">
      {/* A keyboard user can scroll the frame too (WCAG 2.1.1), so it takes the focus and has a name. */}
      <div className="ecomap__frame" role="region" aria-label={labels.scroll} tabIndex={0}>
      <svg
        className="ecomap__drawing"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        width={minWidth}
        height={Math.ceil((minWidth * viewBox.height) / viewBox.width)}
        preserveAspectRatio="xMidYMid meet"
        fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
      >
        <title id={titleId}>{labels.title}</title>
        <desc id={descId}>{labels.summary(layout.counts)}</desc>
        <g className="ecomap__rings">
          {layout.rings.map((ring) => (
            <g key={ring.closeness} data-ring={ring.closeness}>
              <circle className="ecomap__ring" cx={0} cy={0} r={ring.radius} fill="none" stroke={RING_COLOUR} strokeWidth={1.25} />
              <text className="ecomap__ring-name" x={ring.nameX} y={ring.nameY} fontSize={ring.nameFontSize} textAnchor="middle" fill="#4a5562" {...HALO} strokeWidth={6}>
                {labels.rings[ring.closeness]}
              </text>
            </g>
          ))}
        </g>
        <g className="ecomap__ties">
          {layout.people.map((person) => <PersonLine key={person.id} person={person} />)}
        </g>
        <g className="ecomap__participant">
          <circle className="ecomap__centre" cx={0} cy={0} r={layout.centre.radius} fill="#e6f0f5" stroke="#083f53" strokeWidth={3} />
          <text textAnchor="middle" fill={INK} fontWeight={700}>
            {layout.centre.lines.map((line, i) => (
              <tspan key={i} x={0} y={line.y} fontSize={line.fontSize}>{line.text}</tspan>
            ))}
          </text>
        </g>
        <g className="ecomap__people">
          {layout.people.map((person) => <PersonNode key={person.id} person={person} />)}
        </g>
      </svg>
      </div>

      <Fold open={!compact} summary={labels.legendHeading}>
      <section className="ecomap-legend" aria-labelledby={`${uid}-legend`}>
        <Heading id={`${uid}-legend`} className={compact ? "visually-hidden" : "ecomap-legend__heading"}>{labels.legendHeading}</Heading>
        <div className="ecomap-legend__groups">
          <div>
            <p className="ecomap-legend__group">{labels.legendRings}</p>
            <ol className="ecomap-legend__rings">
              {CLOSENESS.map((closeness) => <li key={closeness}>{labels.rings[closeness]}</li>)}
            </ol>
          </div>
          <div>
            <p className="ecomap-legend__group">{labels.legendLines}</p>
            <ul className="ecomap-legend__list">
              {RELATIONSHIP_STATUSES.map((status) => (
                <li key={status} data-status={status}><LineSample status={status} /> {labels.statuses[status]}</li>
              ))}
            </ul>
          </div>
          <div>
            <p className="ecomap-legend__group">{labels.legendMarks}</p>
            <ul className="ecomap-legend__list">
              <li><MarkSample mark="consent" /> {labels.consentMark}</li>
              <li><MarkSample mark="firstCall" /> {labels.firstCallMark}</li>
              <li><MarkSample mark="noContact" /> {labels.noContactMark}</li>
            </ul>
          </div>
        </div>
      </section>
      </Fold>

      {layout.people.length === 0 ? (
        <p className="ecomap__empty">{labels.empty}</p>
      ) : (
        <Fold open={!compact} summary={labels.tableCaption}>
        <div className="table-wrap">
          <table className="ecomap__table responsive-table">
            <caption>{labels.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.columns.name}</th>
                <th scope="col">{labels.columns.relationship}</th>
                <th scope="col">{labels.columns.ring}</th>
                <th scope="col">{labels.columns.status}</th>
                <th scope="col">{labels.columns.consent}</th>
                <th scope="col">{labels.columns.firstCall}</th>
              </tr>
            </thead>
            <tbody>
              {layout.people.map((person) => (
                <tr key={person.id} data-person-id={person.id}>
                  <th scope="row" data-label={labels.columns.name}>{person.name}</th>
                  <td data-label={labels.columns.relationship}>{person.relationshipLabel}</td>
                  <td data-label={labels.columns.ring}>{labels.rings[person.closeness]}</td>
                  <td data-label={labels.columns.status}>{labels.statuses[person.status]}</td>
                  <td data-label={labels.columns.consent}>{person.hasConsent ? labels.yes : labels.no}</td>
                  <td data-label={labels.columns.firstCall}>{person.firstCall ? labels.yes : labels.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </Fold>
      )}
    </div>
  );
}

/** Shown as it is, or folded into a disclosure that works without JavaScript. */
function Fold({ open, summary, children }: { open: boolean; summary: string; children: React.ReactNode }) {
  if (open) return <>{children}</>;
  return (
    <details className="disclosure ecomap__fold">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

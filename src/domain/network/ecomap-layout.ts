import type { EcomapInput, EcomapPerson } from "./ecomap-model.ts";
import { CLOSENESS, RELATIONSHIP_STATUSES, type Closeness, type RelationshipStatus } from "./vocabulary.ts";

/**
 * Where everything on the ecomap goes (PRODUCT.md capability 2, issue 3 item 6).
 *
 * Pure and deterministic: the same network always gives the same picture, whatever
 * order the people come in. The participant sits at (0, 0); the view box is placed
 * around that. Rings grow outward only as far as their people's labels need, so a
 * small network draws small and a crowded ring pushes the outer rings out instead of
 * stacking labels on top of each other. There is no text measurement here (the
 * layout runs on the server too), so label widths are estimated from character counts.
 */

export type LabelAnchor = "start" | "middle" | "end";

export interface LineStyle {
  /** SVG stroke-dasharray, or null for an unbroken line. */
  dashArray: string | null;
  lineCap: "butt" | "round";
  width: number;
  /** Every colour has at least 4.5:1 against white; the dash pattern carries the meaning (WCAG 1.4.1). */
  colour: string;
  /** Drawn as a zig-zag rather than a straight line. */
  jagged: boolean;
  /** Crossed out at the middle of the line and on the person's node. */
  noContact: boolean;
}

/** One place that decides how each relationship status looks; the legend uses it too. */
export const LINE_STYLES: Record<RelationshipStatus, LineStyle> = {
  supportive: { dashArray: null, lineCap: "butt", width: 3.5, colour: "#1b1f24", jagged: false, noContact: false },
  lost_touch: { dashArray: "12 7", lineCap: "butt", width: 2.5, colour: "#4a5562", jagged: false, noContact: false },
  strained: { dashArray: null, lineCap: "butt", width: 2, colour: "#7a4f00", jagged: true, noContact: false },
  wants_to_reconnect: { dashArray: "1 7", lineCap: "round", width: 3.5, colour: "#0b5d7a", jagged: false, noContact: false },
  do_not_contact: { dashArray: null, lineCap: "butt", width: 2, colour: "#a4161a", jagged: false, noContact: true },
};

export const RING_COLOUR = "#6f7b88";
export const CONSENT_COLOUR = "#1e6b34";
export const FIRST_CALL_COLOUR = "#0b5d7a";

export interface EcomapLabelLine {
  text: string;
  /** Baseline. */
  y: number;
  fontSize: number;
  kind: "name" | "relationship";
}

export interface EcomapBadge {
  x: number;
  y: number;
  r: number;
  /** The mark drawn inside or as the badge: a tick for consent, a star for first call. */
  d: string;
}

export interface EcomapNode {
  id: string;
  /** Full name, for the text alternative and the node's tooltip; the label may be shortened. */
  name: string;
  relationshipLabel: string;
  closeness: Closeness;
  status: RelationshipStatus;
  hasConsent: boolean;
  firstCall: boolean;
  /** Degrees clockwise from the positive x axis (SVG's y points down). */
  angle: number;
  /** Distance from the centre: the ring's radius, or one of its two sub-radii when the ring is crowded. */
  distance: number;
  x: number;
  y: number;
  nodeRadius: number;
  label: {
    x: number;
    anchor: LabelAnchor;
    lines: EcomapLabelLine[];
    shortened: boolean;
    /** SVG transform that turns a label to run along its spoke; null for a level label. */
    transform: string | null;
    /** The space the label was given (estimated from character counts); null when there is no label. */
    bounds: { x0: number; y0: number; x1: number; y1: number } | null;
  };
  line: { d: string; style: LineStyle };
  /** The "no contact" cross at the middle of the line, and the slash through the node. */
  noContactMarks: { line: string; node: string } | null;
  consentBadge: EcomapBadge | null;
  firstCallBadge: EcomapBadge | null;
}

export interface EcomapRing {
  closeness: Closeness;
  radius: number;
  /** Half the distance between the two sub-radii of a crowded ring; 0 when the ring has one radius. */
  band: number;
  count: number;
  /** Where the ring's name goes (middle of the text, baseline). */
  nameX: number;
  nameY: number;
  nameFontSize: number;
}

export interface EcomapCounts {
  total: number;
  byRing: Record<Closeness, number>;
  byStatus: Record<RelationshipStatus, number>;
  withConsent: number;
  firstCall: number;
  /** In drawing order. */
  firstCallNames: string[];
}

export interface EcomapLayout {
  viewBox: { x: number; y: number; width: number; height: number };
  centre: { x: number; y: number; radius: number; name: string; lines: EcomapLabelLine[] };
  rings: EcomapRing[];
  /** Ring by ring from the centre out, then by name: the order of the drawing and of the table. */
  people: EcomapNode[];
  counts: EcomapCounts;
}

export interface EcomapLayoutOptions {
  /** The rings' names as they will be shown, so the space kept for them fits the language in use. */
  ringNames?: Partial<Record<Closeness, string>>;
}

interface Box { x0: number; y0: number; x1: number; y1: number }

interface Density {
  fontSize: number;
  nodeRadius: number;
  maxChars: number;
  maxLines: number;
  showRelationship: boolean;
  /** Half the distance between the two sub-radii; 0 keeps everyone on one radius. */
  band: number;
  /** Labels run along the spokes, so neighbours need only a line's height between them. */
  radial: boolean;
}

/**
 * Fewer, larger labels while a ring has room. As it fills: smaller nodes, shorter
 * labels, two sub-radii so neighbours' labels sit at different heights, and past 16
 * people labels that run along the spokes.
 */
function densityFor(count: number): Density {
  if (count <= 8) return { fontSize: 16, nodeRadius: 11, maxChars: 16, maxLines: 2, showRelationship: true, band: 0, radial: false };
  if (count <= 16) return { fontSize: 14, nodeRadius: 9, maxChars: 15, maxLines: 1, showRelationship: true, band: 20, radial: false };
  return { fontSize: 12, nodeRadius: 7, maxChars: 18, maxLines: 1, showRelationship: false, band: 0, radial: true };
}

const LINE_HEIGHT = 1.2;
/** Space between a node (with its badges) and its label. */
const LABEL_GAP = 4;

const CENTRE_FONT = 16;
const RING_NAME_FONT = 13;
const MIN_FIRST_RADIUS = 120;
/** Empty or sparse rings still sit this far apart, so the four levels always read as four rings. */
const MIN_RING_GAP = 62;
const RADIUS_STEP = 6;
/** Rotations of a ring tried at each radius, as fractions of the step between people. */
const PHASE_TRIES = 16;
const MAX_GROWTH_STEPS = 400;
/** How much further out than the first fit a ring may go to keep its lines off other people's nodes. */
const LOOK_FURTHER = 36;
/** Cost of each unit of extra radius, against 100 for a line through a node and 4 for a line behind a label. */
const GROWTH_COST = 3;
/** Turns, as fractions of the step between people, tried on a line that runs through someone's node. */
const NUDGES = [0.12, -0.12, 0.24, -0.24, 0.36, -0.36];
const MARGIN = 12;
const LABEL_PAD = 2;
/**
 * Each ring starts its people at a different fraction of a step, so neighbours on
 * adjacent rings (and their labels) do not line up on the same spoke.
 */
const RING_PHASE: Record<Closeness, number> = { inner: 0.5, friends: 0.22, community: 0.78, services: 0.36 };

/** Rough width of a line of system sans-serif text: wide enough to keep labels apart, not a measurement. */
function textWidth(text: string, fontSize: number, bold = false): number {
  return Array.from(text).length * fontSize * (bold ? 0.6 : 0.56);
}

function round(n: number): number {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? 0 : r;
}

/** Breaks a name into at most maxLines lines of at most maxChars characters; an ellipsis marks a cut. */
export function wrapLabel(text: string, maxChars: number, maxLines: number): { lines: string[]; shortened: boolean } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const chars = Array.from(word);
    if (chars.length > maxChars) {
      if (current) lines.push(current);
      for (let i = 0; i < chars.length; i += maxChars) lines.push(chars.slice(i, i + maxChars).join(""));
      current = lines.pop() ?? "";
      continue;
    }
    const joined = current ? `${current} ${word}` : word;
    if (Array.from(joined).length <= maxChars) current = joined;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return { lines, shortened: false };
  // The last line takes as much of the rest as fits, so "Aunt Bernadette" stays "Aunt Bernade…", not "Aunt…".
  const kept = lines.slice(0, maxLines - 1);
  const rest = Array.from(lines.slice(maxLines - 1).join(" "));
  kept.push(`${rest.slice(0, Math.max(1, maxChars - 1)).join("").trimEnd()}…`);
  return { lines: kept, shortened: true };
}

/** Stable order: by name (case and accents folded, then exact), then by id. Never locale- or input-order-dependent. */
function comparePeople(a: EcomapPerson, b: EcomapPerson): number {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const keys: Array<[string, string]> = [[fold(a.name), fold(b.name)], [a.name, b.name], [a.id, b.id]];
  for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
  return 0;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 + LABEL_PAD && b.x0 < a.x1 + LABEL_PAD && a.y0 < b.y1 + LABEL_PAD && b.y0 < a.y1 + LABEL_PAD;
}

function anyOverlap(boxes: Box[], obstacles: Box[]): boolean {
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(a, boxes[j]!)) return true;
    for (const o of obstacles) if (overlaps(a, o)) return true;
  }
  return false;
}

/**
 * Whether a ring's nodes, labels and name keep clear of each other and of what is
 * already drawn. Nodes on one ring are compared as circles (boxes would collide
 * corner to corner long before the nodes touch); turned labels of one ring are kept
 * apart by the ring's radius, so only their clearance from everything else is checked.
 */
function ringFits(ringPlaced: Placed[], ringName: Box, drawn: Box[], radial: boolean): boolean {
  for (let i = 0; i < ringPlaced.length; i++) {
    const a = ringPlaced[i]!;
    for (let j = i + 1; j < ringPlaced.length; j++) {
      const b = ringPlaced[j]!;
      if (Math.hypot(a.x - b.x, a.y - b.y) < nodeReach(a.nodeRadius) + nodeReach(b.nodeRadius) + LABEL_PAD) return false;
    }
  }
  const nodes = ringPlaced.map((p) => p.nodeBox);
  const labels = ringPlaced.flatMap((p) => p.labelArea);
  if (nodes.some((n) => drawn.some((d) => overlaps(n, d)))) return false;
  if (radial) return !labels.some((l) => overlaps(l, ringName) || drawn.some((d) => overlaps(l, d))) && !anyOverlap([ringName], [...nodes, ...drawn]);
  return !anyOverlap([ringName, ...labels], [...nodes, ...drawn]);
}

/** Whether a line segment passes through a box (Liang-Barsky clipping). */
function crosses(segment: Segment, box: Box): boolean {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: Array<[number, number]> = [
    [-dx, segment.x1 - box.x0], [dx, box.x1 - segment.x1], [-dy, segment.y1 - box.y0], [dy, box.y1 - segment.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

/** A line through, or grazing, someone else's node (with a little room to spare). */
function passesNode(segment: Segment, nodeBox: Box): boolean {
  const room = 4;
  return crosses(segment, { x0: nodeBox.x0 - room, y0: nodeBox.y0 - room, x1: nodeBox.x1 + room, y1: nodeBox.y1 + room });
}

/**
 * How badly a ring's lines cut through what is already drawn: a line through someone
 * else's node reads as a tie to the wrong person, so it weighs far more than a line
 * behind a label (labels carry a white halo and stay readable).
 */
function crossingScore(ringPlaced: Placed[], nodeBoxes: Box[], labelBoxes: Box[], lines: Segment[]): number {
  let score = 0;
  for (const p of ringPlaced) {
    for (const box of nodeBoxes) if (passesNode(p.segment, box)) score += 100;
    for (const box of labelBoxes) if (crosses(p.segment, box)) score += 4;
    for (const other of ringPlaced) {
      if (other !== p) for (const box of other.labelArea) if (crosses(p.segment, box)) score += 4;
    }
    for (const box of p.labelArea) for (const line of lines) if (crosses(line, box)) score += 4;
  }
  return score;
}

/** A zig-zag along the straight line from (x1, y1) to (x2, y2): the "strained" line. */
export function zigzagPath(x1: number, y1: number, x2: number, y2: number, amplitude = 4.5, wavelength = 7): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return `M${round(x1)} ${round(y1)}`;
  const nx = -dy / length;
  const ny = dx / length;
  const segments = Math.max(4, Math.round(length / wavelength));
  const points = [`M${round(x1)} ${round(y1)}`];
  for (let j = 1; j < segments; j++) {
    const t = j / segments;
    const side = j % 2 === 1 ? amplitude : -amplitude;
    points.push(`L${round(x1 + dx * t + nx * side)} ${round(y1 + dy * t + ny * side)}`);
  }
  points.push(`L${round(x2)} ${round(y2)}`);
  return points.join(" ");
}

/** The path of a person's line, straight or jagged as the status asks. */
export function linePath(status: RelationshipStatus, x1: number, y1: number, x2: number, y2: number): string {
  if (LINE_STYLES[status].jagged) return zigzagPath(x1, y1, x2, y2);
  return `M${round(x1)} ${round(y1)} L${round(x2)} ${round(y2)}`;
}

/** An X centred on (x, y): the "do not contact" mark on a line. */
export function crossPath(x: number, y: number, size: number): string {
  const s = size;
  return `M${round(x - s)} ${round(y - s)} L${round(x + s)} ${round(y + s)} M${round(x - s)} ${round(y + s)} L${round(x + s)} ${round(y - s)}`;
}

/** A slash across a node of radius r: the "do not contact" mark on the person. */
export function slashPath(x: number, y: number, r: number): string {
  const d = r * Math.SQRT1_2;
  return `M${round(x - d)} ${round(y + d)} L${round(x + d)} ${round(y - d)}`;
}

/** A tick inside a badge of radius r: the consent mark. */
export function tickPath(x: number, y: number, r: number): string {
  return `M${round(x - r * 0.5)} ${round(y + r * 0.02)} L${round(x - r * 0.12)} ${round(y + r * 0.42)} L${round(x + r * 0.52)} ${round(y - r * 0.4)}`;
}

/** A five-pointed star of outer radius r: the first-call mark. */
export function starPath(x: number, y: number, r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${i === 0 ? "M" : "L"}${round(x + radius * Math.cos(a))} ${round(y + radius * Math.sin(a))}`);
  }
  return `${points.join(" ")} Z`;
}

interface Segment { x1: number; y1: number; x2: number; y2: number }

interface Placed {
  person: EcomapPerson;
  angle: number;
  distance: number;
  x: number;
  y: number;
  nodeRadius: number;
  label: Omit<EcomapNode["label"], "bounds" | "transform"> & { rotate: number; pivotY: number };
  nodeBox: Box;
  /** The whole label, for the view box. */
  labelBox: Box | null;
  /** What other labels, nodes and lines must keep clear of: the label box, or a chain of squares along a turned label. */
  labelArea: Box[];
  /** The straight line from the participant's circle to the node. */
  segment: Segment;
}

function badgeRadius(nodeRadius: number): number {
  return Math.max(6, nodeRadius * 0.65);
}

/** Half the size of the square that holds a node and its badges. */
function nodeReach(nodeRadius: number): number {
  return nodeRadius * 0.85 + badgeRadius(nodeRadius);
}

function placePerson(person: EcomapPerson, angle: number, distance: number, density: Density, centreRadius: number): Placed {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const x = ux * distance;
  const y = uy * distance;
  const nodeRadius = density.nodeRadius;
  const reach = nodeReach(nodeRadius);
  const name = wrapLabel(person.name, density.maxChars, density.maxLines);
  const relationshipFont = Math.round(density.fontSize * 0.85 * 10) / 10;
  const relationship = density.showRelationship ? wrapLabel(person.relationshipLabel, density.maxChars + 4, 1) : null;
  const rows: Array<{ text: string; fontSize: number; kind: EcomapLabelLine["kind"] }> = [
    ...name.lines.map((text) => ({ text, fontSize: density.fontSize, kind: "name" as const })),
    ...(relationship && relationship.lines[0] ? [{ text: relationship.lines[0], fontSize: relationshipFont, kind: "relationship" as const }] : []),
  ];
  const lineHeight = (fontSize: number) => fontSize * LINE_HEIGHT;
  const height = rows.reduce((sum, row) => sum + lineHeight(row.fontSize), 0);
  const width = Math.max(0, ...rows.map((row) => textWidth(row.text, row.fontSize, row.kind === "name")));
  const nodeBox = { x0: x - reach, y0: y - reach, x1: x + reach, y1: y + reach };
  const segment = { x1: ux * centreRadius, y1: uy * centreRadius, x2: x - ux * nodeRadius, y2: y - uy * nodeRadius };
  const shortened = name.shortened || (relationship?.shortened ?? false);

  if (density.radial) {
    // Along the spoke, reading outward on the right half and inward on the left so
    // no label is upside down.
    const start = distance + reach + LABEL_GAP;
    const labelX = ux * start;
    const pivotY = uy * start;
    const right = ux >= 0;
    const rotate = (angle * 180) / Math.PI + (right ? 0 : 180);
    const corners = [start, start + width].flatMap((d) => [-height / 2, height / 2].map((o) => [ux * d - uy * o, uy * d + ux * o] as const));
    const labelArea: Box[] = [];
    for (let d = start + height / 2; d < start + width + height / 2; d += height) {
      labelArea.push({ x0: ux * d - height / 2, y0: uy * d - height / 2, x1: ux * d + height / 2, y1: uy * d + height / 2 });
    }
    return {
      person, angle, distance, x, y, nodeRadius, nodeBox, segment,
      label: {
        x: labelX, anchor: right ? "start" : "end", rotate, pivotY, shortened,
        lines: rows.map((row) => ({ text: row.text, y: pivotY + row.fontSize * 0.35, fontSize: row.fontSize, kind: row.kind })),
      },
      labelBox: rows.length > 0
        ? { x0: Math.min(...corners.map((c) => c[0])), y0: Math.min(...corners.map((c) => c[1])), x1: Math.max(...corners.map((c) => c[0])), y1: Math.max(...corners.map((c) => c[1])) }
        : null,
      labelArea: rows.length > 0 ? labelArea : [],
    };
  }

  // Level labels point away from the centre, so a person's own line never runs through them.
  let anchor: LabelAnchor;
  let labelX: number;
  let top: number;
  if (ux > 0.42) {
    anchor = "start";
    labelX = x + reach + LABEL_GAP;
    top = y - height / 2;
  } else if (ux < -0.42) {
    anchor = "end";
    labelX = x - reach - LABEL_GAP;
    top = y - height / 2;
  } else {
    anchor = "middle";
    labelX = x;
    top = uy < 0 ? y - reach - LABEL_GAP - height : y + reach + LABEL_GAP;
  }
  const lines: EcomapLabelLine[] = [];
  let cursor = top;
  for (const row of rows) {
    const h = lineHeight(row.fontSize);
    // Baseline sits about 80% down the line box for system sans-serif fonts.
    lines.push({ text: row.text, y: cursor + h * 0.8, fontSize: row.fontSize, kind: row.kind });
    cursor += h;
  }
  const x0 = anchor === "start" ? labelX : anchor === "end" ? labelX - width : labelX - width / 2;
  const labelBox = rows.length > 0 ? { x0, y0: top, x1: x0 + width, y1: top + height } : null;
  return {
    person, angle, distance, x, y, nodeRadius, nodeBox, segment,
    label: { x: labelX, anchor, rotate: 0, pivotY: y, lines, shortened },
    labelBox,
    labelArea: labelBox ? [labelBox] : [],
  };
}

function centreOf(name: string): { radius: number; lines: Array<{ text: string; fontSize: number }> } {
  const wrapped = wrapLabel(name, 12, 3).lines;
  const width = Math.max(0, ...wrapped.map((line) => textWidth(line, CENTRE_FONT, true)));
  const height = wrapped.length * CENTRE_FONT * 1.2;
  const radius = Math.min(84, Math.max(46, Math.hypot(width / 2, height / 2) + 8));
  return { radius, lines: wrapped.map((text) => ({ text, fontSize: CENTRE_FONT })) };
}

function countsOf(people: EcomapPerson[]): EcomapCounts {
  const byRing = Object.fromEntries(CLOSENESS.map((c) => [c, 0])) as Record<Closeness, number>;
  const byStatus = Object.fromEntries(RELATIONSHIP_STATUSES.map((s) => [s, 0])) as Record<RelationshipStatus, number>;
  for (const p of people) {
    byRing[p.closeness] += 1;
    byStatus[p.status] += 1;
  }
  const firstCallNames = people.filter((p) => p.firstCall).map((p) => p.name);
  return {
    total: people.length, byRing, byStatus,
    withConsent: people.filter((p) => p.hasConsent).length,
    firstCall: firstCallNames.length, firstCallNames,
  };
}

export function layoutEcomap(input: EcomapInput, options: EcomapLayoutOptions = {}): EcomapLayout {
  const people = [...input.people].sort((a, b) => CLOSENESS.indexOf(a.closeness) - CLOSENESS.indexOf(b.closeness) || comparePeople(a, b));
  const centre = centreOf(input.participantName);

  // The same slice at the top of every ring is kept free for the rings' names. Lines
  // run straight out from the centre, so no line ever crosses a ring's name.
  const ringNameWidth = Math.max(
    textWidth("Services", RING_NAME_FONT),
    ...CLOSENESS.map((c) => textWidth(options.ringNames?.[c] ?? "", RING_NAME_FONT)),
  );
  const firstRadius = Math.max(MIN_FIRST_RADIUS, centre.radius + MIN_RING_GAP);
  const keepClear = Math.asin(Math.min(1, (ringNameWidth / 2 + 16) / firstRadius));
  const arcStart = -Math.PI / 2 + keepClear;
  const arc = 2 * Math.PI - 2 * keepClear;

  const centreBox: Box = { x0: -centre.radius, y0: -centre.radius, x1: centre.radius, y1: centre.radius };
  const nodeBoxes: Box[] = [];
  const labelBoxes: Box[] = [];
  const labelBounds: Box[] = [];
  const lines: Segment[] = [];
  const rings: EcomapRing[] = [];
  const placed: Placed[] = [];
  let previousOuter = centre.radius;

  for (const closeness of CLOSENESS) {
    const members = people.filter((p) => p.closeness === closeness);
    const density = densityFor(members.length);
    const band = members.length > 1 ? density.band : 0;
    const nameWidth = textWidth(options.ringNames?.[closeness] ?? "Services", RING_NAME_FONT);
    const nameBox = (radius: number): Box => ({ x0: -nameWidth / 2, y0: -radius - RING_NAME_FONT * 0.7, x1: nameWidth / 2, y1: -radius + RING_NAME_FONT * 0.7 });
    const step = members.length > 0 ? arc / members.length : 0;
    const place = (radius: number, phase: number, nudges: number[] = []) => members.map((person, i) => {
      const distance = radius + (i % 2 === 0 ? band : -band);
      return placePerson(person, arcStart + (i + phase + (nudges[i] ?? 0)) * step, distance, density, centre.radius);
    });
    // Try the ring at its smallest radius with a few rotations, growing it until some
    // rotation keeps every node and label clear of the rest. Then look a little
    // further out too: a slightly larger ring whose lines miss everyone else's nodes
    // beats a tighter one with a line through somebody.
    let radius = Math.max(closeness === "inner" ? firstRadius : 0, previousOuter + MIN_RING_GAP + band);
    if (density.radial) {
      // Turned labels on one ring stay apart when, where they start, neighbours are at
      // least a line's height (and a little) apart.
      radius = Math.max(radius, (density.fontSize * LINE_HEIGHT * 1.15) / (2 * Math.sin(step / 2)) - nodeReach(density.nodeRadius) - LABEL_GAP);
    }
    const drawn = [centreBox, ...nodeBoxes, ...labelBoxes];
    let best: { ringPlaced: Placed[]; radius: number; phase: number; cost: number } | null = null;
    let firstFit: number | null = null;
    for (let grow = 0; grow <= MAX_GROWTH_STEPS; grow++) {
      if (firstFit !== null && radius > firstFit + LOOK_FURTHER) break;
      for (let j = 0; j < PHASE_TRIES; j++) {
        const phase = (RING_PHASE[closeness] + j / PHASE_TRIES) % 1;
        const ringPlaced = place(radius, phase);
        if (grow < MAX_GROWTH_STEPS && !ringFits(ringPlaced, nameBox(radius), drawn, density.radial)) continue;
        firstFit ??= radius;
        const cost = crossingScore(ringPlaced, nodeBoxes, labelBoxes, lines) + (radius - firstFit) * GROWTH_COST;
        if (!best || cost < best.cost) best = { ringPlaced, radius, phase, cost };
        if (cost === 0 || members.length === 0) break;
      }
      if (best?.cost === 0) break;
      radius += RADIUS_STEP;
    }
    const { phase } = best!;
    radius = best!.radius;
    let chosen = best!.ringPlaced;
    // A line that still runs through someone else's node is turned a little, as
    // long as everything on the ring still fits.
    const nudges = members.map(() => 0);
    for (let i = 0; i < chosen.length; i++) {
      if (!nodeBoxes.some((box) => passesNode(chosen[i]!.segment, box))) continue;
      for (const nudge of NUDGES) {
        const tried = [...nudges];
        tried[i] = nudge;
        const ringPlaced = place(radius, phase, tried);
        if (nodeBoxes.some((box) => passesNode(ringPlaced[i]!.segment, box))) continue;
        if (!ringFits(ringPlaced, nameBox(radius), drawn, density.radial)) continue;
        nudges[i] = nudge;
        chosen = ringPlaced;
        break;
      }
    }
    labelBoxes.push(nameBox(radius));
    for (const p of chosen) {
      nodeBoxes.push(p.nodeBox);
      labelBoxes.push(...p.labelArea);
      if (p.labelBox) labelBounds.push(p.labelBox);
      lines.push(p.segment);
    }
    placed.push(...chosen);
    rings.push({
      closeness, radius: round(radius), band, count: members.length,
      nameX: 0, nameY: round(-radius + RING_NAME_FONT * 0.35), nameFontSize: RING_NAME_FONT,
    });
    previousOuter = radius + band;
  }

  const nodes: EcomapNode[] = placed.map((p) => nodeOf(p, centre.radius));

  let x0 = -previousOuter - 4;
  let y0 = -previousOuter - 4;
  let x1 = previousOuter + 4;
  let y1 = previousOuter + 4;
  for (const box of [centreBox, ...nodeBoxes, ...labelBoxes, ...labelBounds]) {
    x0 = Math.min(x0, box.x0);
    y0 = Math.min(y0, box.y0);
    x1 = Math.max(x1, box.x1);
    y1 = Math.max(y1, box.y1);
  }
  x0 = Math.floor(x0 - MARGIN);
  y0 = Math.floor(y0 - MARGIN);
  x1 = Math.ceil(x1 + MARGIN);
  y1 = Math.ceil(y1 + MARGIN);

  const centreHeight = centre.lines.length * CENTRE_FONT * 1.2;
  return {
    viewBox: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    centre: {
      x: 0, y: 0, radius: round(centre.radius), name: input.participantName,
      lines: centre.lines.map((line, i) => ({
        text: line.text, fontSize: line.fontSize, kind: "name" as const,
        y: round(-centreHeight / 2 + (i + 0.8) * CENTRE_FONT * 1.2),
      })),
    },
    rings,
    people: nodes,
    counts: countsOf(people),
  };
}

function nodeOf(p: Placed, centreRadius: number): EcomapNode {
  const ux = Math.cos(p.angle);
  const uy = Math.sin(p.angle);
  const startX = ux * centreRadius;
  const startY = uy * centreRadius;
  const endX = p.x - ux * p.nodeRadius;
  const endY = p.y - uy * p.nodeRadius;
  const style = LINE_STYLES[p.person.status];
  const offset = p.nodeRadius * 0.85;
  const r = badgeRadius(p.nodeRadius);
  return {
    id: p.person.id,
    name: p.person.name,
    relationshipLabel: p.person.relationshipLabel,
    closeness: p.person.closeness,
    status: p.person.status,
    hasConsent: p.person.hasConsent,
    firstCall: p.person.firstCall,
    angle: round((p.angle * 180) / Math.PI),
    distance: round(p.distance),
    x: round(p.x),
    y: round(p.y),
    nodeRadius: p.nodeRadius,
    label: {
      x: round(p.label.x), anchor: p.label.anchor, shortened: p.label.shortened,
      transform: p.label.rotate === 0 ? null : `rotate(${round(p.label.rotate)} ${round(p.label.x)} ${round(p.label.pivotY)})`,
      lines: p.label.lines.map((line) => ({ ...line, y: round(line.y) })),
      bounds: p.labelBox ? { x0: round(p.labelBox.x0), y0: round(p.labelBox.y0), x1: round(p.labelBox.x1), y1: round(p.labelBox.y1) } : null,
    },
    line: { d: linePath(p.person.status, startX, startY, endX, endY), style },
    noContactMarks: style.noContact
      ? { line: crossPath((startX + endX) / 2, (startY + endY) / 2, 7), node: slashPath(p.x, p.y, p.nodeRadius) }
      : null,
    consentBadge: p.person.hasConsent
      ? { x: round(p.x + offset), y: round(p.y - offset), r, d: tickPath(p.x + offset, p.y - offset, r) }
      : null,
    firstCallBadge: p.person.firstCall
      ? { x: round(p.x - offset), y: round(p.y - offset), r, d: starPath(p.x - offset, p.y - offset, r * 1.45) }
      : null,
  };
}

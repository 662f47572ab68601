import { describe, expect, it } from "vitest";
import { layoutEcomap, wrapLabel, LINE_STYLES, type EcomapLayout, type EcomapNode } from "./ecomap-layout.ts";
import type { EcomapInput, EcomapPerson } from "./ecomap-model.ts";
import { CLOSENESS, RELATIONSHIP_STATUSES } from "./vocabulary.ts";

const NAMES = [
  "Rosa Delgado", "Marcus", "Aunt Bernadette Washington-Ellis", "Pastor Jim", "Officer Li", "Dee", "Kim Nguyen",
  "Grandma Lou", "Tomás", "Jerome Baptiste", "Sam", "Priya Raman", "Coach Ray", "Ms. Alvarez", "Big Mike", "Tasha",
  "Uncle Ed", "Nia", "Father O'Brien", "Keisha Brown", "Luis", "Danny from AA", "Mrs. Okafor", "Leo", "Hannah Schmidt-Vogel",
];

function person(i: number, overrides: Partial<EcomapPerson> = {}): EcomapPerson {
  return {
    id: `person-${String(i).padStart(3, "0")}`,
    name: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ""),
    relationshipKind: "friend",
    relationshipLabel: ["Sister", "Friend", "Aunt", "Church member", "Probation officer"][i % 5]!,
    closeness: CLOSENESS[(i * 7) % 4]!,
    status: RELATIONSHIP_STATUSES[(i * 3) % 5]!,
    hasConsent: i % 3 === 0,
    firstCall: i === 1,
    ...overrides,
  };
}

function network(count: number, overrides: (i: number) => Partial<EcomapPerson> = () => ({})): EcomapInput {
  return { participantName: "Jordan Ellis", people: Array.from({ length: count }, (_, i) => person(i, overrides(i))) };
}

/** A fixed permutation (no Math.random, so a failure always reproduces). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (typeof value === "string") return (value.match(/-?\d+(\.\d+)?|NaN|Infinity/g) ?? []).map(Number);
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

function expectAllFinite(layout: EcomapLayout) {
  const numbers = numbersIn(layout);
  expect(numbers.length).toBeGreaterThan(0);
  expect(numbers.filter((n) => !Number.isFinite(n))).toEqual([]);
}

function ringOf(layout: EcomapLayout, node: EcomapNode) {
  return layout.rings.find((r) => r.closeness === node.closeness)!;
}

function boxesOverlap(a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function expectNoLabelOverlap(layout: EcomapLayout) {
  const boxes = layout.people.map((p) => p.label.bounds!);
  const nodes = layout.people.map((p) => ({ x0: p.x - p.nodeRadius, y0: p.y - p.nodeRadius, x1: p.x + p.nodeRadius, y1: p.y + p.nodeRadius }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = 0; j < boxes.length; j++) {
      if (i < j) expect(boxesOverlap(boxes[i]!, boxes[j]!), `labels of ${layout.people[i]!.name} and ${layout.people[j]!.name}`).toBe(false);
      expect(boxesOverlap(boxes[i]!, nodes[j]!), `label of ${layout.people[i]!.name} and node of ${layout.people[j]!.name}`).toBe(false);
    }
  }
}

function pathPoints(d: string): Array<[number, number]> {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe("layoutEcomap", () => {
  it("draws the same picture whatever order the people come in", () => {
    const input = network(25);
    const expected = layoutEcomap(input);
    for (const seed of [1, 7, 42, 1234]) {
      expect(layoutEcomap({ ...input, people: shuffled(input.people, seed) })).toEqual(expected);
    }
    expect(layoutEcomap({ ...input, people: [...input.people].reverse() })).toEqual(expected);
  });

  it("orders people ring by ring from the centre out, then by name, then by id", () => {
    const input = network(12, (i) => (i < 2 ? { name: "Sam", closeness: "friends" } : {}));
    const people = layoutEcomap(input).people;
    const rings = people.map((p) => CLOSENESS.indexOf(p.closeness));
    expect(rings).toEqual([...rings].sort((a, b) => a - b));
    const sams = people.filter((p) => p.name === "Sam" && p.closeness === "friends");
    expect(sams.map((p) => p.id)).toEqual(["person-000", "person-001"]);
  });

  it("places each person on their ring's radius, rings growing outward", () => {
    for (const count of [1, 5, 25]) {
      const layout = layoutEcomap(network(count));
      for (const node of layout.people) {
        const ring = ringOf(layout, node);
        expect(ring.band).toBe(0);
        expect(Math.hypot(node.x, node.y)).toBeCloseTo(ring.radius, 0);
      }
      const radii = layout.rings.map((r) => r.radius);
      expect(radii).toEqual([...radii].sort((a, b) => a - b));
      expect(new Set(radii).size).toBe(4);
      expect(layout.rings[0]!.radius).toBeGreaterThan(layout.centre.radius);
    }
  });

  it("draws a jagged line for a strained relationship and straight lines otherwise", () => {
    const layout = layoutEcomap(network(10, (i) => ({ status: RELATIONSHIP_STATUSES[i % 5]! })));
    for (const node of layout.people) {
      const points = pathPoints(node.line.d);
      const [sx, sy] = points[0]!;
      const [ex, ey] = points[points.length - 1]!;
      const length = Math.hypot(ex - sx, ey - sy);
      // Distance of each point from the straight line between the ends.
      const offsets = points.map(([x, y]) => Math.abs((ex - sx) * (sy - y) - (sx - x) * (ey - sy)) / length);
      if (node.status === "strained") {
        expect(points.length).toBeGreaterThan(4);
        expect(Math.max(...offsets)).toBeGreaterThan(3);
        expect(node.line.style.dashArray).toBeNull();
      } else {
        expect(points).toHaveLength(2);
      }
    }
  });

  it("runs each line from the edge of the participant's circle to the edge of the person's node", () => {
    const layout = layoutEcomap(network(8));
    for (const node of layout.people) {
      const points = pathPoints(node.line.d);
      const [sx, sy] = points[0]!;
      const [ex, ey] = points[points.length - 1]!;
      expect(Math.hypot(sx, sy)).toBeCloseTo(layout.centre.radius, 0);
      expect(Math.hypot(ex - node.x, ey - node.y)).toBeCloseTo(node.nodeRadius, 0);
    }
  });

  it("gives each status its own line pattern, and marks do-not-contact on the line and the node", () => {
    const patterns = RELATIONSHIP_STATUSES.map((s) => `${LINE_STYLES[s].dashArray}|${LINE_STYLES[s].jagged}|${LINE_STYLES[s].noContact}`);
    expect(new Set(patterns).size).toBe(RELATIONSHIP_STATUSES.length);
    expect(LINE_STYLES.supportive.dashArray).toBeNull();
    expect(LINE_STYLES.lost_touch.dashArray).not.toBeNull();
    expect(LINE_STYLES.wants_to_reconnect.lineCap).toBe("round");

    const layout = layoutEcomap(network(5, (i) => ({ status: RELATIONSHIP_STATUSES[i]! })));
    for (const node of layout.people) {
      if (node.status === "do_not_contact") {
        expect(node.noContactMarks?.line).toMatch(/^M.+L.+M.+L/);
        expect(node.noContactMarks?.node).toMatch(/^M.+L/);
      } else {
        expect(node.noContactMarks).toBeNull();
      }
    }
  });

  it("puts a consent badge and a first-call star only on the people who hold them", () => {
    const layout = layoutEcomap(network(6, (i) => ({ hasConsent: i === 2, firstCall: i === 4 })));
    for (const node of layout.people) {
      expect(node.consentBadge !== null).toBe(node.id === "person-002");
      expect(node.firstCallBadge !== null).toBe(node.id === "person-004");
    }
    expect(layout.counts).toMatchObject({ total: 6, withConsent: 1, firstCall: 1, firstCallNames: [NAMES[4]] });
  });

  it("draws an empty network: the participant and four rings, nothing else", () => {
    const layout = layoutEcomap({ participantName: "Jordan", people: [] });
    expect(layout.people).toEqual([]);
    expect(layout.rings.map((r) => r.closeness)).toEqual([...CLOSENESS]);
    expect(layout.rings.every((r) => r.count === 0)).toBe(true);
    expect(layout.counts.total).toBe(0);
    expect(layout.viewBox.width).toBeGreaterThan(2 * layout.rings[3]!.radius);
    expectAllFinite(layout);
  });

  it("draws a single person", () => {
    const layout = layoutEcomap({ participantName: "Jordan", people: [person(0, { closeness: "inner" })] });
    expect(layout.people).toHaveLength(1);
    const node = layout.people[0]!;
    expect(Math.hypot(node.x, node.y)).toBeCloseTo(layout.rings[0]!.radius, 0);
    expectAllFinite(layout);
  });

  it("spreads a ring evenly and turns adjacent rings so their people do not line up", () => {
    const layout = layoutEcomap(network(4, (i) => ({ closeness: CLOSENESS[i]! })));
    const angles = layout.people.map((p) => p.angle);
    for (let i = 1; i < angles.length; i++) expect(Math.abs(angles[i]! - angles[i - 1]!)).toBeGreaterThan(10);

    const ring = layoutEcomap(network(6, () => ({ closeness: "friends" }))).people.map((p) => p.angle);
    const steps = ring.slice(1).map((a, i) => a - ring[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 0);
  });

  it("keeps the top of every ring clear for the ring's name", () => {
    const layout = layoutEcomap(network(25));
    for (const node of layout.people) {
      const fromTop = Math.abs(((node.angle + 90 + 540) % 360) - 180);
      expect(fromTop).toBeGreaterThan(15);
    }
  });

  it("puts a crowded ring on two sub-radii so neighbours' labels sit at different heights", () => {
    const layout = layoutEcomap(network(12, () => ({ closeness: "friends" })));
    const ring = layout.rings.find((r) => r.closeness === "friends")!;
    expect(ring.band).toBeGreaterThan(0);
    const distances = layout.people.map((p) => Math.round(Math.hypot(p.x, p.y)));
    expect(new Set(distances)).toEqual(new Set([Math.round(ring.radius - ring.band), Math.round(ring.radius + ring.band)]));
    for (let i = 1; i < distances.length; i++) expect(distances[i]).not.toBe(distances[i - 1]);
    expectNoLabelOverlap(layout);
  });

  it("fits 40 people on one ring: smaller nodes, one-line labels along the spokes, kept apart", () => {
    const input = network(40, () => ({ closeness: "friends" }));
    const layout = layoutEcomap(input);
    expectAllFinite(layout);
    expect(layout.people).toHaveLength(40);
    const ring = layout.rings.find((r) => r.closeness === "friends")!;
    const roomy = layoutEcomap(network(3)).people[0]!;
    for (const node of layout.people) {
      expect(Math.hypot(node.x, node.y)).toBeCloseTo(ring.radius, 0);
      expect(node.nodeRadius).toBeLessThan(roomy.nodeRadius);
      expect(node.label.lines).toHaveLength(1);
      expect(node.label.lines[0]!.fontSize).toBeLessThan(roomy.label.lines[0]!.fontSize);
      expect(node.label.transform).toMatch(/^rotate\(/);
      // Reads left to right: never turned past upright.
      const turn = Number(node.label.transform!.match(/rotate\((-?[\d.]+)/)![1]);
      expect(Math.cos((turn * Math.PI) / 180)).toBeGreaterThanOrEqual(-1e-9);
    }
    // Neighbours on the ring are at least a line's height apart where their labels start.
    const labelStart = ring.radius + layout.people[0]!.nodeRadius;
    const lineHeight = layout.people[0]!.label.lines[0]!.fontSize * 1.2;
    for (let i = 1; i < layout.people.length; i++) {
      const gap = ((layout.people[i]!.angle - layout.people[i - 1]!.angle) * Math.PI) / 180;
      expect(labelStart * gap).toBeGreaterThanOrEqual(lineHeight);
    }
    // Rings outside the crowded one move out of the way of its labels.
    const furthest = Math.max(...layout.people.flatMap((p) => [p.label.bounds!.x1, -p.label.bounds!.x0, p.label.bounds!.y1]));
    expect(layout.rings[2]!.radius).toBeGreaterThan(ring.radius + 40);
    expect(layout.viewBox.x + layout.viewBox.width).toBeGreaterThanOrEqual(furthest);
    expect(layoutEcomap({ ...input, people: shuffled(input.people, 9) })).toEqual(layout);
  });

  it("keeps labels apart and inside the picture for a typical large network", () => {
    const layout = layoutEcomap(network(25));
    expectNoLabelOverlap(layout);
    for (const box of layout.people.map((p) => p.label.bounds!)) {
      expect(box.x0).toBeGreaterThanOrEqual(layout.viewBox.x);
      expect(box.y0).toBeGreaterThanOrEqual(layout.viewBox.y);
      expect(box.x1).toBeLessThanOrEqual(layout.viewBox.x + layout.viewBox.width);
      expect(box.y1).toBeLessThanOrEqual(layout.viewBox.y + layout.viewBox.height);
    }
  });

  it("shortens long names on the drawing but keeps the full name", () => {
    const long = "Maria de los Angeles Fernandez-Castillo";
    const layout = layoutEcomap({ participantName: "Jordan", people: [person(0, { name: long })] });
    const node = layout.people[0]!;
    expect(node.name).toBe(long);
    expect(node.label.shortened).toBe(true);
    const nameLines = node.label.lines.filter((l) => l.kind === "name").map((l) => l.text);
    expect(nameLines.length).toBeLessThanOrEqual(2);
    expect(nameLines.at(-1)).toMatch(/…$/);
  });

  it("copes with blank names, a long participant name and long ring names", () => {
    const layout = layoutEcomap(
      { participantName: "Maria Guadalupe Fernandez de la Cruz", people: [person(0, { name: " ", relationshipLabel: "" }), person(1)] },
      { ringNames: { inner: "Círculo más cercano de confianza", services: "Servicios" } },
    );
    expectAllFinite(layout);
    expect(layout.centre.lines.length).toBeLessThanOrEqual(3);
    expect(layout.people.find((p) => p.id === "person-000")!.label).toMatchObject({ lines: [], bounds: null });
  });

  it("wraps at word boundaries, breaks words that are too long, and cuts with an ellipsis", () => {
    expect(wrapLabel("Rosa Delgado", 16, 2)).toEqual({ lines: ["Rosa Delgado"], shortened: false });
    expect(wrapLabel("Aunt Bernadette Washington-Ellis", 16, 2)).toEqual({ lines: ["Aunt Bernadette", "Washington-Ellis"], shortened: false });
    expect(wrapLabel("Aunt Bernadette Washington-Ellis", 12, 1)).toEqual({ lines: ["Aunt Bernad…"], shortened: true });
    expect(wrapLabel("Supercalifragilistic", 8, 3)).toEqual({ lines: ["Supercal", "ifragili", "stic"], shortened: false });
    expect(wrapLabel("  ", 8, 2)).toEqual({ lines: [], shortened: false });
  });
});

import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EcomapInput, EcomapPerson } from "../../src/domain/network/ecomap-model.ts";
import { LINE_STYLES, type EcomapCounts } from "../../src/domain/network/ecomap-layout.ts";
import { RELATIONSHIP_STATUSES } from "../../src/domain/network/vocabulary.ts";
import { Ecomap, type EcomapLabels } from "./ecomap.tsx";

// Test words only: the pages pass their own translated strings.
const labels: EcomapLabels = {
  title: "Support network of Jordan",
  summary: (c: EcomapCounts) => `${c.total} people; ${c.withConsent} with consent; first call: ${c.firstCallNames.join(", ") || "nobody"}.`,
  rings: { inner: "Inner circle", friends: "Friends", community: "Community", services: "Services" },
  statuses: { supportive: "Supportive", lost_touch: "Lost touch", strained: "Strained", wants_to_reconnect: "Wants to reconnect", do_not_contact: "Do not contact" },
  legendHeading: "How to read the map",
  legendRings: "Rings, from the middle out",
  legendLines: "Lines",
  legendMarks: "Marks",
  consentMark: "Has consent to share",
  firstCallMark: "First person to call",
  noContactMark: "Do not contact",
  tableCaption: "Everyone on the map",
  scroll: "Map of the network",
  columns: { name: "Name", relationship: "Relationship", ring: "Ring", status: "Status", consent: "Consent", firstCall: "First call" },
  yes: "Yes",
  no: "No",
  empty: "Nobody is on the network yet.",
};

const people: EcomapPerson[] = [
  { id: "a", name: "Rosa Delgado", relationshipKind: "relative", relationshipLabel: "Sister", closeness: "inner", status: "supportive", hasConsent: true, firstCall: true },
  { id: "b", name: "Marcus", relationshipKind: "friend", relationshipLabel: "Friend", closeness: "friends", status: "lost_touch", hasConsent: false, firstCall: false },
  { id: "c", name: "Officer Li", relationshipKind: "probation_officer", relationshipLabel: "Probation officer", closeness: "services", status: "strained", hasConsent: false, firstCall: false },
  { id: "d", name: "Aunt Bernadette Washington-Ellis", relationshipKind: "relative", relationshipLabel: "Aunt", closeness: "community", status: "wants_to_reconnect", hasConsent: true, firstCall: false },
  { id: "e", name: "Dee", relationshipKind: "neighbour", relationshipLabel: "Neighbour", closeness: "community", status: "do_not_contact", hasConsent: false, firstCall: false },
];
const input: EcomapInput = { participantName: "Jordan Ellis", people };

function render(network: EcomapInput = input) {
  return renderToString(<Ecomap input={network} labels={labels} />);
}

function svgOf(html: string) {
  return html.match(/<svg class="ecomap__drawing"[\s\S]*?<\/svg>/)![0];
}

function linesOf(html: string) {
  return [...svgOf(html).matchAll(/<path class="ecomap__line[^"]*"[^>]*>/g)].map((m) => m[0]);
}

function attr(tag: string, name: string) {
  return tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? null;
}

function tableRows(html: string) {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<!-- -->/g, "")));
}

describe("<Ecomap>", () => {
  it("draws one line per person, styled by the relationship's status", () => {
    const lines = linesOf(render());
    expect(lines).toHaveLength(people.length);
    const byPerson = new Map(lines.map((tag) => [attr(tag, "data-person-id"), tag]));
    for (const person of people) {
      const tag = byPerson.get(person.id)!;
      expect(attr(tag, "data-status")).toBe(person.status);
      expect(attr(tag, "stroke-dasharray")).toBe(LINE_STYLES[person.status].dashArray);
      const points = attr(tag, "d")!.match(/[ML]/g)!.length;
      expect(points > 2).toBe(person.status === "strained");
    }
    expect(attr(byPerson.get("a")!, "stroke-dasharray")).toBeNull();
    expect(attr(byPerson.get("b")!, "stroke-dasharray")).toBe("12 7");
    expect(attr(byPerson.get("d")!, "stroke-linecap")).toBe("round");
  });

  it("marks consent, first call and do-not-contact on the drawing", () => {
    const svg = svgOf(render());
    expect(svg.match(/data-mark="consent"/g)).toHaveLength(2);
    expect(svg.match(/data-mark="first-call"/g)).toHaveLength(1);
    const dee = svg.match(/<g class="ecomap__person" data-person-id="e">[\s\S]*?<\/g>/)![0];
    expect(dee).toContain("ecomap__mark-line");
    const rosa = svg.match(/<g class="ecomap__person" data-person-id="a">[\s\S]*?<\/text><\/g>/)![0];
    expect(rosa).toContain('data-mark="consent"');
    expect(rosa).toContain('data-mark="first-call"');
  });

  it("is an image named by its title and described by a summary of the counts", () => {
    const html = render();
    const svgTag = html.match(/<svg class="ecomap__drawing"[^>]*>/)![0];
    expect(attr(svgTag, "role")).toBe("img");
    expect(attr(svgTag, "viewBox")).toMatch(/^-?\d+ -?\d+ \d+ \d+$/);
    const titleId = attr(svgTag, "aria-labelledby")!;
    const descId = attr(svgTag, "aria-describedby")!;
    expect(html).toContain(`<title id="${titleId}">Support network of Jordan</title>`);
    expect(html).toContain(`<desc id="${descId}">5 people; 2 with consent; first call: Rosa Delgado.</desc>`);
  });

  it("is drawn wide enough that no label is smaller than 12 px on screen (issue 14 §2)", () => {
    const html = render();
    const svgTag = html.match(/<svg class="ecomap__drawing"[^>]*>/)![0];
    const scale = Number(attr(svgTag, "width")) / Number(attr(svgTag, "viewBox")!.split(" ")[2]);
    const fonts = [...html.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(fonts.length).toBeGreaterThan(5);
    expect(Math.min(...fonts) * scale).toBeGreaterThanOrEqual(12);
    expect(Math.min(...fonts) * scale).toBeLessThan(12.5);
  });

  it("explains every line style and mark in a legend", () => {
    const html = render();
    const legend = html.match(/<section class="ecomap-legend"[\s\S]*?<\/section>/)![0];
    for (const status of RELATIONSHIP_STATUSES) {
      expect(legend).toContain(`data-status="${status}"`);
      expect(legend).toContain(labels.statuses[status]);
    }
    for (const text of [labels.consentMark, labels.firstCallMark, labels.noContactMark, ...Object.values(labels.rings)]) expect(legend).toContain(text);
    expect(legend).toMatch(/<h3 [^>]*>How to read the map<\/h3>/);
  });

  it("lists every person in a table: name, relationship, ring, status, consent, first call", () => {
    const html = render();
    expect(html).toContain("<caption>Everyone on the map</caption>");
    const rows = tableRows(html);
    expect(rows).toHaveLength(people.length);
    expect(rows).toContainEqual(["Rosa Delgado", "Sister", "Inner circle", "Supportive", "Yes", "Yes"]);
    expect(rows).toContainEqual(["Aunt Bernadette Washington-Ellis", "Aunt", "Community", "Wants to reconnect", "Yes", "No"]);
    expect(rows).toContainEqual(["Dee", "Neighbour", "Community", "Do not contact", "No", "No"]);
    expect(rows.map((r) => r[0])).toEqual(["Rosa Delgado", "Marcus", "Aunt Bernadette Washington-Ellis", "Dee", "Officer Li"]);
  });

  it("renders the same markup whatever order the people come in", () => {
    const expected = render();
    expect(render({ ...input, people: [...people].reverse() })).toBe(expected);
    expect(render({ ...input, people: [people[2]!, people[4]!, people[0]!, people[3]!, people[1]!] })).toBe(expected);
  });

  it("draws an empty network and says nobody is on it", () => {
    const html = render({ participantName: "Jordan", people: [] });
    expect(linesOf(html)).toHaveLength(0);
    expect(html).not.toContain("<table");
    expect(html).toContain("Nobody is on the network yet.");
    expect(html).toContain("<desc");
  });

  it("holds no words of its own", () => {
    const strip = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/<!-- -->/g, "");
    const words = new Set(strip(render()).split(/\s+/).filter((w) => /\p{L}/u.test(w)));
    const known = new Set(
      [...Object.values(labels).flatMap((v) => (typeof v === "string" ? [v] : typeof v === "object" ? Object.values(v) : [])),
        labels.summary({ total: 5, withConsent: 2, firstCallNames: ["Rosa Delgado"] } as EcomapCounts),
        input.participantName, ...people.flatMap((p) => [p.name, p.relationshipLabel])]
        .join(" ").split(/\s+/),
    );
    // Shortened names on the drawing end in an ellipsis; their full form is in the table.
    expect([...words].filter((w) => !known.has(w) && !w.endsWith("…"))).toEqual([]);
  });
});

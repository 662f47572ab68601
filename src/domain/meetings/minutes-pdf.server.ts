import PDFDocument from "pdfkit";
import { formatDateTime } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/index.ts";
import { toWinAnsi } from "../consent/consent-pdf.server.ts";
import type { MeetingMinutes, MinutesLine } from "./minutes.ts";

export interface MinutesSection {
  heading: string;
  items: string[];
}

/** A meeting's minutes as words for one reader's PDF: the same content as the minutes page. */
export interface MinutesDocument {
  programName: string;
  programPhone: string | null;
  title: string;
  /** "Copy for …" on a support person's copy; null on the record's own copy. */
  copyFor: string | null;
  facts: { label: string; value: string }[];
  sections: MinutesSection[];
  /** Why there is nothing, or that something was left out of this copy. */
  notes: string[];
  /** The 42 CFR Part 2 notice, when a piece in the copy is substance use information. */
  part2: { heading: string; text: string } | null;
}

export interface MinutesPdfInput {
  program: { name: string; phone: string | null };
  title: string;
  participantName: string;
  copyFor: string | null;
  /** Null: not held yet, or this reader's consent does not cover the meeting. */
  minutes: MeetingMinutes | null;
  held: boolean;
}

/** Turns minutes (already cut down by the consent check in minutes.ts) into words. Pure. */
export function buildMinutesDocument(input: MinutesPdfInput, t: Translate): MinutesDocument {
  const { minutes, participantName: name } = input;
  const doc: MinutesDocument = {
    programName: input.program.name, programPhone: input.program.phone,
    title: t("meetings.minutes.title", { title: input.title }),
    copyFor: input.copyFor ? t("meetings.minutes.copyFor", { name: input.copyFor }) : null,
    facts: [], sections: [], notes: [], part2: null,
  };
  if (!minutes) {
    doc.notes.push(input.held ? t("meetings.minutes.notShown") : t("meetings.minutes.notHeld"));
    return doc;
  }
  const line = (l: MinutesLine) => `${l.text}${l.whenText ? ` — ${l.whenText}` : ""} (${l.by ?? name})`;
  const section = (heading: string, items: string[]) => ({ heading, items: items.length ? items : [t("common.none")] });
  doc.facts = [
    { label: t("meetings.field.when"), value: formatDateTime(minutes.scheduledAt, t.locale, { dateStyle: "full", timeStyle: "short" }) },
    { label: t("meetings.field.place"), value: minutes.place },
    { label: t("meetings.minutes.came"), value: [name, ...minutes.came].join(", ") },
  ];
  doc.sections = [
    section(t("meetings.minutes.strengths"), minutes.strengths.map(line)),
    section(t("meetings.minutes.concerns"), minutes.concerns.map((c) =>
      `${t(`concern.type.${c.type}`)}: ${c.text}${c.plan ? ` — ${t("meetings.minutes.plan")} ${c.plan}` : ""}`)),
    section(t("meetings.minutes.ideas"), minutes.ideas.map(line)),
    section(t("meetings.minutes.commitments"), minutes.commitments.map(line)),
    section(t("meetings.minutes.nextSteps"), minutes.nextSteps.map(line)),
  ];
  if (minutes.leftOut) doc.notes.push(t("meetings.minutes.leftOut"));
  if (minutes.part2Notice) doc.part2 = { heading: t("consentForm.part2.heading"), text: t("consent.part2Notice") };
  return doc;
}

/**
 * Draws the minutes as a PDF (pdfkit, built-in Helvetica, as the take-home copy;
 * decision 0006), the program's logo and name at the top. Uncompressed, so the
 * words stay searchable and checkable.
 */
export function renderMinutesPdf(original: MinutesDocument, logo: string | null): Promise<Buffer> {
  const m = drawable(original);
  const doc = new PDFDocument({
    size: "LETTER", margins: { top: 54, bottom: 54, left: 60, right: 60 },
    info: { Title: m.title, Author: m.programName }, lang: "en-US", displayTitle: true, compress: false,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const room = (needed: number) => { if (doc.y > doc.page.height - doc.page.margins.bottom - needed) doc.addPage(); };

  if (logo) {
    // Only PNG and JPEG are accepted as a logo (program/model.ts), both of which pdfkit draws.
    doc.image(Buffer.from(logo.slice(logo.indexOf(",") + 1), "base64"), left, doc.y, { fit: [160, 48] });
    doc.y += 54;
  }
  doc.font("Helvetica").fontSize(11).fillColor("#444444")
    .text(m.programPhone ? `${m.programName} · ${m.programPhone}` : m.programName, left, doc.y, { width });
  doc.fillColor("#000000").moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(22).text(m.title, left, doc.y, { width });
  if (m.copyFor) doc.font("Helvetica").fontSize(13).text(m.copyFor, left, doc.y, { width });
  doc.moveDown(0.5);
  for (const fact of m.facts) {
    doc.font("Helvetica-Bold").fontSize(12).text(`${fact.label}: `, left, doc.y, { width, continued: true });
    doc.font("Helvetica").text(fact.value);
  }
  for (const section of m.sections) {
    doc.moveDown(0.8);
    room(80);
    doc.font("Helvetica-Bold").fontSize(16).text(section.heading, left, doc.y, { width });
    const rule = doc.y + 2;
    doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1).stroke();
    doc.y = rule + 6;
    doc.font("Helvetica").fontSize(12);
    for (const item of section.items) {
      room(40);
      doc.text(`•  ${item}`, left + 6, doc.y, { width: width - 6 });
      doc.moveDown(0.2);
    }
  }
  for (const note of m.notes) {
    doc.moveDown(0.8);
    doc.font("Helvetica-Oblique").fontSize(12).text(note, left, doc.y, { width });
  }
  if (m.part2) {
    doc.moveDown(1);
    room(120);
    doc.font("Helvetica-Bold").fontSize(12).text(m.part2.heading, left, doc.y, { width });
    doc.font("Helvetica").fontSize(10).text(m.part2.text, left, doc.y, { width });
  }
  doc.end();
  return done;
}

function drawable(m: MinutesDocument): MinutesDocument {
  return {
    programName: toWinAnsi(m.programName),
    programPhone: m.programPhone === null ? null : toWinAnsi(m.programPhone),
    title: toWinAnsi(m.title),
    copyFor: m.copyFor === null ? null : toWinAnsi(m.copyFor),
    facts: m.facts.map((f) => ({ label: toWinAnsi(f.label), value: toWinAnsi(f.value) })),
    sections: m.sections.map((s) => ({ heading: toWinAnsi(s.heading), items: s.items.map(toWinAnsi) })),
    notes: m.notes.map(toWinAnsi),
    part2: m.part2 && { heading: toWinAnsi(m.part2.heading), text: toWinAnsi(m.part2.text) },
  };
}

import { formatDateTime } from "../../i18n/format.ts";
import type { Locale, Translate } from "../../i18n/index.ts";
import { startPdf, writeText } from "../../pdf/text.server.ts";
import type { MeetingMinutes, MinutesLine } from "./minutes.ts";

export interface MinutesSection {
  heading: string;
  items: string[];
}

/** A meeting's minutes as words for one reader's PDF: the same content as the minutes page. */
export interface MinutesDocument {
  /** The language it is written in: its reader's. */
  locale: Locale;
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
    locale: t.locale,
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
    section(t("meetings.minutes.jobIdeas"), minutes.jobIdeas.map(line)),
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
 * Draws the minutes as a PDF (pdfkit, as the take-home copy; decisions 0006 and
 * 0028), the program's logo and name at the top.
 */
export function renderMinutesPdf(m: MinutesDocument, logo: string | null): Promise<Buffer> {
  const { doc, done } = startPdf({
    size: "LETTER", margins: { top: 54, bottom: 54, left: 60, right: 60 },
    locale: m.locale, title: m.title, info: { Author: m.programName },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const room = (needed: number) => { if (doc.y > doc.page.height - doc.page.margins.bottom - needed) doc.addPage(); };

  if (logo) {
    // Only PNG and JPEG are accepted as a logo (program/model.ts), both of which pdfkit draws.
    doc.image(Buffer.from(logo.slice(logo.indexOf(",") + 1), "base64"), left, doc.y, { fit: [160, 48] });
    doc.y += 54;
  }
  doc.fillColor("#444444");
  writeText(doc, m.programPhone ? `${m.programName} · ${m.programPhone}` : m.programName, { size: 11, x: left, y: doc.y, width });
  doc.fillColor("#000000").moveDown(0.6);
  writeText(doc, m.title, { style: "bold", size: 22, x: left, y: doc.y, width });
  if (m.copyFor) writeText(doc, m.copyFor, { size: 13, x: left, y: doc.y, width });
  doc.moveDown(0.5);
  for (const fact of m.facts) {
    writeText(doc, `${fact.label}: `, { style: "bold", size: 12, x: left, y: doc.y, width, continued: true });
    writeText(doc, fact.value);
  }
  for (const section of m.sections) {
    doc.moveDown(0.8);
    room(80);
    writeText(doc, section.heading, { style: "bold", size: 16, x: left, y: doc.y, width });
    const rule = doc.y + 2;
    doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1).stroke();
    doc.y = rule + 6;
    for (const item of section.items) {
      room(40);
      writeText(doc, `•  ${item}`, { size: 12, x: left + 6, y: doc.y, width: width - 6 });
      doc.moveDown(0.2);
    }
  }
  for (const note of m.notes) {
    doc.moveDown(0.8);
    writeText(doc, note, { style: "italic", size: 12, x: left, y: doc.y, width });
  }
  if (m.part2) {
    doc.moveDown(1);
    room(120);
    writeText(doc, m.part2.heading, { style: "bold", size: 12, x: left, y: doc.y, width });
    writeText(doc, m.part2.text, { size: 10, x: left, y: doc.y, width });
  }
  doc.end();
  return done;
}

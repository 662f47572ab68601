import PDFDocument from "pdfkit";
import { formatDate } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/index.ts";
import { toWinAnsi } from "../consent/consent-pdf.server.ts";
import type { TakeHomePlan } from "./take-home.ts";

export interface TakeHomeRow {
  what: string;
  who: string;
  when: string;
}

export interface TakeHomeSection {
  id: "helpers" | "phones" | "specialist" | "hardDay" | "part2";
  heading: string;
  rows: TakeHomeRow[];
  paragraphs: string[];
  items: string[];
}

/** The take-home plan as words, built once and drawn by both the print page and the PDF. */
export interface TakeHomeDocument {
  /** False when the reader may see nothing: the document then says only that. */
  allowed: boolean;
  title: string;
  intro: string;
  goal: string | null;
  sections: TakeHomeSection[];
  /** Headings of the who-does-what table. */
  columns: TakeHomeRow;
  footer: string;
}

/**
 * Turns a take-home plan (already cut down by the consent check in take-home.ts)
 * into plain words for its reader: the participant's own copy, or a support
 * person's copy that speaks to them about the participant. Pure.
 */
export function buildTakeHomeDocument(plan: TakeHomePlan, audience: "participant" | "support", t: Translate, today: string): TakeHomeDocument {
  const columns = { what: t("takeHome.column.what"), who: t("takeHome.column.who"), when: t("takeHome.column.when") };
  if (!plan.allowed) {
    return { allowed: false, title: t("takeHome.empty.title"), intro: t("takeHome.empty.body"), goal: null, sections: [], columns, footer: t("takeHome.footer.empty", { date: formatDate(today, t.locale) }) };
  }
  const name = plan.participantName;
  const self = audience === "participant";
  const specialist = plan.specialist;
  const who = (item: TakeHomePlan["items"][number]) => {
    // Another support person stays unnamed in a support person's copy (take-home.ts).
    if (item.provider === "support_person") return item.who ?? t("takeHome.who.someoneClose", { name });
    if (item.provider === "participant") return self ? t("takeHome.who.me") : name;
    if (item.provider === "specialist") return specialist ? t("takeHome.who.specialistNamed", { name: specialist.name }) : t("plan.provider.specialist");
    return t("plan.provider.treatment_team");
  };
  const rows = plan.items.map((item) => ({
    what: `${t(`network.helpKind.${item.kind}`)}: ${item.description}`,
    who: who(item),
    when: item.when ?? t("takeHome.when.asNeeded"),
  }));

  const sections: TakeHomeSection[] = [{
    id: "helpers",
    heading: self ? t("takeHome.helpers.heading.self") : t("takeHome.helpers.heading.support"),
    rows,
    paragraphs: rows.length ? [] : [t("takeHome.helpers.none")],
    items: [],
  }];
  if (self) {
    sections.push({
      id: "phones",
      heading: t("takeHome.phones.heading"),
      rows: [],
      paragraphs: plan.contacts.length ? [] : [t("takeHome.phones.none")],
      items: plan.contacts.map((c) => `${c.name}: ${c.phone}`),
    });
  }
  if (specialist) {
    sections.push({
      id: "specialist",
      heading: self ? t("takeHome.specialist.heading.self") : t("takeHome.specialist.heading.support"),
      rows: [],
      paragraphs: [self ? t("takeHome.specialist.body.self", { name: specialist.name }) : t("takeHome.specialist.body.support", { name: specialist.name, participant: name })],
      items: [t("takeHome.specialist.email", { email: specialist.email })],
    });
  }
  const helpers = [...new Set(plan.hardDayHelpers)];
  sections.push({
    id: "hardDay",
    heading: t("takeHome.hardDay.heading"),
    rows: [],
    paragraphs: self
      ? [
        t("takeHome.hardDay.self.1"),
        helpers.length ? t("takeHome.hardDay.self.call", { names: helpers.join(", ") }) : t("takeHome.hardDay.self.callAnyone"),
        specialist ? t("takeHome.hardDay.self.specialist", { name: specialist.name }) : "",
        t("takeHome.hardDay.self.2"),
        t("takeHome.hardDay.crisis"),
      ].filter(Boolean)
      : [t("takeHome.hardDay.support.1", { name }), t("takeHome.hardDay.support.2"), t("takeHome.hardDay.crisis")],
    items: [],
  });

  if (plan.redisclosureNotice) {
    sections.push({ id: "part2", heading: t("consentForm.part2.heading"), rows: [], paragraphs: [t("consent.part2Notice")], items: [] });
  }

  return {
    allowed: true,
    title: self ? t("takeHome.title.self") : t("takeHome.title.support", { name }),
    intro: self ? t("takeHome.intro.self", { name }) : t("takeHome.intro.support", { name }),
    goal: plan.workGoal ? (self ? t("takeHome.goal.self", { goal: plan.workGoal }) : t("takeHome.goal.support", { name, goal: plan.workGoal })) : null,
    sections,
    columns,
    footer: t("takeHome.footer", { date: formatDate(today, t.locale), specialist: specialist?.name ?? "" }),
  };
}

/**
 * Draws the take-home plan as a PDF in large, clear type (pdfkit, built-in
 * Helvetica; see docs/decisions/0006-pdf-library.md). Streams are left
 * uncompressed: the file stays small and its words can be searched and checked.
 */
export function renderTakeHomePdf(original: TakeHomeDocument): Promise<Buffer> {
  const plan = drawable(original);
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: 54, bottom: 54, left: 60, right: 60 },
    info: { Title: plan.title },
    lang: "en-US",
    displayTitle: true,
    compress: false,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("Helvetica-Bold").fontSize(24).text(plan.title, { width });
  doc.moveDown(0.3);
  doc.font("Helvetica").fontSize(14).text(plan.intro, { width });
  if (plan.goal) {
    doc.moveDown(0.5);
    doc.font("Helvetica-Bold").fontSize(16).text(plan.goal, { width });
  }
  for (const section of plan.sections) {
    doc.moveDown(0.9);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(18).text(section.heading, left, doc.y, { width });
    const rule = doc.y + 2;
    doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1).stroke();
    doc.y = rule + 6;
    for (const row of section.rows) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 70) doc.addPage();
      doc.font("Helvetica-Bold").fontSize(14).text(row.what, left, doc.y, { width });
      doc.font("Helvetica").fontSize(14).text(`${plan.columns.who}: ${row.who}`, left + 14, doc.y, { width: width - 14 });
      doc.text(`${plan.columns.when}: ${row.when}`, left + 14, doc.y, { width: width - 14 });
      doc.moveDown(0.5);
    }
    doc.font("Helvetica").fontSize(14);
    for (const paragraph of section.paragraphs) {
      doc.text(paragraph, left, doc.y, { width });
      doc.moveDown(0.3);
    }
    for (const item of section.items) {
      doc.text(`•  ${item}`, left + 6, doc.y, { width: width - 6 });
      doc.moveDown(0.2);
    }
  }
  doc.moveDown(1.5);
  doc.font("Helvetica").fontSize(10).fillColor("#444444").text(plan.footer, left, doc.y, { width });
  doc.end();
  return done;
}

function drawable(plan: TakeHomeDocument): TakeHomeDocument {
  return {
    allowed: plan.allowed,
    title: toWinAnsi(plan.title),
    intro: toWinAnsi(plan.intro),
    goal: plan.goal === null ? null : toWinAnsi(plan.goal),
    sections: plan.sections.map((s) => ({
      ...s,
      heading: toWinAnsi(s.heading),
      rows: s.rows.map((r) => ({ what: toWinAnsi(r.what), who: toWinAnsi(r.who), when: toWinAnsi(r.when) })),
      paragraphs: s.paragraphs.map(toWinAnsi),
      items: s.items.map(toWinAnsi),
    })),
    columns: { what: toWinAnsi(plan.columns.what), who: toWinAnsi(plan.columns.who), when: toWinAnsi(plan.columns.when) },
    footer: toWinAnsi(plan.footer),
  };
}

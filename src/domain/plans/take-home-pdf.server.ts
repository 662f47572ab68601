import { formatDate } from "../../i18n/format.ts";
import type { Locale, Translate } from "../../i18n/index.ts";
import { startPdf, writeText } from "../../pdf/text.server.ts";
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
  /** The language it is written in: its reader's. */
  locale: Locale;
  title: string;
  intro: string;
  goal: string | null;
  /** The school or training goal, as a line under the work goal. */
  schoolGoal: string | null;
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
    return { allowed: false, locale: t.locale, title: t("takeHome.empty.title"), intro: t("takeHome.empty.body"), goal: null, schoolGoal: null, sections: [], columns, footer: t("takeHome.footer.empty", { date: formatDate(today, t.locale) }) };
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
  const helperName = (helper: TakeHomePlan["hardDayHelpers"][number]) => {
    if (helper.provider === "treatment_team") return t("plan.provider.treatment_team");
    if (helper.provider === "specialist") return t("takeHome.who.specialistNamed", { name: helper.name ?? "" });
    return helper.name ?? t("takeHome.who.someoneClose", { name });
  };
  const helpers = plan.hardDayHelpers.map(helperName);
  // A support person's copy says "may call you" only to the person the plan names for hard days;
  // anyone else learns who that is (staff by name, another support person unnamed).
  const readerListens = plan.hardDayHelpers.some((helper) => helper.isReader);
  // In a sentence: another support person stays unnamed, in lower case mid-sentence.
  const others = plan.hardDayHelpers.filter((helper) => !helper.isReader)
    .map((helper) => (helper.provider === "support_person" && helper.name === null ? t("takeHome.hardDay.support.someoneElse") : helperName(helper)));
  const supportParagraphs = readerListens
    ? [t("takeHome.hardDay.support.1", { name })]
    : others.length
      ? [t("takeHome.hardDay.support.others", { name, helpers: others.join(", ") }), t("takeHome.hardDay.support.ifYou", { name })]
      : [t("takeHome.hardDay.support.ifYou", { name })];
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
      : [...supportParagraphs, t("takeHome.hardDay.support.2"), t("takeHome.hardDay.crisis")],
    items: [],
  });

  if (plan.redisclosureNotice) {
    sections.push({ id: "part2", heading: t("consentForm.part2.heading"), rows: [], paragraphs: [t("consent.part2Notice")], items: [] });
  }

  return {
    allowed: true,
    locale: t.locale,
    title: self ? t("takeHome.title.self") : t("takeHome.title.support", { name }),
    intro: self ? t("takeHome.intro.self", { name }) : t("takeHome.intro.support", { name }),
    goal: plan.workGoal ? (self ? t("takeHome.goal.self", { goal: plan.workGoal }) : t("takeHome.goal.support", { name, goal: plan.workGoal })) : null,
    schoolGoal: plan.schoolGoal ? (self ? t("takeHome.schoolGoal.self", { goal: plan.schoolGoal }) : t("takeHome.schoolGoal.support", { name, goal: plan.schoolGoal })) : null,
    sections,
    columns,
    footer: t("takeHome.footer", { date: formatDate(today, t.locale), specialist: specialist?.name ?? "" }),
  };
}

/**
 * Draws the take-home plan as a PDF in large, clear type (pdfkit; decision 0006),
 * in the Noto fonts that print every name as written (decision 0028).
 */
export function renderTakeHomePdf(plan: TakeHomeDocument): Promise<Buffer> {
  const { doc, done } = startPdf({
    size: "LETTER",
    margins: { top: 54, bottom: 54, left: 60, right: 60 },
    locale: plan.locale,
    title: plan.title,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  writeText(doc, plan.title, { style: "bold", size: 24, width });
  doc.moveDown(0.3);
  writeText(doc, plan.intro, { size: 14, width });
  if (plan.goal) {
    doc.moveDown(0.5);
    writeText(doc, plan.goal, { style: "bold", size: 16, width });
  }
  if (plan.schoolGoal) {
    doc.moveDown(0.3);
    writeText(doc, plan.schoolGoal, { style: "bold", size: 16, width });
  }
  for (const section of plan.sections) {
    doc.moveDown(0.9);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    writeText(doc, section.heading, { style: "bold", size: 18, x: left, y: doc.y, width });
    const rule = doc.y + 2;
    doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1).stroke();
    doc.y = rule + 6;
    for (const row of section.rows) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 70) doc.addPage();
      writeText(doc, row.what, { style: "bold", size: 14, x: left, y: doc.y, width });
      writeText(doc, `${plan.columns.who}: ${row.who}`, { size: 14, x: left + 14, y: doc.y, width: width - 14 });
      writeText(doc, `${plan.columns.when}: ${row.when}`, { size: 14, x: left + 14, y: doc.y, width: width - 14 });
      doc.moveDown(0.5);
    }
    for (const paragraph of section.paragraphs) {
      writeText(doc, paragraph, { size: 14, x: left, y: doc.y, width });
      doc.moveDown(0.3);
    }
    for (const item of section.items) {
      writeText(doc, `•  ${item}`, { size: 14, x: left + 6, y: doc.y, width: width - 6 });
      doc.moveDown(0.2);
    }
  }
  doc.moveDown(1.5);
  doc.fillColor("#444444");
  writeText(doc, plan.footer, { size: 10, x: left, y: doc.y, width });
  doc.end();
  return done;
}

import { formatDate, formatDateTime } from "../../i18n/format.ts";
import type { Locale, MessageKey, Translate } from "../../i18n/index.ts";
import { startPdf, writeText } from "../../pdf/text.server.ts";
import type { RecordCopy } from "./record-copy.server.ts";

/** One section of the printed record: a heading and blocks of lines (one block per thing recorded). */
export interface RecordSection {
  heading: string;
  blocks: string[][];
}

export interface RecordDocument {
  /** The language it is written in: the participant's. */
  locale: Locale;
  title: string;
  intro: string;
  sections: RecordSection[];
}

type Row = Record<string, unknown>;
const text = (value: unknown): string => (value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : []);

/**
 * The record copy in plain words, section by section, for the PDF. Every piece
 * of the record the JSON copy holds is here; codes are turned into words from
 * the catalog. Pure.
 */
export function buildRecordDocument(copy: RecordCopy, t: Translate): RecordDocument {
  const word = (prefix: string, code: unknown) => t(`${prefix}.${text(code)}` as MessageKey);
  const date = (value: unknown) => (value ? formatDate(text(value).slice(0, 10), t.locale) : "");
  const line = (label: MessageKey, value: unknown) => (text(value) ? `${t(label)}: ${text(value)}` : null);
  const block = (...lines: (string | null)[]) => lines.filter((l): l is string => !!l);
  const categories = (value: unknown) => list(value).map((c) => word("consent.category", c)).join(", ");
  const p = copy.participant;
  const people = new Map(copy.supportPeople.map((s) => [text(s.id), text(s.name)]));
  const sections: RecordSection[] = [
    {
      heading: t("own.copy.section.aboutMe"),
      blocks: [block(
        line("own.copy.field.name", `${text(p.firstName)} ${text(p.lastName)}`), line("own.copy.field.preferredName", p.preferredName),
        line("own.copy.field.phone", p.phone), line("own.copy.field.email", p.email), line("own.copy.field.workGoal", p.workGoal),
        line("own.copy.field.jobPreferences", p.jobPreferences), line("own.copy.field.strengths", p.strengths), line("own.copy.field.interests", p.interests),
        line("own.copy.field.education", p.education),
        ...list(p.pastJobs).map((job) => line("own.copy.field.pastJob", job)),
      ), block(line("own.copy.field.specialist", `${copy.specialist.name} (${copy.specialist.email})`))],
    },
    {
      heading: t("own.copy.section.people"),
      blocks: copy.supportPeople.map((s) => block(
        `${text(s.name)} (${word("network.relationshipKind", s.relationshipKind)})`, line("own.copy.field.status", word("network.status", s.status)),
        line("own.copy.field.phone", s.phone), line("own.copy.field.email", s.email),
        line("own.copy.field.helps", list(s.helpKinds).map((k) => (k === "other" && text(s.helpOther) ? t("seedsNetwork.helpOther.shown", { description: text(s.helpOther) }) : word("network.helpKind", k))).join(", ")), line("own.copy.field.notes", s.notes),
        s.endedAt ? line("own.copy.field.ended", date(s.endedAt)) : null,
      )),
    },
    {
      heading: t("own.copy.section.consents"),
      blocks: copy.consentGrants.map((g) => block(
        t("own.copy.grantFor", { name: people.get(text(g.supportPersonId)) ?? "" }), line("own.copy.field.categories", categories(g.categories)),
        line("own.copy.field.purpose", g.purpose), line("own.copy.field.from", date(g.startsOn)),
        line("own.copy.field.until", g.expiresOn ? date(g.expiresOn) : g.expiryEvent),
        ...g.revocations.map((r) => t("own.copy.withdrawn", { what: r.category ? word("consent.category", r.category) : t("own.privacy.wholeRelease"), date: date(r.revokedAt) })),
      )),
    },
    {
      heading: t("own.copy.section.plan"),
      blocks: copy.plan.map((i) => block(
        `${word("network.helpKind", i.kind)}: ${text(i.description)}`,
        line("own.copy.field.who", i.supportPersonId ? people.get(text(i.supportPersonId)) : word("plan.provider", i.provider)),
        line("own.copy.field.when", i.frequency), line("own.copy.field.status", word("plan.status", i.status)), line("own.copy.field.notes", i.notes),
      )),
    },
    {
      heading: t("own.copy.section.meetings"),
      blocks: copy.meetings.map((m) => block(
        `${text(m.title)} (${word("meeting.kind", m.kind)})`, line("own.copy.field.when", m.scheduledAt ? formatDateTime(text(m.scheduledAt), t.locale, { dateStyle: "medium", timeStyle: "short" }) : ""),
        line("own.copy.field.place", m.place),
        line("own.copy.field.invited", m.invitees.map((i) => `${people.get(text(i.supportPersonId)) ?? ""} (${word("meeting.response", i.response)})`).join(", ")),
        ...m.entries.map((e) => `- ${text(e.text)}`),
      )),
    },
    {
      heading: t("own.copy.section.concerns"),
      blocks: copy.concerns.map((c) => block(`${word("concern.type", c.type)}: ${text(c.description)}`, line("own.copy.field.plan", c.mitigationPlan))),
    },
    {
      heading: t("own.copy.section.wins"),
      blocks: [
        ...copy.wins.map((w) => block(`${date(w.occurredOn)}: ${word("milestone.kind", w.kind)}`, line("own.copy.field.notes", w.note))),
        ...copy.encouragement.map((n) => block(t("own.copy.note", { from: text(n.fromLabel), text: text(n.text) }))),
      ],
    },
    {
      heading: t("own.copy.section.benefits"),
      blocks: [
        ...(copy.benefits.profile ? [block(line("own.copy.field.benefits", (["ssi", "ssdi", "medicaid", "medicare", "housingAssistance", "snap"] as const)
          .filter((k) => copy.benefits.profile![`has${k[0]!.toUpperCase()}${k.slice(1)}`] === 1).map((k) => t(`benefits.kind.${k}`)).join(", ")))] : []),
        ...copy.benefits.payStubs.map((s) => block(t("own.copy.payStub", { date: date(s.payDate), amount: (Number(s.grossCents) / 100).toFixed(2), employer: text(s.employer) }))),
        ...copy.benefits.earningsReports.map((r) => block(t("own.copy.report", { month: text(r.month), date: date(r.reportedOn) }))),
        ...copy.benefits.referrals.map((r) => block(line("own.copy.field.counselor", r.counselorName), line("own.copy.field.referred", date(r.referredOn)))),
      ],
    },
  ];
  return {
    locale: t.locale,
    title: t("own.copy.pdfTitle", { name: `${text(p.firstName)} ${text(p.lastName)}` }),
    intro: t("own.copy.pdfIntro", { date: formatDate(copy.generatedAt.slice(0, 10), t.locale) }),
    sections: sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.length > 0) })),
  };
}

/** Draws the record copy (pdfkit in the Noto fonts, like the take-home copy: decisions 0006 and 0028). */
export function renderRecordPdf(record: RecordDocument): Promise<Buffer> {
  const { doc, done } = startPdf({ size: "LETTER", margins: { top: 54, bottom: 54, left: 60, right: 60 }, locale: record.locale, title: record.title });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  writeText(doc, record.title, { style: "bold", size: 22, width });
  doc.moveDown(0.3);
  writeText(doc, record.intro, { size: 12, width });
  for (const section of record.sections) {
    doc.moveDown(0.8);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    writeText(doc, section.heading, { style: "bold", size: 16, x: left, y: doc.y, width });
    doc.moveDown(0.3);
    for (const lines of section.blocks) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      lines.forEach((l, i) => writeText(doc, l, { style: i === 0 ? "bold" : "regular", size: 12, x: left, y: doc.y, width }));
      doc.moveDown(0.5);
    }
  }
  doc.end();
  return done;
}

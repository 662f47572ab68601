import { formatDate, formatDateTime, formatMonth } from "../../i18n/format.ts";
import { translator, type Locale, type MessageKey, type MessageValues } from "../../i18n/index.ts";
import type { MessageChannel, MessageContent, MessageKind, ReaderKind } from "./model.ts";

/**
 * A queued message as its reader gets it, in their language, from the message
 * catalog. Pure: everything it needs is handed in. An email has a text part and an
 * HTML part saying the same; a text message says one line and the link to the
 * person's own page, and nothing of the record (decision 0025).
 */

export interface RenderContext {
  locale: Locale;
  readerKind: ReaderKind;
  readerName: string;
  programName: string;
  /** Where the reader answers: their employment specialist. */
  specialistName: string;
  /** The reader's own page: the support person's page, the participant's, or Allies for staff. */
  pageUrl: string;
  /** Emails only: the link that stops them, without signing in. */
  unsubscribeUrl: string | null;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** The catalog's arguments for one message: stored values, with dates and kinds put into the reader's words. */
function valuesFor(kind: MessageKind, content: MessageContent, context: RenderContext): MessageValues {
  const t = translator(context.locale);
  const values: MessageValues = { ...content, program: context.programName };
  // Meeting times are wall-clock times in the program's zone, stored with a nominal Z.
  if (typeof content.scheduledAt === "string") values.when = formatDateTime(content.scheduledAt, context.locale, { dateStyle: "full", timeStyle: "short" });
  if (typeof content.neededOn === "string") values.neededOn = formatDate(content.neededOn, context.locale);
  if (typeof content.month === "string") values.month = formatMonth(content.month, context.locale);
  if (typeof content.date === "string") values.date = formatDate(content.date, context.locale);
  if (typeof content.expires === "string") values.expires = formatDate(content.expires.slice(0, 10), context.locale);
  if (typeof content.winKind === "string") values.win = t(`milestone.kind.${content.winKind}` as MessageKey);
  if (kind === "meeting_answered" && typeof content.response !== "string") values.response = "other";
  return values;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Paragraphs split on blank lines, lines within them kept. */
function htmlParagraphs(text: string): string {
  return text.split(/\n{2,}/).map((p) => `<p>${p.split("\n").map(escapeHtml).join("<br>")}</p>`).join("\n");
}

export function renderMessage(kind: MessageKind, channel: MessageChannel, content: MessageContent, context: RenderContext): Rendered {
  const t = translator(context.locale);
  const values = valuesFor(kind, content, context);
  if (channel === "text") {
    const reminder = kind === "meeting_reminder" || kind === "commitment_reminder" || kind === "ssi_report_reminder" || kind === "daily_digest";
    const body = t(kind === "link_issued" ? "messages.link_issued.text" : reminder ? "messages.text.reminder" : "messages.text.news", { program: context.programName, pageUrl: context.pageUrl });
    return { subject: "", text: body, html: "" };
  }
  // A participant's own commitment is theirs to do, not an offer to help them.
  const key = kind === "commitment_reminder" && context.readerKind === "participant" ? "commitment_reminder.own" : kind;
  const subject = t(`messages.${key}.subject` as MessageKey, values);
  const greeting = t("messages.email.greeting", { name: context.readerName });
  const body = t(`messages.${key}.body` as MessageKey, values);
  const openPage = t("messages.email.openPage");
  const from = t("messages.email.from", { program: context.programName, specialist: context.specialistName });
  const unsubscribe = context.unsubscribeUrl ? t("messages.email.unsubscribe", { program: context.programName, url: context.unsubscribeUrl }) : null;
  const text = [greeting, body, `${openPage}: ${context.pageUrl}`, from, ...(unsubscribe ? [unsubscribe] : [])].join("\n\n") + "\n";
  const html = [
    `<!doctype html><html lang="${context.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; max-width: 40em">`,
    `<p>${escapeHtml(greeting)}</p>`,
    htmlParagraphs(body),
    `<p><a href="${escapeHtml(context.pageUrl)}">${escapeHtml(openPage)}</a></p>`,
    `<p>${escapeHtml(from)}</p>`,
    ...(context.unsubscribeUrl ? [`<p><a href="${escapeHtml(context.unsubscribeUrl)}">${escapeHtml(t("messages.email.unsubscribeLink"))}</a></p>`] : []),
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

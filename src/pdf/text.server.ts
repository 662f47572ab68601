import bidiFactory from "bidi-js";
import PDFDocument from "pdfkit";
import { intlLocale } from "../i18n/format.ts";
import type { Locale } from "../i18n/locales.ts";
import { faceFor, primaryFace, type FontStyle, type PdfFace } from "./fonts.server.ts";

const bidi = bidiFactory();

/** A document being drawn, and its bytes once `doc.end()` is called. */
export interface PdfFile {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
}

/** What every printout says about itself: the language it is written in (its reader's) and its title. */
export interface PdfIdentity {
  locale: Locale;
  title: string;
}

/**
 * A new PDF that draws with the Noto fonts (decision 0028) instead of pdfkit's
 * built-in Helvetica, which has no glyph outside Windows-1252. Every printout
 * starts here and writes its words with `writeText`.
 */
export function startPdf({ locale, title, ...options }: Omit<PDFKit.PDFDocumentOptions, "lang" | "displayTitle"> & PdfIdentity): PdfFile {
  // The document says its reader's language, so a screen reader reads it in the right
  // voice, and its title, which a PDF viewer shows in place of the file name.
  const doc = new PDFDocument({
    ...options, info: { ...options.info, Title: title }, lang: intlLocale(locale), displayTitle: true,
    // The first font is set here so that pdfkit does not load (and write out) Helvetica.
    font: primaryFace("regular").font as unknown as string,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

export interface WriteOptions extends PDFKit.Mixins.TextOptions {
  style?: FontStyle;
  size?: number;
  /** Where the text starts; without them it follows on from the last text drawn. */
  x?: number;
  y?: number;
}

/**
 * Draws a piece of text in any script: ordered for display (right-to-left runs
 * reversed by the Unicode bidi algorithm), then cut into runs by the first font
 * that has each character, each run drawn by pdfkit as one `continued` piece so
 * the line wraps as a whole. Arabic is shaped by fontkit inside pdfkit's layout.
 */
export function writeText(doc: PDFKit.PDFDocument, text: string, options: WriteOptions = {}): PDFKit.PDFDocument {
  const { style = "regular", size, x, y, ...textOptions } = options;
  if (size !== undefined) doc.fontSize(size);
  // Precomposed letters (NFC) use the fonts' own accented glyphs; pasted Windows line ends and tabs become plain lines and spaces.
  const runs = fontRuns(visualOrder(text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, " ")), style);
  const primary = primaryFace(style);
  const pieces = runs.flatMap((run) => forFontkit(run.text).map((piece) => ({ face: run.face, text: piece })));
  // A line that ends in a fallback font would take that font's taller line height: end it in the first font,
  // with a zero-width space (an empty piece would not end the line).
  if (pieces.at(-1)!.face.name !== primary.name) pieces.push({ face: primary, text: "\u200B" });
  // Every piece sits on the first font's baseline, whichever font draws it (pdfkit takes a number in points; its own font size is not public).
  const fontSize = size ?? (doc as unknown as { _fontSize: number })._fontSize;
  const baseline = -(primary.font.ascent / primary.font.unitsPerEm) * fontSize;
  pieces.forEach((piece, i) => {
    doc.registerFont(piece.face.name, piece.face.font as unknown as string);
    doc.font(piece.face.name);
    const last = i === pieces.length - 1;
    const pieceOptions = { ...textOptions, baseline, continued: last ? (textOptions.continued ?? false) : true };
    if (i === 0 && x !== undefined) doc.text(piece.text, x, y, pieceOptions);
    else doc.text(piece.text, pieceOptions);
  });
  return doc;
}

/** Characters that belong to no script of their own: they stay in the font of the text around them. */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}\p{M}]$/u;

interface FontRun {
  face: PdfFace;
  text: string;
}

/** The text cut into runs, each in the first font of the style that has its characters. */
export function fontRuns(text: string, style: FontStyle): FontRun[] {
  const runs: FontRun[] = [];
  for (const ch of text) {
    const current = runs.at(-1);
    const codePoint = ch.codePointAt(0)!;
    if (current && (NEUTRAL.test(ch) || ch === "\n") && (ch === "\n" || current.face.font.hasGlyphForCodePoint(codePoint))) {
      current.text += ch;
      continue;
    }
    const face = faceFor(style, codePoint) ?? current?.face ?? primaryFace(style);
    if (current && current.face.name === face.name) current.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs.length ? runs : [{ face: primaryFace(style), text: "" }];
}

/** Scripts written right to left, which fontkit lays out (and so reverses) as such. */
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /[\p{L}]/u;

/**
 * Each line in display order, left to right, by the Unicode bidi algorithm with
 * a left-to-right base (the printouts are in English or Spanish): "Copy for
 * فاطمة الزهراء" keeps its English first and shows the Arabic words from right
 * to left. Lines are the text's own; a right-to-left run that pdfkit wraps onto
 * two lines keeps its words in reading order per line only roughly (decision 0028).
 */
export function visualOrder(text: string): string {
  return text.split("\n").map((line) => {
    if (!RIGHT_TO_LEFT.test(line)) return line;
    const { levels } = bidi.getEmbeddingLevels(line, "ltr");
    const units = line.split("");
    const segments = bidi.getReorderSegments(line, { levels, paragraphs: [{ start: 0, end: line.length - 1, level: 0 }] }) as [number, number][];
    for (const [start, end] of segments) {
      units.splice(start, end - start + 1, ...units.slice(start, end + 1).reverse());
    }
    // Reversal turns a surrogate pair around; put each pair back in order.
    return units.join("").replace(/([\uDC00-\uDFFF])([\uD800-\uDBFF])/g, "$2$1");
  }).join("\n");
}

/**
 * fontkit lays out each space-separated word whose first letter is right to left
 * as right to left, reversing its glyphs after shaping, and pdfkit hands it each
 * word with the space after it (which the reversal would move to the front). The
 * words of a run are already in display order, so each such word is handed over
 * alone and in reading order, its spaces as pieces of their own: fontkit then
 * shapes its letters (joined Arabic forms) and turns it back.
 */
function forFontkit(text: string): string[] {
  if (!RIGHT_TO_LEFT.test(text)) return [text];
  return text.split(/([ ]+)/).filter(Boolean).map((word) => {
    const firstLetter = [...word].find((ch) => STRONG.test(ch));
    return firstLetter && RIGHT_TO_LEFT.test(firstLetter) ? [...word].reverse().join("") : word;
  });
}

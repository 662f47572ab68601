import PDFDocument from "pdfkit";
import type { ConsentForm } from "./consent-form.ts";

// Windows-1252 (WinAnsi): the characters pdfkit's built-in fonts can draw.
const CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const STROKED: Record<string, string> = { "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Œ": "OE", "œ": "oe" };

function drawable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch);
}

/**
 * Text the built-in fonts can draw: accents outside WinAnsi are dropped (ễ -> e),
 * anything else becomes "?". Without this a single such character garbles the
 * rest of its line. The printable page shows every name exactly.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n").replace(/\t/g, " ")) {
    if (drawable(ch) || ch === "\n") out += ch;
    else if (STROKED[ch]) out += STROKED[ch];
    else {
      const base = ch.normalize("NFKD").replace(/\p{M}+/gu, "");
      out += base && [...base].every(drawable) ? base : "?";
    }
  }
  return out;
}

/**
 * Draws the consent form (built by consent-form.ts, the same content as the
 * printable page) as a PDF. pdfkit's built-in Helvetica needs no font files;
 * see docs/decisions/0006-pdf-library.md.
 */
export function renderConsentPdf(original: ConsentForm, meta: { author: string; footer: string }): Promise<Buffer> {
  const form = drawableForm(original);
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: 54, bottom: 54, left: 60, right: 60 },
    info: { Title: form.title, Author: toWinAnsi(meta.author), Subject: form.intro },
    lang: "en-US",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.font("Helvetica-Bold").fontSize(18).text(form.title, { width });
  doc.moveDown(0.4);
  doc.font("Helvetica").fontSize(11).text(form.intro, { width });

  for (const withdrawal of form.withdrawals) {
    doc.moveDown(0.4);
    doc.font("Helvetica-Bold").fontSize(11).text(withdrawal, { width });
  }

  for (const section of form.sections) {
    doc.moveDown(0.8);
    doc.font("Helvetica-Bold").fontSize(13).text(section.heading, left, doc.y, { width });
    doc.moveDown(0.2);
    doc.font("Helvetica").fontSize(11);
    for (const paragraph of section.paragraphs) {
      doc.text(paragraph, left, doc.y, { width });
      doc.moveDown(0.2);
    }
    if (section.items.length > 0) doc.list(section.items, left + 6, doc.y, { width: width - 6, bulletRadius: 2, textIndent: 12, bulletIndent: 0 });
    if (section.id === "part2" && form.part2Notice) {
      doc.moveDown(0.4);
      const top = doc.y;
      doc.font("Helvetica-Bold").fontSize(10).text(form.part2Notice, left + 10, top + 8, { width: width - 20 });
      const bottom = doc.y + 8;
      doc.rect(left, top, width, bottom - top).lineWidth(1).stroke();
      doc.x = left;
      doc.y = bottom;
    }
  }

  if (form.signature) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40 - form.signature.lines.length * 30) doc.addPage();
    doc.moveDown(1);
    doc.font("Helvetica-Bold").fontSize(13).text(form.signature.heading, left, doc.y, { width });
    doc.moveDown(0.4);
    for (const line of form.signature.lines) {
      const y = doc.y + 14;
      doc.font("Helvetica").fontSize(10).text(line.label, left, y - 12, { width: 170 });
      if (line.value) doc.font("Helvetica").fontSize(11).text(line.value, left + 180, y - 12, { width: width - 180 });
      doc.moveTo(left + 180, y + 2).lineTo(left + width, y + 2).lineWidth(0.5).stroke();
      doc.x = left;
      doc.y = y + 12;
    }
  }

  doc.moveDown(1.5);
  doc.font("Helvetica").fontSize(8).fillColor("#444444").text(toWinAnsi(meta.footer), left, doc.y, { width });
  doc.end();
  return done;
}

function drawableForm(form: ConsentForm): ConsentForm {
  return {
    title: toWinAnsi(form.title),
    intro: toWinAnsi(form.intro),
    sections: form.sections.map((s) => ({ ...s, heading: toWinAnsi(s.heading), paragraphs: s.paragraphs.map(toWinAnsi), items: s.items.map(toWinAnsi) })),
    part2Notice: form.part2Notice === null ? null : toWinAnsi(form.part2Notice),
    signature: form.signature && {
      heading: toWinAnsi(form.signature.heading),
      lines: form.signature.lines.map((l) => ({ label: toWinAnsi(l.label), value: toWinAnsi(l.value) })),
    },
    withdrawals: form.withdrawals.map(toWinAnsi),
  };
}

import { startPdf, writeText } from "../../pdf/text.server.ts";
import type { ConsentForm } from "./consent-form.ts";

/**
 * Draws the consent form (built by consent-form.ts, the same content as the
 * printable page) as a PDF, in the Noto fonts that print every name as written
 * (decisions 0006 and 0028).
 */
export function renderConsentPdf(form: ConsentForm, meta: { author: string; footer: string }): Promise<Buffer> {
  const { doc, done } = startPdf({
    size: "LETTER",
    margins: { top: 54, bottom: 54, left: 60, right: 60 },
    locale: form.locale, title: form.title,
    info: { Author: meta.author, Subject: form.intro },
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  writeText(doc, form.title, { style: "bold", size: 18, width });
  doc.moveDown(0.4);
  writeText(doc, form.intro, { size: 11, width });

  for (const withdrawal of form.withdrawals) {
    doc.moveDown(0.4);
    writeText(doc, withdrawal, { style: "bold", size: 11, width });
  }

  for (const section of form.sections) {
    doc.moveDown(0.8);
    writeText(doc, section.heading, { style: "bold", size: 13, x: left, y: doc.y, width });
    doc.moveDown(0.2);
    for (const paragraph of section.paragraphs) {
      writeText(doc, paragraph, { size: 11, x: left, y: doc.y, width });
      doc.moveDown(0.2);
    }
    for (const item of section.items) {
      writeText(doc, `•  ${item}`, { size: 11, x: left + 6, y: doc.y, width: width - 6 });
    }
    if (section.id === "part2" && form.part2Notice) {
      doc.moveDown(0.4);
      const top = doc.y;
      writeText(doc, form.part2Notice, { style: "bold", size: 10, x: left + 10, y: top + 8, width: width - 20 });
      const bottom = doc.y + 8;
      doc.rect(left, top, width, bottom - top).lineWidth(1).stroke();
      doc.x = left;
      doc.y = bottom;
    }
  }

  if (form.signature) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40 - form.signature.lines.length * 30) doc.addPage();
    doc.moveDown(1);
    writeText(doc, form.signature.heading, { style: "bold", size: 13, x: left, y: doc.y, width });
    doc.moveDown(0.4);
    for (const line of form.signature.lines) {
      const y = doc.y + 14;
      writeText(doc, line.label, { size: 10, x: left, y: y - 12, width: 170 });
      if (line.value) writeText(doc, line.value, { size: 11, x: left + 180, y: y - 12, width: width - 180 });
      doc.moveTo(left + 180, y + 2).lineTo(left + width, y + 2).lineWidth(0.5).stroke();
      doc.x = left;
      doc.y = y + 12;
    }
  }

  doc.moveDown(1.5);
  doc.fillColor("#444444");
  writeText(doc, meta.footer, { size: 8, x: left, y: doc.y, width });
  doc.end();
  return done;
}

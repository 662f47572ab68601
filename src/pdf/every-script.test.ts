import { describe, expect, it } from "vitest";
import { pdfIdentity, pdfText, notdefGlyphs } from "../../tests/support/pdf-text.ts";
import { renderConsentPdf } from "../domain/consent/consent-pdf.server.ts";
import { renderMinutesPdf } from "../domain/meetings/minutes-pdf.server.ts";
import { renderTakeHomePdf } from "../domain/plans/take-home-pdf.server.ts";
import { renderRecordPdf } from "../domain/portal/record-pdf.server.ts";
import { fontRuns, visualOrder } from "./text.server.ts";

// Issue 13: names in any script print as written in every PDF. Each name must come
// back letter for letter from the PDF's text (what a screen reader or a copy
// reads), and no character may be drawn as the empty .notdef box.

const NAMES = {
  vietnamese: "Nguyễn Thị Minh Khai",
  arabic: "فاطمة الزهراء",
  chinese: "王秀英",
} as const;
const ALL = `${NAMES.vietnamese}, ${NAMES.arabic} y ${NAMES.chinese}`;

const PRINTOUTS: Record<string, () => Promise<Buffer>> = {
  "take-home copy": () => renderTakeHomePdf({
    allowed: true, locale: "es", title: `Plan de ${NAMES.vietnamese}`, intro: `Quién ayuda a ${ALL}.`, goal: null, schoolGoal: `Clases de ${NAMES.chinese}`,
    columns: { what: "Qué", who: "Quién", when: "Cuándo" }, footer: NAMES.arabic,
    sections: [{ id: "helpers", heading: "Quién ayuda", rows: [{ what: "Rides", who: NAMES.arabic, when: NAMES.chinese }], paragraphs: [ALL], items: [`${NAMES.chinese}: 555-0100`] }],
  }),
  "consent form": () => renderConsentPdf({
    locale: "en", title: `Permission for ${NAMES.arabic}`, intro: ALL, withdrawals: [], part2Notice: null,
    sections: [{ id: "who", heading: NAMES.vietnamese, paragraphs: [ALL], items: [NAMES.chinese] }],
    signature: { heading: "Signatures", lines: [{ label: "Name", value: NAMES.arabic }, { label: "Signature", value: "" }] },
  }, { author: NAMES.vietnamese, footer: ALL }),
  "meeting minutes": () => renderMinutesPdf({
    locale: "en", programName: "Allies", programPhone: null, title: `Meeting with ${NAMES.chinese}`, copyFor: `Copy for ${NAMES.arabic}`,
    facts: [{ label: "Who came", value: ALL }], sections: [{ heading: "Ideas", items: [`${NAMES.vietnamese} drives`] }], notes: [NAMES.arabic], part2: null,
  }, null),
  "participant's own record": () => renderRecordPdf({
    locale: "en", title: `Record of ${NAMES.vietnamese}`, intro: ALL, sections: [{ heading: "People", blocks: [[NAMES.arabic, NAMES.chinese]] }],
  }),
};

/** Letters only: what a reader must find, whatever order and spacing the extractor gives. */
const letters = (text: string) => [...text.normalize("NFC")].filter((ch) => /\p{L}|\p{M}/u.test(ch));

describe("names in every script in every PDF", () => {
  for (const [printout, render] of Object.entries(PRINTOUTS)) {
    it(`the ${printout} prints Vietnamese, Arabic and Chinese names as written`, async () => {
      const bytes = await render();
      const text = await pdfText(bytes);
      for (const name of Object.values(NAMES)) {
        // pdf.js gives right-to-left text back in reading order, so each whole name is there.
        expect(text, printout).toContain(name);
        for (const letter of letters(name)) expect(text).toContain(letter);
      }
      expect(notdefGlyphs(bytes), `${printout} draws a missing-glyph box`).toBe(0);
    });
  }

  it("says the reader's language and the title in every PDF, not English whatever the reader reads", async () => {
    // The take-home copy above is written for a Spanish reader, the others for English ones.
    expect(await pdfIdentity(await PRINTOUTS["take-home copy"]!())).toEqual({ language: "es-US", title: `Plan de ${NAMES.vietnamese}` });
    for (const printout of ["consent form", "meeting minutes", "participant's own record"]) {
      expect((await pdfIdentity(await PRINTOUTS[printout]!())).language, printout).toBe("en-US");
    }
    const spanishRecord = await renderRecordPdf({ locale: "es", title: "Expediente de Ana", intro: "", sections: [] });
    expect(await pdfIdentity(spanishRecord)).toEqual({ language: "es-US", title: "Expediente de Ana" });
  });

  it("counts a character no font has as a box, so the check above can fail", async () => {
    // U+0F00 (Tibetan) is in none of the embedded fonts.
    const bytes = await renderRecordPdf({ locale: "en", title: "ༀ", intro: "", sections: [] });
    expect(notdefGlyphs(bytes)).toBeGreaterThan(0);
  });

  it("orders Arabic right to left inside an English line, and keeps English as it is", () => {
    expect(visualOrder("Copy for فاطمة الزهراء")).toBe(`Copy for ${[..."فاطمة الزهراء"].reverse().join("")}`);
    expect(visualOrder("Nguyễn 王秀英")).toBe("Nguyễn 王秀英");
  });

  it("draws each character with the first font that has it, spaces staying with their run", () => {
    const runs = fontRuns("Ana فاطمة الزهراء 王秀英", "regular");
    expect(runs.map((r) => r.text)).toEqual(["Ana ", "فاطمة الزهراء ", "王秀英"]);
    expect(new Set(runs.map((r) => r.face.name)).size).toBe(3);
  });
});

import { inflateSync } from "node:zlib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The words of a PDF as a reader's PDF viewer finds them (pdf.js, through each
 * font's ToUnicode map), lines joined by spaces, pages by new lines.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? " " : "") : "")).join("").replaceAll("\u200B", "").replace(/\s+/g, " ").normalize("NFC"));
    }
    return pages.join("\n");
  } finally {
    await task.destroy();
  }
}

/** What a PDF says about itself: its language (the catalog's /Lang) and its title, as a PDF viewer reads them. */
export async function pdfIdentity(bytes: Uint8Array): Promise<{ language: string | null; title: string | null }> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const pdf = await task.promise;
  try {
    const { info } = await pdf.getMetadata();
    const fields = info as { Language?: string; Title?: string };
    return { language: fields.Language ?? null, title: fields.Title ?? null };
  } finally {
    await task.destroy();
  }
}

/**
 * How many glyphs the PDF draws with a font's .notdef, the empty box printed
 * for a character the font lacks. The text of a missing character still maps to
 * the character, so extraction alone would not notice it. Every font pdfkit
 * embeds is two-byte Identity-H with the .notdef kept as glyph 0, so a box is a
 * <0000> in a shown string of a content stream.
 */
export function notdefGlyphs(bytes: Uint8Array): number {
  const raw = Buffer.from(bytes).toString("latin1");
  let count = 0;
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    const body = Buffer.from(raw.slice(start, end), "latin1");
    let content: string;
    try {
      content = inflateSync(body).toString("latin1");
    } catch {
      content = body.toString("latin1");
    }
    for (const shown of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = [...(shown[1] ?? `<${shown[2]}>`).matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!).join("");
      for (let i = 0; i + 4 <= hex.length; i += 4) if (hex.slice(i, i + 4) === "0000") count++;
    }
  }
  return count;
}

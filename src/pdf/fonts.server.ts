import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

/** The three looks the printouts use: body text, headings, and the minutes' side notes. */
export type FontStyle = "regular" | "bold" | "italic";

/**
 * Noto fonts, tried in this order for each character (decision 0028): Noto Sans
 * covers Latin with its extensions (Vietnamese "Nguyễn"), Greek and Cyrillic;
 * Noto Naskh Arabic and Noto Sans SC (Simplified Chinese) cover what it lacks.
 * This Naskh draws each joined Arabic letter as one glyph (the newer Noto Sans
 * Arabic builds letters from a shape and separate dots, which no PDF reader can
 * copy back as the right letter). Arabic and Chinese have no italic: their
 * regular face stands in. Each file is [package, path inside the package].
 */
const FILES: Record<FontStyle, readonly (readonly [string, string])[]> = {
  regular: [
    ["@expo-google-fonts/noto-sans", "400Regular/NotoSans_400Regular.ttf"],
    ["@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Regular.ttf"],
    ["@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"],
  ],
  bold: [
    ["@expo-google-fonts/noto-sans", "700Bold/NotoSans_700Bold.ttf"],
    ["@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Bold.ttf"],
    ["@expo-google-fonts/noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"],
  ],
  italic: [
    ["@expo-google-fonts/noto-sans", "400Regular_Italic/NotoSans_400Regular_Italic.ttf"],
    ["@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Regular.ttf"],
    ["@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"],
  ],
};

/**
 * Latin letters and marks, whose glyphs are fetched once from the character map
 * as soon as a font opens. fontkit keeps the first characters a glyph was made
 * for, and pdfkit writes those into the PDF's copy-text map: Noto Sans draws
 * "ị" as "i" and a dot, so without this every later "i" would copy as "ị".
 */
const PLAIN_GLYPHS: readonly (readonly [number, number])[] = [[0x20, 0x24f], [0x300, 0x36f], [0x1e00, 0x1eff]];

const require = createRequire(import.meta.url);
const opened = new Map<string, fontkit.Font>();

/** Each file is read and parsed once per process, on first use; every document shares the parsed font. */
function open([pkg, path]: readonly [string, string]): fontkit.Font {
  const key = `${pkg}/${path}`;
  let font = opened.get(key);
  if (!font) {
    // The package's own entry point finds its folder (a package may not export its font files).
    const main = require.resolve(pkg);
    font = fontkit.create(readFileSync(join(main.slice(0, main.lastIndexOf(pkg) + pkg.length), path))) as fontkit.Font;
    for (const [from, to] of PLAIN_GLYPHS) {
      for (let codePoint = from; codePoint <= to; codePoint++) if (font.hasGlyphForCodePoint(codePoint)) font.glyphForCodePoint(codePoint);
    }
    opened.set(key, font);
  }
  return font;
}

/** One font of a fallback list, under the name a document registers it by. */
export interface PdfFace {
  name: string;
  font: fontkit.Font;
}

function face(style: FontStyle, index: number): PdfFace {
  return { name: `noto-${style}-${index}`, font: open(FILES[style][index]!) };
}

/** The first font of the style: the one for spaces, digits and punctuation that start a line. */
export function primaryFace(style: FontStyle): PdfFace {
  return face(style, 0);
}

/**
 * The first font of the style that has a glyph for the character. A later font is
 * opened only when an earlier one lacks a character, so English and Spanish text
 * never loads the Chinese font. Null when no font has it (it then prints as a box).
 */
export function faceFor(style: FontStyle, codePoint: number): PdfFace | null {
  for (let i = 0; i < FILES[style].length; i++) {
    const candidate = face(style, i);
    if (candidate.font.hasGlyphForCodePoint(codePoint)) return candidate;
  }
  return null;
}

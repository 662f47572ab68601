import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

/** The three looks the printouts use: body text, headings, and the minutes' side notes. */
export type FontStyle = "regular" | "bold" | "italic";

/**
 * Noto fonts, tried in this order for each character (decision 0028): Noto Sans
 * covers Latin with its extensions (Vietnamese "Nguyễn"), Greek and Cyrillic;
 * Noto Sans Arabic and Noto Sans SC (Simplified Chinese) cover what it lacks.
 * Arabic and Chinese have no italic: their regular face stands in.
 */
const FILES: Record<FontStyle, readonly string[]> = {
  regular: [
    "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
    "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  ],
  bold: [
    "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
    "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
    "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
  ],
  italic: [
    "@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf",
    "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  ],
};

const require = createRequire(import.meta.url);
const opened = new Map<string, fontkit.Font>();

/** Each file is read and parsed once per process, on first use; every document shares the parsed font. */
function open(file: string): fontkit.Font {
  let font = opened.get(file);
  if (!font) {
    font = fontkit.create(readFileSync(require.resolve(file))) as fontkit.Font;
    opened.set(file, font);
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

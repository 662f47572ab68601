/**
 * The pseudo-locale (issue 13): every catalog string, and every date and amount the
 * formatters write, comes out between ⁅ and ⁆, so a page read in it shows at a glance
 * any words that bypassed the catalog. Demo data loaded for such a run carries marks
 * of its own, « and » (src/db/seed/pseudo-marks.ts), so a name is told apart from a
 * missed string. It is for tests and development: never in LOCALES, never offered,
 * turned on for a whole demo server by ALLIES_PSEUDO_LOCALE=1.
 */
export const PSEUDO_LOCALE = "en-XA" as const;
// Brackets the PDFs' first font (Noto Sans) draws: ⟦ ⟧, the first choice, are in none of
// the PDF fonts, so every catalog word of a printout came out as an empty box and read as nothing.
export const CATALOG_OPEN = "⁅";
export const CATALOG_CLOSE = "⁆";
export const DATA_OPEN = "«";
export const DATA_CLOSE = "»";

/** A catalog message as the pseudo-locale has it: the English one between markers (its ICU arguments untouched). */
export function pseudoMessage(english: string): string {
  return `${CATALOG_OPEN}${english}${CATALOG_CLOSE}`;
}

/** Whether this server shows its pages in the pseudo-locale; only a demo server may. */
export function pseudoLocaleOn(env: Record<string, string | undefined>): boolean {
  return env.ALLIES_PSEUDO_LOCALE === "1" && env.ALLIES_DEMO_DATA !== "0";
}

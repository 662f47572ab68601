/**
 * How hard English text is to read, as a school grade, by the Flesch-Kincaid grade
 * level formula (Kincaid et al., 1975):
 *   0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
 * Syllables are counted by the usual rule of thumb (groups of vowels, less a silent
 * final "e"), close enough to the dictionary count for a test to hold text to a grade.
 * ICU placeholders ({name}) count as a one-syllable word, as a name usually reads.
 */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, "").replace(/^y/, "");
  const groups = trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Words and sentences of a text, with allowed terms (names of programs) read as one short word each. */
export function readingStats(text: string, allowedTerms: readonly string[] = []): { words: number; sentences: number; syllables: number } {
  let plainText = text.replace(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, "Ann");
  // Longest first, so "Social Security" goes before "Social".
  for (const term of [...allowedTerms].sort((a, b) => b.length - a.length)) plainText = plainText.split(term).join("Ann");
  const words = plainText.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  const sentences = Math.max(1, plainText.split(/[.!?:;]+(?:\s|$)/).filter((s) => /[A-Za-z]/.test(s)).length);
  return { words: words.length, sentences, syllables: words.reduce((sum, word) => sum + word.split("-").reduce((s, part) => s + syllables(part), 0), 0) };
}

/** The Flesch-Kincaid grade of several texts read together, each its own sentence or more. */
export function fleschKincaidGrade(texts: readonly string[], allowedTerms: readonly string[] = []): number {
  let words = 0, sentences = 0, syllableCount = 0;
  for (const text of texts) {
    const stats = readingStats(text, allowedTerms);
    words += stats.words;
    sentences += stats.sentences;
    syllableCount += stats.syllables;
  }
  if (words === 0) return 0;
  return 0.39 * (words / sentences) + 11.8 * (syllableCount / words) - 15.59;
}

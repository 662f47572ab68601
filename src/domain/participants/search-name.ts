/**
 * A name or a search as it is compared: lower case, accents and other marks
 * taken off (Unicode NFD, then combining marks dropped), so "ramirez" finds
 * "Ramírez" and "nguyen" finds "Nguyễn" on SQLite and PostgreSQL alike (issue 13).
 * The same function folds the stored search_name and the words typed.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    // Letters with a stroke have no mark to drop.
    .replace(/[Đđ]/g, "d").replace(/[Łł]/g, "l").replace(/[Øø]/g, "o")
    .normalize("NFC")
    .toLowerCase();
}

/** The participant's names as searched: given, family, preferred, and "family, given". */
export function searchName(p: { firstName: string; lastName: string; preferredName: string | null }): string {
  return foldForSearch([p.firstName, p.lastName, p.preferredName, p.lastName + ", " + p.firstName].filter(Boolean).join(" "));
}

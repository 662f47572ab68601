import type { Kysely } from "kysely";

// Issue 13: a search for "ramirez" finds "Ramírez". Names saved before this were
// only lower-cased; each participant's search_name is made again with accents
// folded away. A copy of searchName (src/domain/participants/search-name.ts) as
// it is today: a migration writes what it wrote the day it ran.
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "")
    .replace(/[Đđ]/g, "d").replace(/[Łł]/g, "l").replace(/[Øø]/g, "o")
    .normalize("NFC").toLowerCase();
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom("participants").select(["id", "first_name", "last_name", "preferred_name", "search_name"]).execute();
  for (const row of rows) {
    const names = [row.first_name, row.last_name, row.preferred_name, `${row.last_name}, ${row.first_name}`].filter(Boolean).join(" ");
    const folded = fold(names);
    if (folded !== row.search_name) await db.updateTable("participants").set({ search_name: folded }).where("id", "=", row.id).execute();
  }
}

// Folded names find every name the lower-cased ones found (a search is folded too), so there is nothing to undo.
export async function down(): Promise<void> {}

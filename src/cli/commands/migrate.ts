import { loadConfig } from "../../config.ts";
import { migrateToLatest, openDatabase } from "../../db/index.ts";

export async function migrate(): Promise<void> {
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  } finally {
    await database.close();
  }
}

import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_foundation.ts";

/** Numbered migrations, listed explicitly so bundlers and Node see the same set. */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

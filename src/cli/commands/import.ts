import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { loadActorByEmail } from "../../domain/auth/sessions.server.ts";
import { importCaseload } from "../../domain/imports/caseload-import.server.ts";
import { translator } from "../../i18n/index.ts";

const USAGE = `Usage: allies import FILE --as EMAIL [--dry-run]

Imports a caseload CSV file (participants with their specialist and, optionally,
support persons) as the administrator EMAIL, exactly as the page /admin/import
does: the whole file is checked first, every problem is printed with its line
and column, and nothing is written unless every line passes. Importing the same
file again changes nothing. --dry-run checks and prints what would change.
Exits 0 when imported (or checked clean), 1 when the file has problems, 2 on
wrong usage.`;

export async function importFile(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: { as: { type: "string" }; "dry-run": { type: "boolean" }; help: { type: "boolean" } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: { as: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean" } }, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  const [file] = positionals;
  if (!file || positionals.length > 1 || !values.as) { console.error(USAGE); return 2; }
  let csv: string;
  try {
    csv = await readFile(file, "utf8");
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const t = translator("en");
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const actor = await loadActorByEmail(database.db, values.as);
    if (!actor) { console.error(`There is no active staff account with the email ${values.as}.`); return 2; }
    const dryRun = values["dry-run"] === true;
    const outcome = await importCaseload(database.db, actor, csv, { dryRun }, systemMeta);
    if (!outcome.ok && outcome.reason === "not_allowed") {
      console.error(`${actor.email} may not import a caseload: an administrator's account is needed.`);
      return 2;
    }
    if (!outcome.ok) {
      console.error(t("import.errors.heading", { count: outcome.errors.length }));
      for (const e of outcome.errors) {
        const where = e.line > 0 ? `line ${e.line}` : "file";
        console.error(`${where}${e.column ? `, ${e.column}` : ""}: ${t(e.message as "import.file.empty", { value: e.value ?? "" })}`);
      }
      return 1;
    }
    console.log(t("import.summary", outcome.summary));
    if (dryRun) console.log(t("import.cli.dryRun"));
    return 0;
  } finally {
    await database.close();
  }
}

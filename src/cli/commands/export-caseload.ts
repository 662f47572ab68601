import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { loadActorByEmail } from "../../domain/auth/sessions.server.ts";
import { caseloadCsv, caseloadExportQuerySchema } from "../../domain/exports/caseload-export.ts";
import { exportCaseload } from "../../domain/exports/caseload-export.server.ts";
import { translator } from "../../i18n/index.ts";

const USAGE = `Usage: allies export caseload --as EMAIL [--status active|archived] [--search TEXT] [--out FILE]

Writes the participants of the caseloads the staff member EMAIL may see (their
own, their team's, or the whole program's) as CSV, exactly as the caseload page's
download does, in that person's language. The export is recorded in the audit
log with everyone in it. Without --out the CSV goes to standard output; with it,
FILE is written readable by its owner only (0600). Exits 0 when written, 2 on
wrong usage or an unknown account.`;

type Options = { as: { type: "string" }; status: { type: "string" }; search: { type: "string" }; out: { type: "string" }; help: { type: "boolean" } };

export async function exportCaseloadCsv(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: Options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: { as: { type: "string" }, status: { type: "string" }, search: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } }, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  if (positionals.length !== 1 || positionals[0] !== "caseload" || !values.as) { console.error(USAGE); return 2; }
  if (values.status !== undefined && values.status !== "active" && values.status !== "archived") {
    console.error(`--status is active or archived, not ${values.status}.\n\n${USAGE}`);
    return 2;
  }
  const query = caseloadExportQuerySchema.safeParse({ q: values.search, status: values.status });
  if (!query.success) { console.error(`The search is at most 100 characters.\n\n${USAGE}`); return 2; }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const actor = await loadActorByEmail(database.db, values.as);
    if (!actor) { console.error(`There is no active staff account with the email ${values.as}.`); return 2; }
    const rows = await exportCaseload(database.db, actor, query.data, "cli", systemMeta);
    if (!rows) { console.error(`${actor.email} may see no caseload.`); return 2; }
    const csv = caseloadCsv(rows, translator(actor.locale));
    if (values.out) {
      await writeFile(values.out, csv, { mode: 0o600 });
      console.error(`${rows.length} participants written to ${values.out}.`);
    } else {
      process.stdout.write(csv);
    }
    return 0;
  } finally {
    await database.close();
  }
}

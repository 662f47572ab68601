import { exportCaseloadCsv } from "./export-caseload.ts";
import { exportFhir } from "./export-fhir.ts";

const USAGE = `Usage: allies export caseload --as EMAIL [--status active|archived] [--search TEXT] [--out FILE]
       allies export fhir --participant ID --as EMAIL [--out FILE] [--part2-consent-signed-on YYYY-MM-DD]

caseload   the participants EMAIL may see, as CSV (audited)
fhir       one participant's record as a FHIR R4 Bundle for the program's health record (audited)`;

/** `allies export`: each kind of export has its own options and rules, in its own file. */
export async function exportCommand(args: string[]): Promise<number> {
  if (args[0] === "caseload") return exportCaseloadCsv(args);
  if (args[0] === "fhir") return exportFhir(args);
  console.error(USAGE);
  return 2;
}

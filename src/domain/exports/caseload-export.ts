import { z } from "zod";
import { CSV_START, csvLine } from "../reports/csv.ts";
import type { Translate } from "../../i18n/index.ts";
import { isLocale } from "../../i18n/locales.ts";

/**
 * What a caseload export asks for: the same search and status as the caseload
 * page, without its paging (decision 0045). One schema for the page, the API and
 * the command line.
 */
export const caseloadExportQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  status: z.enum(["active", "archived"]).catch("active").default("active"),
});
export type CaseloadExportQuery = z.infer<typeof caseloadExportQuerySchema>;

/**
 * One participant as a program's spreadsheet needs them: who they are, whose
 * caseload, and where they stand. Nothing a consent governs and nothing clinical
 * (no substance use, no notes, no plan, no benefits, no contact details): an export
 * leaves Allies, so it carries the least that lets a program count and plan.
 */
export interface CaseloadExportRow {
  id: string;
  externalId: string | null;
  lastName: string;
  firstName: string;
  preferredName: string | null;
  specialistName: string;
  teamName: string | null;
  status: "active" | "archived";
  preferredLanguage: string;
  /** The next planned meeting, program wall-clock time (`YYYY-MM-DDTHH:mm`), or null. */
  nextMeeting: string | null;
  /** In a job on the day of the export. */
  working: boolean;
  /** The day the participant was added (YYYY-MM-DD). */
  addedOn: string;
}

const COLUMNS = [
  "export.col.id", "export.col.externalId", "export.col.lastName", "export.col.firstName", "export.col.preferredName", "export.col.specialist",
  "export.col.team", "export.col.status", "export.col.language", "export.col.nextMeeting", "export.col.working", "export.col.addedOn",
] as const;

/**
 * The export as CSV in the reader's language; every cell through csv.ts, so a name
 * typed as a formula stays text. Each row becomes its line as it is read (no list
 * of cells beside the list of rows), and the few words every row repeats (status,
 * language, yes or no) are translated once.
 */
export function caseloadCsv(rows: readonly CaseloadExportRow[], t: Translate): string {
  const words = new Map<string, string>();
  const word = (key: string, translate: () => string) => {
    let text = words.get(key);
    if (text === undefined) words.set(key, text = translate());
    return text;
  };
  const language = (code: string) => word(`language:${code}`, () => (isLocale(code) ? t(`participant.language.${code}`) : code));
  const noTeam = t("report.noTeam");
  const lines = [CSV_START, csvLine(COLUMNS.map((key) => t(key)))];
  for (const r of rows) {
    lines.push(csvLine([
      r.id, r.externalId, r.lastName, r.firstName, r.preferredName, r.specialistName, r.teamName ?? noTeam,
      word(`status:${r.status}`, () => t(`export.status.${r.status}`)), language(r.preferredLanguage), r.nextMeeting?.slice(0, 16).replace("T", " ") ?? null,
      word(`working:${r.working}`, () => t(r.working ? "export.yes" : "export.no")), r.addedOn.slice(0, 10),
    ]));
  }
  return lines.join("");
}

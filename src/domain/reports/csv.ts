/**
 * CSV for spreadsheets (RFC 4180), safe to open in Excel, LibreOffice or Google
 * Sheets. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is read by those programs as a formula (CSV or formula injection: a name typed
 * as `=HYPERLINK(...)` would run when a supervisor opens the export), so such a
 * cell gets a leading apostrophe, which the spreadsheet shows as text. Numbers
 * are written by the caller as numbers and are left alone, negative ones too.
 * Every export (reports now, the record exports of issue 16) goes through here.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formulas and quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The start of every file: a byte-order mark, so Excel reads UTF-8 accents right. */
export const CSV_START = "\uFEFF";

/** One row with its CRLF line end. */
export function csvLine(row: readonly CsvCell[]): string {
  return `${row.map(csvCell).join(",")}\r\n`;
}

/** A whole file: a header row and the rows, CRLF line ends, and a byte-order mark so Excel reads UTF-8 accents right. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return CSV_START + [header, ...rows].map(csvLine).join("");
}

import { parse } from "csv-parse/sync";
import { z } from "zod";
import { EDITABLE_FIELDS, participantInputSchema, type Participant, type ParticipantInput } from "../participants/model.ts";
import { supportPersonInputSchema, type SupportPerson, type SupportPersonInput } from "../network/model.ts";
import { PARTICIPANT_COLUMNS, SUPPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from "./columns.ts";

export { PARTICIPANT_COLUMNS, SUPPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn };

/*
 * The caseload import (issue 16 §3): a CSV file of participants with their
 * specialist and, optionally, their support persons, checked as a whole before
 * anything is written. This module is pure: it reads the file and decides, line by
 * line, what would change; caseload-import.server.ts looks things up and writes.
 */

/** A file over this many lines is refused before any check: split it. */
export const MAX_IMPORT_LINES = 5000;

/** One problem, where the person can fix it: the file's line (the header is line 1) and column. */
export interface ImportError {
  line: number;
  column: ImportColumn | null;
  /** A catalog key; `value` is what the line held, when that helps. */
  message: string;
  value?: string;
}

const PARTICIPANT_FIELD: Record<string, ImportColumn> = {
  firstName: "first_name", lastName: "last_name", preferredName: "preferred_name", phone: "phone", email: "email",
  preferredLanguage: "preferred_language", specialistId: "specialist_email",
};
const SUPPORT_FIELD: Record<string, ImportColumn> = {
  name: "support_name", relationshipKind: "support_relationship", relationshipOther: "support_relationship",
  closeness: "support_closeness", phone: "support_phone", email: "support_email",
};

export interface ImportLine {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export type ReadResult = { ok: true; columns: ImportColumn[]; lines: ImportLine[] } | { ok: false; errors: ImportError[] };

/** Reads the file: UTF-8 (a byte-order mark is allowed), a header line, commas, quotes as Excel writes them. */
export function readCaseloadCsv(text: string): ReadResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 100_000 });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, column: null, message: "import.file.unreadable" }] };
  }
  if (records.length === 0) return { ok: false, errors: [{ line: 1, column: null, message: "import.file.empty" }] };
  if (records.length - 1 > MAX_IMPORT_LINES) return { ok: false, errors: [{ line: MAX_IMPORT_LINES + 2, column: null, message: "import.file.tooLong" }] };
  const header = records[0]!.map((h) => h.toLowerCase());
  const known = new Set<string>([...PARTICIPANT_COLUMNS, ...SUPPORT_COLUMNS]);
  const errors: ImportError[] = [];
  header.forEach((name) => { if (!known.has(name)) errors.push({ line: 1, column: null, message: "import.column.unknown", value: name }); });
  for (const name of REQUIRED_COLUMNS) if (!header.includes(name)) errors.push({ line: 1, column: name, message: "import.column.missing" });
  const seen = new Set<string>();
  for (const name of header) { if (seen.has(name)) errors.push({ line: 1, column: null, message: "import.column.twice", value: name }); seen.add(name); }
  if (errors.length > 0) return { ok: false, errors };
  const columns = header as ImportColumn[];
  const lines = records.slice(1).map((record, index) => {
    const cells: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => { cells[column] = record[i] ?? ""; });
    return { line: index + 2, cells };
  });
  return { ok: true, columns, lines };
}

/** What Allies already holds for the people a file names. */
export interface ImportLookups {
  /** Active specialists the importing administrator may assign to, by lower-case email. */
  specialists: ReadonlyMap<string, string>;
  /** Participants already holding an external id, with their current support persons. */
  existing: ReadonlyMap<string, { participant: Participant; supportPersons: SupportPerson[] }>;
}

export type SupportChange =
  | { kind: "add"; input: SupportPersonInput }
  | { kind: "update"; person: SupportPerson; fields: ("phone" | "email" | "relationshipKind" | "closeness")[]; input: SupportPersonInput };

export interface ParticipantPlan {
  externalId: string;
  line: number;
  name: string;
  /** A new participant, changed fields of one already here, or nothing to do. */
  action: "create" | "update" | "unchanged";
  participantId: string | null;
  input: ParticipantInput;
  specialistId: string;
  fields: string[];
  supportChanges: SupportChange[];
}

export interface ImportPlan {
  errors: ImportError[];
  participants: ParticipantPlan[];
  lineCount: number;
}

const has = (columns: readonly ImportColumn[], c: ImportColumn) => columns.includes(c);

/**
 * Checks every line and works out what importing the file would change. A line
 * whose external id is already in Allies updates that participant's columns given
 * in the file (a blank cell in a given column clears it; a column not in the file
 * leaves the field as it is); a support person is matched by name within the
 * participant's current network.
 */
export function planCaseloadImport(columns: readonly ImportColumn[], lines: readonly ImportLine[], lookups: ImportLookups): ImportPlan {
  const errors: ImportError[] = [];
  const plans = new Map<string, ParticipantPlan>();
  const firstLine = new Map<string, ImportLine>();
  for (const line of lines) {
    const c = line.cells;
    const externalId = (c.external_id ?? "").trim();
    if (!externalId) { errors.push({ line: line.line, column: "external_id", message: "import.externalId.required" }); continue; }
    if (externalId.length > 100) { errors.push({ line: line.line, column: "external_id", message: "common.tooLong" }); continue; }
    const first = firstLine.get(externalId);
    let plan = plans.get(externalId);
    if (first) {
      // A later line for the same person only adds a support person; its own
      // participant cells must be blank or say the same as the first line's.
      for (const column of PARTICIPANT_COLUMNS) {
        const value = c[column] ?? "";
        if (column !== "external_id" && value !== "" && value !== (first.cells[column] ?? "")) {
          errors.push({ line: line.line, column, message: "import.line.differs", value: String(first.line) });
        }
      }
    } else {
      firstLine.set(externalId, line);
      const built = participantOf(line, columns, externalId, lookups, errors);
      if (built) { plan = built; plans.set(externalId, built); }
    }
    if (c.support_name) {
      const change = supportChangeOf(line, columns, plan ?? null, lookups.existing.get(externalId)?.supportPersons ?? [], errors);
      if (change && plan) {
        plan.supportChanges.push(change);
        if (plan.action === "unchanged") plan.action = "update";
      }
    } else if (SUPPORT_COLUMNS.some((s) => s !== "support_name" && c[s])) {
      errors.push({ line: line.line, column: "support_name", message: "import.support.nameRequired" });
    }
  }
  return { errors, participants: errors.length > 0 ? [] : [...plans.values()], lineCount: lines.length };
}

function participantOf(line: ImportLine, columns: readonly ImportColumn[], externalId: string, lookups: ImportLookups, errors: ImportError[]): ParticipantPlan | null {
  const c = line.cells;
  const existing = lookups.existing.get(externalId)?.participant ?? null;
  const specialistEmail = (c.specialist_email ?? "").toLowerCase();
  const specialistId = lookups.specialists.get(specialistEmail) ?? null;
  if (!specialistEmail) errors.push({ line: line.line, column: "specialist_email", message: "import.specialist.required" });
  else if (!specialistId) errors.push({ line: line.line, column: "specialist_email", message: "import.specialist.unknown", value: specialistEmail });
  const given = (column: ImportColumn, current: string | null) => (has(columns, column) ? (c[column] ?? "") : (current ?? ""));
  const candidate = {
    ...(existing ? inputOf(existing) : {}),
    firstName: c.first_name ?? "",
    lastName: c.last_name ?? "",
    preferredName: given("preferred_name", existing?.preferredName ?? null),
    phone: given("phone", existing?.phone ?? null),
    email: given("email", existing?.email ?? null),
    preferredLanguage: given("preferred_language", existing?.preferredLanguage ?? "en") || "en",
    specialistId,
  };
  const parsed = participantInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = PARTICIPANT_FIELD[String(issue.path[0])] ?? null;
      errors.push({ line: line.line, column, message: issue.message });
    }
    return null;
  }
  if (!specialistId) return null;
  const input = parsed.data;
  const name = `${input.firstName} ${input.lastName}`;
  if (!existing) return { externalId, line: line.line, name, action: "create", participantId: null, input, specialistId, fields: [], supportChanges: [] };
  const before = inputOf(existing);
  const fields: string[] = (["firstName", "lastName", "preferredName", "phone", "email", "preferredLanguage"] as const)
    .filter((f) => before[f] !== input[f]);
  if (existing.specialistId !== specialistId) fields.push("specialistId");
  return {
    externalId, line: line.line, name, action: fields.length > 0 ? "update" : "unchanged", participantId: existing.id,
    input, specialistId, fields, supportChanges: [],
  };
}

/** The form's input for a participant as they stand: what an update starts from. */
export function inputOf(p: Participant): ParticipantInput {
  // Every field the form edits, so a field added to the form later is carried over untouched.
  const fields = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, p[f]]));
  return { ...fields, specialistId: p.specialistId } as ParticipantInput;
}

function supportChangeOf(line: ImportLine, columns: readonly ImportColumn[], plan: ParticipantPlan | null, current: SupportPerson[], errors: ImportError[]): SupportChange | null {
  const c = line.cells;
  const name = (c.support_name ?? "").trim();
  const match = current.find((p) => p.endedAt === null && p.name.trim().toLowerCase() === name.toLowerCase()) ?? null;
  if (plan?.supportChanges.some((s) => (s.kind === "add" ? s.input.name : s.person.name).toLowerCase() === name.toLowerCase())) {
    errors.push({ line: line.line, column: "support_name", message: "import.support.twice", value: name });
    return null;
  }
  const given = (column: ImportColumn, currentValue: string | null) => (has(columns, column) && c[column] !== "" ? c[column]! : (currentValue ?? ""));
  const relationship = (c.support_relationship ?? "").toLowerCase().replace(/[\s-]+/g, "_");
  const candidate = {
    name,
    relationshipKind: relationship || match?.relationshipKind || "",
    relationshipOther: match?.relationshipOther ?? null,
    organization: match?.organization ?? null,
    closeness: (c.support_closeness ?? "").toLowerCase() || match?.closeness || "",
    status: match?.status ?? "supportive",
    phone: given("support_phone", match?.phone ?? null),
    email: given("support_email", match?.email ?? null),
    preferredChannel: match?.preferredChannel ?? null,
    helpKinds: match?.helpKinds ?? [],
    notes: match?.notes ?? null,
    firstCall: match?.firstCall ?? false,
    discoveredFrom: match?.discoveredFrom ?? null,
  };
  const parsed = supportPersonInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      const column = SUPPORT_FIELD[field] ?? null;
      // "other" needs its own words, which the file has no column for.
      const message = field === "relationshipOther" ? "import.support.otherNotAllowed" : issue.message;
      errors.push({ line: line.line, column, message });
    }
    return null;
  }
  const input = parsed.data;
  if (!match) return { kind: "add", input };
  const fields = (["phone", "email", "relationshipKind", "closeness"] as const).filter((f) => match[f] !== input[f]);
  return fields.length > 0 ? { kind: "update", person: match, fields, input } : null;
}

/** What a file did or would do, counted for the page and the command line. */
export function summarize(plan: ImportPlan): { created: number; updated: number; unchanged: number; supportAdded: number; supportUpdated: number } {
  const count = (a: ParticipantPlan["action"]) => plan.participants.filter((p) => p.action === a).length;
  const support = plan.participants.flatMap((p) => p.supportChanges);
  return {
    created: count("create"), updated: count("update"), unchanged: count("unchanged"),
    supportAdded: support.filter((s) => s.kind === "add").length, supportUpdated: support.filter((s) => s.kind === "update").length,
  };
}

export const importRequestSchema = z.strictObject({
  csv: z.string().min(1, { error: "import.file.empty" }).max(5_000_000, { error: "import.file.tooLong" }),
  dryRun: z.boolean().default(true),
});

/*
 * The columns of a caseload file (issue 16 §3), apart from the reader so that the
 * page can list them without shipping the CSV parser to the browser.
 */

/** Columns of a participant. `external_id` is the program's own id for the person, the key a re-import matches on. */
export const PARTICIPANT_COLUMNS = [
  "external_id", "first_name", "last_name", "preferred_name", "phone", "email", "preferred_language", "specialist_email",
] as const;
/** Optional columns naming one support person per line; more lines with the same external_id add more people. */
export const SUPPORT_COLUMNS = ["support_name", "support_relationship", "support_closeness", "support_phone", "support_email"] as const;
export const REQUIRED_COLUMNS = ["external_id", "first_name", "last_name", "specialist_email"] as const;
export type ImportColumn = (typeof PARTICIPANT_COLUMNS)[number] | (typeof SUPPORT_COLUMNS)[number];

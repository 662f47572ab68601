import { sql } from "kysely";
import type { Db } from "../index.ts";
import type { Database } from "../schema.ts";
import { DATA_CLOSE, DATA_OPEN, PSEUDO_LOCALE } from "../../i18n/pseudo.ts";

/**
 * The demo data's free text that pages show: names, titles, places, notes. In a
 * pseudo-locale run each value is put between « and », so the page check can tell
 * a participant's name from a word that bypassed the catalog.
 */
const SHOWN_TEXT: { [T in keyof Database]?: (keyof Database[T] & string)[] } = {
  teams: ["name"],
  users: ["name"],
  participants: ["first_name", "last_name", "preferred_name", "work_goal", "school_goal", "job_preferences", "strengths", "interests", "education"],
  support_persons: ["name", "organization", "notes", "relationship_other"],
  consent_grants: ["purpose", "signature_name"],
  meetings: ["title", "place"],
  meeting_entries: ["text", "when_text"],
  concerns: ["description", "mitigation_plan"],
  plan_items: ["description", "frequency", "notes"],
  milestones: ["note"],
  encouragement_notes: ["text", "from_label"],
  help_requests: ["description"],
  benefits_referrals: ["counselor_name", "organization", "notes"],
  pay_stubs: ["employer"],
  support_suggestions: ["name", "how_to_reach", "note"],
  contact_notes: ["summary"],
  program_settings: ["name", "address"],
  jobs: ["employer", "title", "end_note"],
  coaching_notes: ["note"],
  resources: ["name", "description", "contact", "address"],
  advocacy_members: ["name"],
  advocacy_meetings: ["notes"],
  advocacy_speakers: ["name", "event"],
};

/** Shown text kept as JSON (a list, or an object such as a meeting's checklist): each string in it is marked on its own. */
const SHOWN_JSON: { [T in keyof Database]?: (keyof Database[T] & string)[] } = {
  meetings: ["agenda", "checklist"],
  resources: ["languages"],
};

function markStrings(value: unknown): unknown {
  if (typeof value === "string") return value === "" ? value : `${DATA_OPEN}${value}${DATA_CLOSE}`;
  if (Array.isArray(value)) return value.map(markStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, markStrings(inner)]));
  return value;
}

/**
 * Marks the demo data's shown text (see SHOWN_TEXT and SHOWN_JSON), once, right
 * after it is loaded. Everyone (staff, participants, support people) reads
 * the pseudo-locale in such a run, so every page, copy and message made for them is in
 * it (localeFor reads the tag); the Spanish catalog has its own test.
 */
export async function markDemoData(db: Db): Promise<void> {
  await db.updateTable("participants").set({ preferred_language: PSEUDO_LOCALE }).execute();
  await db.updateTable("support_persons").set({ preferred_language: PSEUDO_LOCALE }).execute();
  await db.updateTable("users").set({ locale: PSEUDO_LOCALE }).execute();
  for (const [table, columns] of Object.entries(SHOWN_JSON)) {
    for (const column of columns as string[]) {
      const { rows } = await sql<{ id: string; value: string }>`SELECT id, ${sql.ref(column)} AS value FROM ${sql.table(table)}`.execute(db);
      for (const row of rows) {
        await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${JSON.stringify(markStrings(JSON.parse(row.value)))} WHERE id = ${row.id}`.execute(db);
      }
    }
  }
  for (const [table, columns] of Object.entries(SHOWN_TEXT)) {
    for (const column of columns as string[]) {
      const ref = sql.ref(column);
      await sql`UPDATE ${sql.table(table)} SET ${ref} = ${DATA_OPEN} || ${ref} || ${DATA_CLOSE} WHERE ${ref} IS NOT NULL AND ${ref} <> ''`.execute(db);
    }
  }
}

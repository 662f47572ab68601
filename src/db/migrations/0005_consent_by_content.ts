import { sql, type Kysely } from "kysely";

// Consent by content (issue 9): every piece that can reach someone outside the agency
// carries the consent categories it discloses, as a JSON list in `discloses`. An empty
// list means "not reviewed": it reaches no support person until a specialist marks it.
// Existing pieces get the category they plainly have; free text nobody has marked
// stays unreviewed (guessing would be a disclosure nobody chose). Literals, not the
// live vocabulary, so later changes to it never rewrite history.
const PIECE_TABLES = ["plan_items", "meetings", "meeting_entries", "concerns", "milestones", "encouragement_notes", "benefits_estimate_shares"] as const;

const JOB_WINS = ["job_offer", "first_day", "first_paycheck", "thirty_days", "ninety_days", "raise"];
const GOAL_WINS = ["career_profile_done", "resume_ready", "first_employer_contact", "interview", "school_enrolment"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of PIECE_TABLES) {
    await db.schema.alterTable(table).addColumn("discloses", "text", (c) => c.notNull().defaultTo("[]")).execute();
  }
  // A shared benefits estimate is, by what it is, about benefits and income.
  await db.updateTable("benefits_estimate_shares").set({ discloses: JSON.stringify(["benefits_income"]) }).execute();
  // A win says what happened on the way to work: a job's details, or the work goal.
  await db.updateTable("milestones").set({ discloses: JSON.stringify(["job_details"]) }).where("kind", "in", JOB_WINS).execute();
  await db.updateTable("milestones").set({ discloses: JSON.stringify(["employment_goals"]) }).where("kind", "in", GOAL_WINS).execute();
  // A benefits meeting is about benefits; other meetings are about the job search.
  await db.updateTable("meetings").set({ discloses: JSON.stringify(["benefits_income"]) }).where("kind", "=", "benefits").execute();
  await db.updateTable("meetings").set({ discloses: JSON.stringify(["employment_goals"]) }).where("kind", "in", ["support", "reconnection"]).execute();
  // Meetings held at a place that names substance use treatment disclose it whatever their kind.
  await db.updateTable("meetings").set({ discloses: JSON.stringify([]) })
    .where((eb) => eb.or([eb(sql`lower(place)`, "like", "%methadone%"), eb(sql`lower(place)`, "like", "%recovery%"), eb(sql`lower(place)`, "like", "%detox%")]))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of PIECE_TABLES) {
    await db.schema.alterTable(table).dropColumn("discloses").execute();
  }
}

import type { Kysely } from "kysely";

// Issue 14, section 3 (decision 0036). "Work or school": a participant's school or
// training goal sits beside the work goal. Strengths named at a meeting (entries of
// kind "strength") appear in the career profile; the specialist keeps or removes
// each there, and the choice is kept on the entry (null: not yet reviewed), so the
// meeting's own record is never changed. The support meeting's agenda gains a step,
// "job ideas and career planning", after strengths (step 2): the steps of meetings
// already past it move one on, so each meeting stays on the step it was at.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("participants").addColumn("school_goal", "text").execute();
  await db.schema.alterTable("meeting_entries").addColumn("profile_review", "text").execute();
  await db.updateTable("meetings").set((eb: any) => ({ current_step: eb("current_step", "+", 1) })).where("current_step", ">=", 2).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("meetings").set((eb: any) => ({ current_step: eb("current_step", "-", 1) })).where("current_step", ">=", 3).execute();
  await db.schema.alterTable("meeting_entries").dropColumn("profile_review").execute();
  await db.schema.alterTable("participants").dropColumn("school_goal").execute();
}

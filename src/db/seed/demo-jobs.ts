import type { Db } from "../index.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import { loadActor } from "../../domain/auth/sessions.server.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { createJob, endJob } from "../../domain/jobs/jobs.server.ts";
import { jobEndSchema, jobInputSchema, JOB_END_REASONS } from "../../domain/jobs/model.ts";
import { addDays } from "../../domain/day/model.ts";
import { seededRandom } from "./random.ts";

const EMPLOYERS = [
  ["Green Leaf Grocery", "Stocker"], ["Riverside Library", "Shelver"], ["Sunny Side Diner", "Line cook"], ["Main Street Hardware", "Sales associate"],
  ["City Parks Department", "Grounds helper"], ["Bright Smiles Dental", "Front desk"], ["Quick Wash", "Car wash attendant"], ["Oak Hill Care Home", "Dietary aide"],
  ["Print Shop Plus", "Production helper"], ["Goodwill Workshop", "Sorter"],
] as const;

/**
 * Jobs for the demo (issue 15), written through the job commands as each
 * specialist, so the wins and job-loss follow-ups exist as they would: about a
 * third of the participants working now, some whose job ended (with the follow-up
 * open), competitive and not, spread over the last year so the reports and the
 * supervisor's home have figures to show. Same data every run.
 */
export async function addDemoJobs(db: Db, today: string): Promise<void> {
  const random = seededRandom(1515);
  const specialists = await db.selectFrom("users").select("id").where("role", "=", "specialist").orderBy("email").execute();
  for (const { id: userId } of specialists) {
    const actor = await loadActor(db, userId);
    if (!actor) continue;
    const caseload = await db.selectFrom("participants").select("id").where("specialist_id", "=", userId).where("status", "=", "active")
      .orderBy("last_name").orderBy("first_name").orderBy("id").execute();
    for (const { id } of caseload) {
      if (!random.chance(0.4)) continue;
      const access = await authorizeParticipant(db, actor, id, "update", systemMeta);
      if (!access) continue;
      const [employer, title] = random.pick(EMPLOYERS);
      const startedOn = addDays(today, -random.int(5, 360));
      const competitive = random.chance(0.8);
      const created = await createJob(db, access, jobInputSchema.parse({
        employer, title, startedOn, hoursPerWeek: String(random.pick([10, 15, 20, 25, 32])), hourlyWage: random.pick(["14.50", "15.00", "16.25", "17.75"]),
        competitive, integrated: competitive || random.chance(0.5),
      }), systemMeta);
      if (!created.ok || !random.chance(0.3)) continue;
      const endedOn = addDays(startedOn, random.int(1, Math.max(1, Math.round((Date.parse(today) - Date.parse(startedOn)) / 86_400_000))));
      if (endedOn > today) continue;
      const endReason = random.pick(JOB_END_REASONS);
      await endJob(db, access, created.job.id, jobEndSchema.parse({
        endedOn, endReason, endNote: endReason === "other" ? "Moved across town; the bus ride became too long." : null, version: created.job.version,
      }), systemMeta);
    }
  }
}

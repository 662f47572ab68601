import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../../config.ts";
import { isEmptyDatabase, migrateToLatest, openDatabase } from "../../db/index.ts";
import { DEMO_TOTP_SECRET } from "../../db/seed/authenticator.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from "../../db/seed/demo.ts";
import { BENCH_PASSWORD, seedScale } from "../../db/seed/scale.ts";

const USAGE = `Usage: allies seed [--demo]      the demo program (two teams, about 120 participants)
       allies seed --scale N     N generated participants, 20 per specialist, each with supports,
                                 consent grants, meetings, plan items and an audit trail, for benchmarks

Only loads into a database without users.`;

const scaleSchema = z.coerce.number().int().min(1).max(1_000_000);

export async function seed(args: string[]): Promise<number> {
  let options: { demo?: boolean; scale?: string; help?: boolean };
  try {
    options = parseArgs({ args, options: { demo: { type: "boolean" }, scale: { type: "string" }, help: { type: "boolean" } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.demo && options.scale !== undefined) {
    console.error(`Choose --demo or --scale, not both.\n\n${USAGE}`);
    return 2;
  }
  const scale = options.scale === undefined ? null : scaleSchema.safeParse(options.scale);
  if (scale && !scale.success) {
    console.error(`--scale needs a whole number of participants from 1 to 1,000,000, not "${options.scale}".`);
    return 2;
  }

  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(database.db);
    if (!(await isEmptyDatabase(database.db))) {
      console.error("The database already has users: seed only loads into a new database, so it changes nothing here.");
      return 1;
    }
    if (scale) {
      const started = performance.now();
      const summary = await seedScale(database.db, scale.data);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const specialists = summary.specialistEmails;
      const { extras } = summary;
      console.log(`Seeded ${summary.participants} participants, ${summary.specialists} specialists and ${summary.teams} teams in ${seconds} s (${database.kind}).`);
      console.log(`  with ${extras.supportPersons} support persons, ${extras.consentGrants} consent grants, ${extras.meetings} meetings, ${extras.planItems} plan items, ${extras.jobs} jobs and ${extras.auditRows + 1} audit rows`);
      console.log(`Every account's password is "${BENCH_PASSWORD}":`);
      console.log(`  ${summary.adminEmail.padEnd(30)} admin`);
      console.log(`  ${summary.supervisorEmails[0]!.padEnd(30)} supervisor of Team 1${summary.teams > 1 ? ` (to supervisor${summary.teams}@example.org)` : ""}`);
      console.log(`  ${specialists[0]!.padEnd(30)} specialist${specialists.length > 1 ? ` (to ${specialists[specialists.length - 1]})` : ""}`);
      return 0;
    }
    const stories = await loadDemoData(database.db);
    console.log(`Loaded demo data. Sign in with password "${DEMO_PASSWORD}" as:`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(26)} ${login.role} — ${login.note}`);
    console.log(`The admin signs in with two-factor: add the secret ${DEMO_TOTP_SECRET} to an authenticator app (demo data only).`);
    if (stories.supportLinkPath) console.log(`A support person's own page (Gloria Reyes): ${stories.supportLinkPath} on this server's address`);
    if (stories.participantLinkPath) console.log(`The participant's own page (Gloria Reyes's family member, 7 days): ${stories.participantLinkPath} on this server's address`);
    return 0;
  } finally {
    await database.close();
  }
}

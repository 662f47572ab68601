import { openDatabase } from "../../src/db/index.ts";
import { seedExtras } from "../../src/db/seed/scale-extras.ts";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { cliHas, runCli } from "../../scripts/reliability/harness.ts";

/** `allies seed --scale` gives every generated user this password. */
export const BENCH_PASSWORD = "allies-bench";

export interface BenchWorld {
  specialistEmail: string;
  /** Active participants on that specialist's caseload, for the overview and write scenarios. */
  participantIds: string[];
  /** Name fragments a specialist types into the search box. */
  searchTerms: string[];
  /** One consent grant on the caseload, for the consent form PDF. */
  grant: { participantId: string; grantId: string } | null;
  token: string;
  seedSeconds: number;
  extrasSeconds: number;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/**
 * The scale seed, the extras (unless the seed already made them), and what the
 * scenarios need from the result: a specialist with a full caseload and their token.
 */
export async function seedBenchWorld(databaseUrl: string, n: number, log: (line: string) => void): Promise<BenchWorld> {
  if (!cliHas("seed")) throw new Error("`allies seed --scale N` is not available yet (src/cli/commands/seed.ts is missing).");
  const started = performance.now();
  log(`seeding ${n} participants…`);
  runCli(["migrate"], databaseUrl);
  runCli(["seed", "--scale", String(n)], databaseUrl, { timeoutMs: 3_600_000 });
  return prepareBenchWorld(databaseUrl, seconds(started), log);
}

/** After the scale seed: the extras unless already there, then a specialist with the fullest caseload and their token. */
export async function prepareBenchWorld(databaseUrl: string, seedSeconds: number, log: (line: string) => void): Promise<BenchWorld> {
  const database = openDatabase(databaseUrl);
  try {
    const { db } = database;
    const started = performance.now();
    const { count } = await db.selectFrom("support_persons").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    if (Number(count) === 0) {
      log("adding supports, consent grants and audit rows…");
      let lastShown = 0;
      await seedExtras(db, {
        perParticipant: { supports: 4, grants: 3, auditRows: 50 },
        onProgress: (done) => {
          if (done - lastShown >= 5000) {
            lastShown = done;
            log(`  extras for ${done} participants`);
          }
        },
      });
    }
    const extrasSeconds = seconds(started);

    // The specialist with the fullest caseload: the heaviest ordinary day.
    const busiest = await db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id")
      .select(["u.id", "u.email", (eb) => eb.fn.countAll<number>().as("caseload")])
      .where("p.status", "=", "active").where("u.role", "=", "specialist").where("u.active", "=", 1)
      .groupBy(["u.id", "u.email"]).orderBy("caseload", "desc").orderBy("u.email").limit(1).executeTakeFirst();
    if (!busiest) throw new Error("the scale seed made no specialist with active participants");
    const participants = await db.selectFrom("participants").select(["id", "last_name"])
      .where("specialist_id", "=", busiest.id).where("status", "=", "active").orderBy("last_name").orderBy("id").limit(50).execute();
    const grant = await db.selectFrom("consent_grants").select(["participant_id", "id"])
      .where("participant_id", "in", participants.map((p) => p.id)).orderBy("id").limit(1).executeTakeFirst();

    let token: string;
    if (cliHas("token")) {
      const printed = runCli(["token", "create", "--user", busiest.email, "--name", "bench"], databaseUrl).trim().split("\n");
      token = printed[printed.length - 1]!.trim();
    } else {
      const actor = await loadActor(db, busiest.id);
      if (!actor) throw new Error(`no actor for ${busiest.email}`);
      token = (await createApiToken(db, actor, "bench", systemMeta)).token;
    }
    return {
      specialistEmail: busiest.email,
      participantIds: participants.map((p) => p.id),
      searchTerms: [...new Set(participants.map((p) => p.last_name.slice(0, 3).toLowerCase()))].slice(0, 10),
      grant: grant ? { participantId: grant.participant_id, grantId: grant.id } : null,
      token,
      seedSeconds,
      extrasSeconds,
    };
  } finally {
    await database.close();
  }
}

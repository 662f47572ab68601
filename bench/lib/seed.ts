import { openDatabase } from "../../src/db/index.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { runCli } from "../../scripts/reliability/harness.ts";

import { BENCH_PASSWORD, SCALE_ADMIN_EMAIL } from "../../src/db/seed/scale.ts";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/authenticator.ts";
import { sealTotpSecret } from "../../src/domain/auth/two-factor-seal.ts";

export { BENCH_PASSWORD };

export interface BenchWorld {
  specialistEmail: string;
  /** The administrator, with two-factor on: the reports over the whole program. */
  adminEmail: string;
  /** Active participants on that specialist's caseload, for the page scenarios (overview, network, PDF). */
  participantIds: string[];
  /**
   * Others of the same caseload that only the write scenario adds support persons to.
   * Writing to the pages' participants made their network page grow run after run: after
   * the one-worker run's 9,451 writes, each of twenty participants had some 470 support
   * persons, and the two-worker run's network page took longer than the client's 10 s.
   */
  writeParticipantIds: string[];
  /** Name fragments a specialist types into the search box. */
  searchTerms: string[];
  token: string;
  /** `allies seed --scale N`, in seconds: the people, then their supports, grants, meetings, plan items and audit trail. */
  seedSeconds: number;
  /** What the seed printed about the rows it made. */
  seeded: string;
  /** A personal link of a support person with consent on that caseload: the support person's page scenario. */
  supportLinkPath: string | null;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/**
 * `allies seed --scale N` (the people and everything that hangs off them), then
 * what the scenarios need from the result: the specialist with the fullest
 * caseload, some of their participants and a personal API token.
 */
export async function seedBenchWorld(databaseUrl: string, n: number, log: (line: string) => void): Promise<BenchWorld> {
  const started = performance.now();
  log(`seeding ${n} participants…`);
  const printed = runCli(["seed", "--scale", String(n)], databaseUrl, { timeoutMs: 3_600_000 });
  const seeded = printed.split("\n").find((line) => line.trim().startsWith("with "))?.trim() ?? "";
  const seedSeconds = seconds(started);
  const database = openDatabase(databaseUrl);
  try {
    const { db } = database;
    // The specialist with the fullest caseload: the heaviest ordinary day.
    const busiest = await db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.specialist_id")
      .select(["u.id", "u.email", (eb) => eb.fn.countAll<number>().as("caseload")])
      .where("p.status", "=", "active").where("u.role", "=", "specialist").where("u.active", "=", 1)
      .groupBy(["u.id", "u.email"]).orderBy("caseload", "desc").orderBy("u.email").limit(1).executeTakeFirst();
    if (!busiest) throw new Error("the scale seed made no specialist with active participants");
    const participants = await db.selectFrom("participants").select(["id", "last_name"])
      .where("specialist_id", "=", busiest.id).where("status", "=", "active").orderBy("last_name").orderBy("id").limit(50).execute();
    const split = splitForWrites(participants.map((p) => p.id));
    const supportLinkPath = await supportPersonLink(database.db, busiest.id, split.participantIds);
    // The administrator signs in with two-factor, as every administrator must (decision 0019): the harness computes the code.
    await db.updateTable("users").set({ totp_secret_sealed: await sealTotpSecret(DEMO_TOTP_SECRET, BENCH_PASSWORD), totp_enabled_at: new Date().toISOString() })
      .where("email", "=", SCALE_ADMIN_EMAIL).execute();
    const tokenLines = runCli(["token", "create", "--user", busiest.email, "--name", "bench"], databaseUrl).trim().split("\n");
    return {
      specialistEmail: busiest.email,
      adminEmail: SCALE_ADMIN_EMAIL,
      ...split,
      searchTerms: [...new Set(participants.map((p) => p.last_name.slice(0, 3).toLowerCase()))].slice(0, 10),
      token: tokenLines[tokenLines.length - 1]!.trim(),
      seedSeconds,
      seeded,
      supportLinkPath,
    };
  } finally {
    await database.close();
  }
}

/** How many of the caseload take the write scenario's new support persons (the rest are read by the pages). */
export const WRITE_PARTICIPANTS = 4;

/** The caseload's last few for the writes, the rest for the pages; a caseload too small to split serves both. */
export function splitForWrites(ids: readonly string[]): { participantIds: string[]; writeParticipantIds: string[] } {
  if (ids.length <= WRITE_PARTICIPANTS) return { participantIds: [...ids], writeParticipantIds: [...ids] };
  return { participantIds: ids.slice(0, -WRITE_PARTICIPANTS), writeParticipantIds: ids.slice(-WRITE_PARTICIPANTS) };
}

/** The first support person on these participants' networks who holds consent in force gets a link, made as their specialist would. */
export async function supportPersonLink(db: ReturnType<typeof openDatabase>["db"], specialistId: string, participantIds: string[]): Promise<string | null> {
  if (participantIds.length === 0) return null;
  // A grant still in force, held by a person who may be contacted: a link is only
  // issued to someone reachable (src/domain/links/policy.ts).
  const today = new Date().toISOString().slice(0, 10);
  const holder = await db.selectFrom("consent_grants as g").innerJoin("support_persons as sp", "sp.id", "g.support_person_id")
    .select(["g.participant_id", "g.support_person_id"])
    .where("g.participant_id", "in", participantIds).where("g.ended_at", "is", null)
    .where((eb) => eb.or([eb("g.expires_on", "is", null), eb("g.expires_on", ">=", today)]))
    .where("sp.ended_at", "is", null).where("sp.status", "!=", "do_not_contact")
    .orderBy("g.participant_id").limit(1).executeTakeFirst();
  const actor = await loadActor(db, specialistId);
  const access = holder && actor ? await authorizeParticipant(db, actor, holder.participant_id, "update", systemMeta) : null;
  if (!holder || !access) return null;
  const issued = await issuePersonalLink(db, access, { kind: "support_person", participantId: holder.participant_id, supportPersonId: holder.support_person_id }, systemMeta);
  return issued.ok ? issued.link.path : null;
}

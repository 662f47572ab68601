import type { Db } from "../../src/db/index.ts";
import type { Caller } from "./http.ts";
import type { Results } from "./report.ts";

const AREA = "concurrency";

async function auditCount(db: Db, entityId: string, action: string): Promise<number> {
  const row = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("entity_id", "=", entityId).where("action", "=", action as never).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Several people save the same record from the same version at the same moment:
 * exactly one wins, the others get 409 with the winner's record, the stored record
 * is the winner's, and exactly one audit row is written per round.
 */
export async function checkConcurrency(results: Results, database: string, db: Db, sessions: Caller[], participantId: string, rounds = 12): Promise<void> {
  const problems: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const current = await sessions[0]!.api("GET", `/participants/${participantId}`, undefined, { via: "session" });
    if (current.status !== 200) throw new Error(`reading the record answered ${current.status}`);
    const version = current.json.version as number;
    const auditBefore = await auditCount(db, participantId, "participant.update");
    const writers = round % 3 === 0 ? sessions : sessions.slice(0, 2);
    const answers = await Promise.all(writers.map((session, i) => session.api("PUT", `/participants/${participantId}`, {
      firstName: current.json.firstName, lastName: current.json.lastName, workGoal: `round ${round} by writer ${i}`, version,
    }, { via: "session" })));
    const winners = answers.map((a, i) => ({ a, i })).filter(({ a }) => a.status === 200);
    const losers = answers.filter((a) => a.status === 409);
    const stored = await db.selectFrom("participants").select(["work_goal", "version"]).where("id", "=", participantId).executeTakeFirstOrThrow();
    const auditAfter = await auditCount(db, participantId, "participant.update");
    const label = `round ${round} (${writers.length} writers)`;
    if (winners.length !== 1 || losers.length !== writers.length - 1) {
      problems.push(`${label}: answered ${answers.map((a) => a.status).join("/")}`);
      continue;
    }
    const winner = `round ${round} by writer ${winners[0]!.i}`;
    if (stored.work_goal !== winner) problems.push(`${label}: stored "${stored.work_goal}", the 200 went to "${winner}"`);
    if (Number(stored.version) !== version + 1) problems.push(`${label}: version ${version} -> ${stored.version}`);
    if (losers.some((l) => l.json?.error?.current?.workGoal !== winner)) problems.push(`${label}: a 409 did not carry the winner's record`);
    if (auditAfter - auditBefore !== 1) problems.push(`${label}: ${auditAfter - auditBefore} audit rows`);
  }
  results.record(AREA, database, `same participant saved at once, ${rounds} rounds`, problems.length === 0,
    problems.slice(0, 3).join("; ") || "one 200 and the rest 409 every round; the winner's text stored; one audit row each");
}

/** The same race on a support person, through the network API. */
export async function checkSupportPersonRace(results: Results, database: string, db: Db, sessions: Caller[], participantId: string, rounds = 8): Promise<void> {
  const created = await sessions[0]!.api("POST", `/participants/${participantId}/support-persons`, { name: "Race Helper", relationshipKind: "friend", closeness: "friends" }, { via: "session" });
  if (created.status !== 201) {
    results.record(AREA, database, "same support person saved at once", false, `creating the person answered ${created.status}`);
    return;
  }
  const personId = created.json.id as string;
  let version = created.json.version as number;
  const problems: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const answers = await Promise.all(sessions.slice(0, 2).map((session, i) => session.api("PUT", `/participants/${participantId}/support-persons/${personId}`, {
      name: `Race Helper ${round}-${i}`, relationshipKind: "friend", closeness: "friends", version,
    }, { via: "session" })));
    const statuses = answers.map((a) => a.status).sort();
    const stored = await db.selectFrom("support_persons").select(["name", "version"]).where("id", "=", personId).executeTakeFirstOrThrow();
    const winner = answers.findIndex((a) => a.status === 200);
    if (statuses.join() !== "200,409") problems.push(`round ${round}: answered ${statuses.join("/")}`);
    else if (stored.name !== `Race Helper ${round}-${winner}`) problems.push(`round ${round}: stored "${stored.name}", the 200 went to writer ${winner}`);
    version = Number(stored.version);
  }
  results.record(AREA, database, `same support person saved at once, ${rounds} rounds`, problems.length === 0, problems.slice(0, 3).join("; ") || "one 200 and one 409 every round; the winner's text stored");
}

/** The same race on a plan item, whose history keeps every saved version: one winner a round, one history row for it, none for the loser. */
export async function checkPlanItemRace(results: Results, database: string, db: Db, sessions: Caller[], participantId: string, rounds = 8): Promise<void> {
  const created = await sessions[0]!.api("POST", `/participants/${participantId}/plan-items`, { kind: "rides", description: "Race rides", provider: "specialist" }, { via: "session" });
  if (created.status !== 201) {
    results.record(AREA, database, "same plan item saved at once", false, `creating the item answered ${created.status}`);
    return;
  }
  const itemId = created.json.id as string;
  let version = created.json.version as number;
  const problems: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const answers = await Promise.all(sessions.slice(0, 2).map((session, i) => session.api("PUT", `/participants/${participantId}/plan-items/${itemId}`, {
      kind: "rides", description: `Race rides ${round}-${i}`, provider: "specialist", version,
    }, { via: "session" })));
    const statuses = answers.map((a) => a.status).sort();
    const stored = await db.selectFrom("plan_items").select(["description", "version"]).where("id", "=", itemId).executeTakeFirstOrThrow();
    const history = await db.selectFrom("plan_item_versions").select(["version", "snapshot"]).where("plan_item_id", "=", itemId).execute();
    const winner = answers.findIndex((a) => a.status === 200);
    if (statuses.join() !== "200,409") problems.push(`round ${round}: answered ${statuses.join("/")}`);
    else if (stored.description !== `Race rides ${round}-${winner}`) problems.push(`round ${round}: stored "${stored.description}", the 200 went to writer ${winner}`);
    else if (history.length !== Number(stored.version) || history.some((h) => h.snapshot.includes(`Race rides ${round}-${1 - winner}`))) {
      problems.push(`round ${round}: ${history.length} history rows for version ${stored.version}, or the loser's text in them`);
    }
    version = Number(stored.version);
  }
  results.record(AREA, database, `same plan item saved at once, ${rounds} rounds`, problems.length === 0,
    problems.slice(0, 3).join("; ") || "one 200 and one 409 every round; the winner's text stored; one history row per saved version");
}

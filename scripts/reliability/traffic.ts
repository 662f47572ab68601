import type { Db } from "../../src/db/index.ts";
import { seededRandom } from "../../src/db/seed/random.ts";
import type { Caller } from "./http.ts";
import { meetingAt } from "./dates.ts";

/** A write the server said 2xx to: it must be in the database afterwards. */
export type Acknowledged =
  | { kind: "participant"; id: string; lastName: string }
  | { kind: "support person"; id: string; name: string }
  | { kind: "update"; id: string; version: number; workGoal: string }
  | { kind: "plan item"; id: string; description: string }
  | { kind: "meeting"; id: string; title: string; agenda: string[] };

export interface TrafficStats {
  requests: number;
  statuses: Record<string, number>;
  /** 5xx answers, with what was asked. */
  serverErrors: string[];
  /** Requests that got no answer at all (refused connection, reset, timeout). */
  unanswered: number;
  /** Why the first few went unanswered: the operation, the error and how long it waited. */
  unansweredWhy: string[];
  acknowledged: Acknowledged[];
}

export function newStats(): TrafficStats {
  return { requests: 0, statuses: {}, serverErrors: [], unanswered: 0, unansweredWhy: [], acknowledged: [] };
}

export interface TrafficClient {
  number: number;
  caller: Caller;
  /** Participants this client's person may work on. */
  participants: string[];
  /** The specialist this client's person puts new participants with. */
  assignTo: string;
}

type Op = "overview page" | "search page" | "API list" | "create support person" | "create participant" | "update participant" | "create plan item" | "create meeting";
const MIXED: [Op, number][] = [
  ["overview page", 20], ["search page", 10], ["API list", 15], ["create support person", 15], ["create participant", 10], ["update participant", 15],
  ["create plan item", 8], ["create meeting", 7],
];
const WRITES: [Op, number][] = [
  ["create support person", 25], ["create participant", 20], ["update participant", 20], ["create plan item", 20], ["create meeting", 15],
];

/**
 * One client's loop: pick an operation, send it, count the answer, remember every
 * acknowledged write. Stops at the deadline, or (when told) at the first request
 * that gets no answer, as a person would when the server is gone.
 */
export async function runClient(client: TrafficClient, stats: TrafficStats, options: { until: number; mix: "mixed" | "writes"; stopWhenUnanswered: boolean }): Promise<void> {
  const random = seededRandom(1000 + client.number);
  const weights = options.mix === "mixed" ? MIXED : WRITES;
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const pickOp = (): Op => {
    let roll = random.next() * total;
    for (const [op, w] of weights) if ((roll -= w) < 0) return op;
    return weights[0]![0];
  };
  const { caller } = client;
  for (let i = 0; Date.now() < options.until; i++) {
    const op = pickOp();
    const participantId = random.pick(client.participants);
    const tag = `c${client.number}-${i}`;
    const sent = performance.now();
    try {
      const count = (status: number, what: string) => {
        stats.requests++;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        if (status >= 500) stats.serverErrors.push(`${what} answered ${status}`);
      };
      switch (op) {
        case "overview page": {
          const answer = await caller.page(`/participants/${participantId}`);
          count(answer.status, op);
          break;
        }
        case "search page": {
          const answer = await caller.page(`/participants?q=${random.pick(["qu", "mor", "load", "ort", "a"])}`);
          count(answer.status, op);
          break;
        }
        case "API list": {
          const answer = await caller.api("GET", `/participants?page=${random.int(1, 3)}`);
          count(answer.status, op);
          break;
        }
        case "create support person": {
          const name = `Load Helper ${tag}`;
          const answer = await caller.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "community" });
          count(answer.status, op);
          if (answer.status === 201) stats.acknowledged.push({ kind: "support person", id: answer.json.id, name });
          break;
        }
        case "create participant": {
          const lastName = `Load ${tag}`;
          const answer = await caller.api("POST", "/participants", { firstName: "Lo", lastName, specialistId: client.assignTo, workGoal: "Anything with people" });
          count(answer.status, op);
          if (answer.status === 201) stats.acknowledged.push({ kind: "participant", id: answer.json.id, lastName });
          break;
        }
        case "create plan item": {
          const description = `Load rides ${tag}`;
          const answer = await caller.api("POST", `/participants/${participantId}/plan-items`, { kind: "rides", description, provider: "specialist", frequency: "Weekdays" });
          count(answer.status, op);
          if (answer.status === 201) stats.acknowledged.push({ kind: "plan item", id: answer.json.id, description });
          break;
        }
        case "create meeting": {
          const title = `Load meeting ${tag}`;
          const agenda = ["Welcome", `What went well ${tag}`, "Next steps"];
          const answer = await caller.api("POST", `/participants/${participantId}/meetings`, { kind: "support", title, scheduledAt: meetingAt(21, "15:30"), place: "The office", agenda });
          count(answer.status, op);
          if (answer.status === 201) stats.acknowledged.push({ kind: "meeting", id: answer.json.id, title, agenda });
          break;
        }
        case "update participant": {
          const current = await caller.api("GET", `/participants/${participantId}`);
          count(current.status, "read before update");
          if (current.status !== 200) break;
          const workGoal = `Goal ${tag}`;
          const answer = await caller.api("PUT", `/participants/${participantId}`, {
            firstName: current.json.firstName, lastName: current.json.lastName, workGoal, version: current.json.version,
          });
          count(answer.status, op);
          if (answer.status === 200) stats.acknowledged.push({ kind: "update", id: participantId, version: answer.json.version, workGoal });
          break;
        }
      }
    } catch (error) {
      stats.unanswered++;
      if (stats.unansweredWhy.length < 3) stats.unansweredWhy.push(`${op}: ${reason(error)} after ${Math.round(performance.now() - sent)} ms`);
      if (options.stopWhenUnanswered) return;
    }
  }
}

/** A fetch failure in a few words: undici hides the socket's error in `cause`. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The cause of the cause: Caller.raw wraps fetch's error, and undici hides the socket's error in its own.
  const inner = error.cause instanceof Error && error.cause.cause instanceof Error ? error.cause.cause as Error & { code?: string } : null;
  return `${error.message}${inner ? ` (${inner.code ?? inner.name}: ${inner.message})` : ""}`;
}

/** Looks for every acknowledged write; two updates acknowledged at the same version would be a lost update. */
export async function findAcknowledged(db: Db, acknowledged: Acknowledged[]): Promise<{ missing: string[]; lostUpdates: string[] }> {
  const missing: string[] = [];
  const ids = (kind: Acknowledged["kind"]) => acknowledged.filter((a) => a.kind === kind).map((a) => a.id);
  const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / 500) }, (_, i) => items.slice(i * 500, i * 500 + 500));
  const participants = new Map<string, { last_name: string; version: number; work_goal: string | null }>();
  for (const chunk of chunks([...new Set([...ids("participant"), ...ids("update")])])) {
    for (const row of await db.selectFrom("participants").select(["id", "last_name", "version", "work_goal"]).where("id", "in", chunk).execute()) {
      participants.set(row.id, { last_name: row.last_name, version: Number(row.version), work_goal: row.work_goal });
    }
  }
  const people = new Map<string, string>();
  for (const chunk of chunks(ids("support person"))) {
    for (const row of await db.selectFrom("support_persons").select(["id", "name"]).where("id", "in", chunk).execute()) people.set(row.id, row.name);
  }
  const items = new Map<string, string>();
  for (const chunk of chunks(ids("plan item"))) {
    for (const row of await db.selectFrom("plan_items").select(["id", "description"]).where("id", "in", chunk).execute()) items.set(row.id, row.description);
  }
  const meetings = new Map<string, { title: string; agenda: string }>();
  for (const chunk of chunks(ids("meeting"))) {
    for (const row of await db.selectFrom("meetings").select(["id", "title", "agenda"]).where("id", "in", chunk).execute()) meetings.set(row.id, row);
  }
  const latest = new Map<string, Extract<Acknowledged, { kind: "update" }>>();
  const seenVersions = new Map<string, string>();
  const lostUpdates: string[] = [];
  for (const ack of acknowledged) {
    if (ack.kind === "participant" && participants.get(ack.id)?.last_name !== ack.lastName) missing.push(`participant ${ack.lastName}`);
    if (ack.kind === "support person" && people.get(ack.id) !== ack.name) missing.push(`support person ${ack.name}`);
    if (ack.kind === "plan item" && items.get(ack.id) !== ack.description) missing.push(`plan item ${ack.description}`);
    if (ack.kind === "meeting") {
      const row = meetings.get(ack.id);
      if (row?.title !== ack.title) missing.push(`meeting ${ack.title}`);
      else if (row.agenda !== JSON.stringify(ack.agenda)) missing.push(`meeting ${ack.title} (agenda stored as ${row.agenda})`);
    }
    if (ack.kind === "update") {
      const key = `${ack.id}@${ack.version}`;
      if (seenVersions.has(key)) lostUpdates.push(`${seenVersions.get(key)} and ${ack.workGoal} both saved as version ${ack.version}`);
      seenVersions.set(key, ack.workGoal);
      const row = participants.get(ack.id);
      if (!row || row.version < ack.version) missing.push(`update ${ack.workGoal}`);
      if (!latest.has(ack.id) || latest.get(ack.id)!.version < ack.version) latest.set(ack.id, ack);
    }
  }
  for (const [id, ack] of latest) {
    const row = participants.get(id);
    if (row && row.version === ack.version && row.work_goal !== ack.workGoal) missing.push(`update ${ack.workGoal} (overwritten without a version change)`);
  }
  return { missing, lostUpdates };
}

import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import { auditTrailOf, type AuditTrail } from "../../db/audit-trail.ts";
import type { Database } from "../../db/schema.ts";
import { checkpointSignatureHolds, macAuditRow, signCheckpoint, type AuditCheckpoint } from "./chain.ts";

const checkpointLineSchema = z.object({
  kind: z.enum(["anchor", "periodic", "manual", "shutdown", "restore"]),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  keyedFromSeq: z.number().int().min(0),
  backup: z.string().nullable(),
  mac: z.string(),
});

export interface CheckpointFile {
  file: string | null;
  /** Lines whose signature holds, in the order they were written. */
  checkpoints: AuditCheckpoint[];
  /** Lines that do not parse or whose signature does not hold under this key. */
  bad: { line: number; reason: string }[];
}

/** Reads every checkpoint line and checks its signature; a file that does not exist has none. */
export function readCheckpoints(trail: AuditTrail): CheckpointFile {
  const result: CheckpointFile = { file: trail.checkpointsFile, checkpoints: [], bad: [] };
  if (!trail.checkpointsFile || !existsSync(trail.checkpointsFile)) return result;
  const lines = readFileSync(trail.checkpointsFile, "utf8").split("\n");
  lines.forEach((text, index) => {
    if (text.trim() === "") return;
    let parsed;
    try {
      parsed = checkpointLineSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      result.bad.push({ line: index + 1, reason: "it is not a checkpoint" });
      return;
    }
    const { mac, ...checkpoint } = parsed.data;
    if (!checkpointSignatureHolds(trail.checkpointKey, checkpoint, mac)) {
      result.bad.push({ line: index + 1, reason: "its signature does not hold under this audit key" });
      return;
    }
    result.checkpoints.push(checkpoint);
  });
  return result;
}

function appendCheckpoint(trail: AuditTrail, checkpoint: AuditCheckpoint): void {
  if (!trail.checkpointsFile) return;
  mkdirSync(dirname(trail.checkpointsFile), { recursive: true });
  // One short line per append: O_APPEND keeps lines from several app servers whole.
  const line = JSON.stringify({ ...checkpoint, mac: signCheckpoint(trail.checkpointKey, checkpoint) });
  appendFileSync(trail.checkpointsFile, `${line}\n`, { mode: 0o600 });
}

// The same type as src/db/index.ts's Db, which imports this module (to anchor on migrate).
type Db = Kysely<Database>;

async function readHead(db: Db) {
  return db.selectFrom("audit_head").select(["seq", "hash", "keyed_from_seq"]).where("id", "=", 1).executeTakeFirstOrThrow();
}

/**
 * Signs the chain's current end. The last row is checked against the head and the
 * key, and the end against the checkpoints before it, so a checkpoint never
 * vouches for an end someone has already moved.
 */
export async function checkpointAuditChain(
  db: Db,
  kind: Exclude<AuditCheckpoint["kind"], "anchor">,
  backup: string | null = null,
  now = new Date(),
): Promise<AuditCheckpoint | null> {
  const trail = auditTrailOf(db);
  if (!trail.checkpointsFile) return null;
  // The file is read before the head: another app server may sign a later end at any
  // moment (decision 0042), and a head read first could look cut against it.
  const signedBefore = readCheckpoints(trail).checkpoints;
  const head = await readHead(db);
  const seq = Number(head.seq);
  const keyedFromSeq = Number(head.keyed_from_seq);
  if (seq > 0) {
    const last = await db.selectFrom("audit_log").selectAll().where("seq", "=", seq).executeTakeFirst();
    const holds = last !== undefined && last.hash === head.hash &&
      (seq <= keyedFromSeq || macAuditRow(trail.rowKey, last.prev_hash, { ...last, seq }) === last.hash);
    if (!holds) throw new Error(`The audit log's last row does not match its recorded end (row ${seq}); no checkpoint was written. Run \`allies audit verify\`.`);
  }
  if (kind !== "restore") {
    // Only a restore may move the end back; otherwise signing would bless a truncation.
    const since = signedBefore.slice(Math.max(signedBefore.findLastIndex((c) => c.kind === "restore"), 0));
    const furthest = Math.max(0, ...since.map((c) => c.seq));
    if (seq < furthest) throw new Error(`The audit log ends at row ${seq}, before the signed checkpoint of row ${furthest}; no checkpoint was written. Run \`allies audit verify\`.`);
  }
  const checkpoint: AuditCheckpoint = { kind, seq, hash: head.hash, at: now.toISOString(), keyedFromSeq, backup };
  appendCheckpoint(trail, checkpoint);
  return checkpoint;
}

export type AnchorState = "anchored" | "already_anchored" | "no_checkpoint_file" | "unanchored";

/**
 * Signs where the keyless chain ends, once, before any keyed row exists (the
 * migration that brought the key set that point). If keyed rows exist and no
 * checkpoint vouches for the chain, the checkpoints were lost or removed: signing
 * the database's word now would bless whatever it holds, so nothing is written
 * and `allies audit verify` reports the log as unanchored.
 */
export async function anchorAuditChain(db: Db, now = new Date()): Promise<AnchorState> {
  const trail = auditTrailOf(db);
  if (!trail.checkpointsFile) return "no_checkpoint_file";
  const { checkpoints } = readCheckpoints(trail);
  if (checkpoints.some((c) => c.kind === "anchor" || c.kind === "restore")) return "already_anchored";
  const head = await readHead(db);
  if (Number(head.seq) !== Number(head.keyed_from_seq)) return "unanchored";
  appendCheckpoint(trail, {
    kind: "anchor", seq: Number(head.seq), hash: head.hash, at: now.toISOString(),
    keyedFromSeq: Number(head.keyed_from_seq), backup: null,
  });
  return "anchored";
}

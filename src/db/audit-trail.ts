import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

/**
 * The secrets and places that make the audit log tamper-evident
 * (docs/decisions/0017-audit-key-and-checkpoints.md): a key that is not in the
 * database, and a file of signed checkpoints outside it.
 */
export interface AuditTrail {
  /** Signs each row's hash (HMAC-SHA256); derived from the audit key. */
  rowKey: Buffer;
  /** Signs each checkpoint; derived from the same key, so one secret serves both. */
  checkpointKey: Buffer;
  /** Where the key came from, for messages: never the key itself. */
  keySource: string;
  /** The append-only file of signed checkpoints; null for an in-memory database. */
  checkpointsFile: string | null;
}

const KEY_TEXT = /^[0-9a-fA-F]{64,}$/;
const KEY_HINT = "at least 64 hexadecimal characters (32 random bytes), e.g. made with `openssl rand -hex 32`";

function deriveTrail(secret: Buffer, keySource: string, checkpointsFile: string | null): AuditTrail {
  // Separate keys per use: a row hash can never be passed off as a checkpoint signature.
  const derive = (label: string) => createHmac("sha256", secret).update(label).digest();
  return { rowKey: derive("allies audit row v1"), checkpointKey: derive("allies audit checkpoint v1"), keySource, checkpointsFile };
}

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!KEY_TEXT.test(trimmed)) throw new Error(`Allies cannot start: the audit key in ${where} must be ${KEY_HINT}.`);
  return Buffer.from(trimmed, "hex");
}

/**
 * The key file beside an embedded database: made on first start, readable by its
 * owner only, and refused when anyone else could read it, since whoever holds the
 * key can rewrite the log undetected.
 */
export function readOrCreateKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new Error(
      `Allies cannot start: the audit key file ${file} can be read or changed by other users (mode ${mode.toString(8).padStart(4, "0")}). ` +
        `Make it private with \`chmod 600 ${file}\`, or set ALLIES_AUDIT_KEY instead.`,
    );
  }
  return parseKey(readFileSync(file, "utf8"), file);
}

export type AuditTrailPlace = { kind: "sqlite"; path: string } | { kind: "postgres"; database: string };

/**
 * ALLIES_AUDIT_KEY when set; otherwise, for an embedded database only, its key file.
 * PostgreSQL has no "beside the database" on the app's disk, and every app server
 * must share one key, so there the variable is required.
 */
export function resolveAuditTrail(place: AuditTrailPlace, env: NodeJS.ProcessEnv = process.env): AuditTrail {
  const checkpointsDir = env.ALLIES_AUDIT_CHECKPOINTS?.trim() || null;
  if (place.kind === "postgres") {
    if (!env.ALLIES_AUDIT_KEY) {
      throw new Error(
        `Allies cannot start: ALLIES_AUDIT_KEY is not set. On PostgreSQL every app server needs the same audit key, ${KEY_HINT}; ` +
          "keep it in your secret store, not in the database.",
      );
    }
    const file = join(checkpointsDir ?? join("data", "audit-checkpoints"), `${place.database}.audit-checkpoints.jsonl`);
    return deriveTrail(parseKey(env.ALLIES_AUDIT_KEY, "ALLIES_AUDIT_KEY"), "ALLIES_AUDIT_KEY", file);
  }
  if (place.path === ":memory:") {
    // Nothing outlives an in-memory database, so neither its key nor its checkpoints need to.
    const secret = env.ALLIES_AUDIT_KEY ? parseKey(env.ALLIES_AUDIT_KEY, "ALLIES_AUDIT_KEY") : randomBytes(32);
    return deriveTrail(secret, "an in-memory key", null);
  }
  const file = join(checkpointsDir ?? dirname(place.path), `${basename(place.path)}.audit-checkpoints.jsonl`);
  if (env.ALLIES_AUDIT_KEY) return deriveTrail(parseKey(env.ALLIES_AUDIT_KEY, "ALLIES_AUDIT_KEY"), "ALLIES_AUDIT_KEY", file);
  const keyFile = `${place.path}.audit-key`;
  return deriveTrail(readOrCreateKeyFile(keyFile), keyFile, file);
}

// A registered symbol, not `instanceof`: the server build bundles its own copy of this
// module, and the database is opened by the CLI's copy.
const TRAIL = Symbol.for("allies.auditTrail");

/**
 * Carries the audit trail with the Kysely instance into every transaction made
 * from it, so code that appends audit rows inside a caller's transaction finds the
 * key of the database it writes to. It changes no query.
 */
export class AuditTrailPlugin implements KyselyPlugin {
  readonly [TRAIL]: AuditTrail;
  constructor(trail: AuditTrail) {
    this[TRAIL] = trail;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function auditTrailOf(db: Kysely<any>): AuditTrail {
  for (const plugin of db.getExecutor().plugins) {
    const trail = (plugin as Partial<Record<typeof TRAIL, AuditTrail>>)[TRAIL];
    if (trail) return trail;
  }
  throw new Error("This database was opened without an audit key (use openDatabase).");
}

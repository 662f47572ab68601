import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Every test process gets an audit key of its own, made now and never stored in the
// repository, shared by the databases it opens and the `allies` processes it starts
// (a backup restores into another database under the same key, as in one
// installation). Scratch PostgreSQL databases keep their signed checkpoints in a
// temporary folder of this process; SQLite ones beside their file.
process.env.ALLIES_AUDIT_KEY ||= randomBytes(32).toString("hex");
if (process.env.TEST_DB === "postgres") process.env.ALLIES_AUDIT_CHECKPOINTS ||= mkdtempSync(path.join(tmpdir(), "allies-checkpoints-"));

import { z } from "zod";
import { DEFAULT_LOCK_WAIT_MS } from "./db/sqlite-driver.ts";
import { parseTrustedProxies } from "./server/trusted-proxies.ts";
import { MAX_WORKERS } from "./server/workers.ts";

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./data/allies.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set when the app is reached over plain http other than localhost; cookies are Secure otherwise. */
  ALLIES_INSECURE_COOKIES: z.enum(["0", "1"]).default("0"),
  /**
   * Tests and development only: pages in English are shown in the pseudo-locale and
   * the demo data is marked (src/i18n/pseudo.ts), to find words that bypass the
   * catalog. Ignored unless the server loads demo data.
   */
  ALLIES_PSEUDO_LOCALE: z.enum(["0", "1"]).default("0"),
  /** Whether a new, empty embedded database gets the demo data. Never applies to PostgreSQL. */
  ALLIES_DEMO_DATA: z.enum(["0", "1"]).default("1"),
  /** Connections beyond this many are closed at once (each holds a file descriptor). */
  ALLIES_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(1_000),
  /** A staff session ends after this many minutes without a request. */
  ALLIES_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /**
   * How often the server appends a signed checkpoint of the audit chain's end
   * (docs/decisions/0017). ALLIES_AUDIT_KEY and ALLIES_AUDIT_CHECKPOINTS are read
   * where the database is opened (src/db/audit-trail.ts).
   */
  ALLIES_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /**
   * Embedded SQLite: how long a request waits for the write lock while another
   * process holds it, before it is answered 503 with Retry-After.
   */
  ALLIES_SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_LOCK_WAIT_MS),
  /** A staff session ends this many hours after sign-in, however busy. */
  ALLIES_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /**
   * Messages (decision 0025). SMTP_URL (smtp:// or smtps://, with user and password)
   * sends email; without it every email goes to the development mailbox page.
   */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: "SMTP_URL starts with smtp:// or smtps://" }).optional(),
  /** The From of every email. */
  SMTP_FROM: z.string().min(3).default("Allies <no-reply@localhost>"),
  /** The address people open Allies at, for the links in messages (their page, unsubscribe). */
  ALLIES_PUBLIC_URL: z.url().optional(),
  /** A send that takes longer is abandoned and tried again later; the worker's claim outlasts it. */
  ALLIES_MESSAGE_SEND_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  /** How often the message worker and the reminder scheduler look for work. "0" turns both off in this process. */
  ALLIES_MESSAGE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(15),
  /**
   * How many HTTP worker processes `allies serve` runs (decision 0040); `--workers N`
   * wins over it. Unset: one per available core. 1: a single process, no cluster.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(MAX_WORKERS).optional(),
  /**
   * The proxies whose X-Forwarded-For is believed (src/server/trusted-proxies.ts): by
   * default only one on this machine. Behind a shared load balancer, list its addresses.
   */
  ALLIES_TRUSTED_PROXIES: z.string().default("loopback").transform((value, ctx) => {
    const parsed = parseTrustedProxies(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }
    return parsed.proxies;
  }),
  /** PostgreSQL: the most connections each process of the server opens (decision 0040). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1_000).default(10),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Allies cannot start: the environment has settings it does not understand:\n${problems}`);
  }
  return parsed.data;
}

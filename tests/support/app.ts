import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/authenticator.ts";
import { totpCode } from "../../src/domain/auth/two-factor.ts";
import { freshDatabase } from "./db.ts";
import { Client, startTestServer } from "./server.ts";
import { buildWorld, TEST_PASSWORD, type World } from "./world.ts";

export interface TestApp {
  /** The test file's own database, migrated, with the world of support/world.ts in it. */
  readonly database: DbHandle;
  readonly world: World;
  /** The real HTTP server on that database. */
  readonly url: string;
  /** A client signed in through the sign-in form as this user. */
  clientFor(email: string, password?: string): Promise<Client>;
  /** The audit log's last sequence number, to read what a step wrote after it. */
  lastSeq(): Promise<number>;
}

/**
 * One test file's world: a fresh database (SQLite or PostgreSQL, per TEST_DB), the
 * people and participants of buildWorld, and the app's HTTP server on it, made before
 * the file's tests and closed after them. Call once at the top of a file.
 */
export function useTestApp(): TestApp {
  let database: DbHandle | undefined;
  let world: World | undefined;
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  beforeAll(async () => {
    database = await freshDatabase();
    world = await buildWorld(database.db);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useTestApp: the app is made in beforeAll; use it inside a test");
    return value;
  };
  const app: TestApp = {
    get database() { return ready(database); },
    get world() { return ready(world); },
    get url() { return ready(server).url; },
    async clientFor(email, password = TEST_PASSWORD) {
      const client = new Client(ready(server).url);
      // An admin signs in with two-factor, and a code signs in only once (decision 0019). Tests sign the
      // same admin in many times a minute, so the step last used is forgotten around this sign-in rather
      // than waiting 30 seconds for the authenticator's next code.
      const forgetLastStep = () => ready(database).db.updateTable("users").set({ totp_last_step: null }).where("email", "=", email.toLowerCase()).execute();
      await forgetLastStep();
      await client.signIn(email, password, totpCode(DEMO_TOTP_SECRET));
      await forgetLastStep();
      return client;
    },
    async lastSeq() {
      return Number((await ready(database).db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow()).seq);
    },
  };
  return app;
}

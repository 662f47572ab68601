import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { createHttpApp } from "../../src/server/app.ts";
import { createHttpServer, DEFAULT_CONNECTION_LIMITS } from "../../src/server/listen.ts";
import { freshDatabase } from "../support/db.ts";
import { Client } from "../support/server.ts";
import { buildWorld, type World } from "../support/world.ts";

// ALLIES_TRUSTED_PROXIES (README, several app servers): the address a sign-in is
// counted and audited against is the one a trusted proxy forwards, and only then.
let database: DbHandle;
let world: World;
const closers: (() => Promise<void>)[] = [];

async function serve(trustedProxies?: string[]): Promise<string> {
  const root = path.resolve(import.meta.dirname, "../..");
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const server = createHttpServer(createHttpApp({ database, log: pino({ level: "silent" }), build, secureCookies: false, trustedProxies }), DEFAULT_CONNECTION_LIMITS).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A failed sign-in sent through a "proxy" that says the client is `client`; the address the audit row records. */
async function failedSignInRecordsAddress(url: string, client: string): Promise<string | null> {
  const browser = new Client(url);
  await browser.fetch("/sign-in");
  const before = await database.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow();
  const response = await browser.fetch("/sign-in", {
    method: "POST",
    body: new URLSearchParams({ _csrf: browser.csrf, email: world.users.specialist1.email, password: "not the password", code: "" }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url, "x-forwarded-for": client },
  });
  expect(response.status).toBe(401);
  const row = await database.db.selectFrom("audit_log").select(["ip", "action"]).where("seq", ">", Number(before.seq ?? 0)).orderBy("seq", "desc").executeTakeFirstOrThrow();
  return row.ip;
}

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
});

afterAll(async () => {
  for (const close of closers) await close();
  await database.close();
});

describe("whose forwarded address is believed", () => {
  it("by default, a proxy on this machine names the client", async () => {
    expect(await failedSignInRecordsAddress(await serve(), "203.0.113.7")).toBe("203.0.113.7");
  });

  it("when only the load balancer's range is trusted, a request from elsewhere cannot name itself", async () => {
    const address = await failedSignInRecordsAddress(await serve(["10.0.0.0/8"]), "203.0.113.8");
    expect(address).not.toBe("203.0.113.8");
    expect(address).toMatch(/127\.0\.0\.1$/);
  });
});

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { freshDatabase, testDbKind } from "../support/db.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Starts `allies serve` as a child process and resolves once it is listening. */
function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, ["src/cli/main.ts", "serve"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<{ url: string; output: () => string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve({ url: match[1]!.replace("localhost", "127.0.0.1"), output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const stop = () => new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  return { ready, stop };
}

describe("starting the app", () => {
  it.runIf(testDbKind() === "sqlite")("loads demo data into a new embedded database once, and keeps data on the next start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "allies-start-"));
    const url = `file:${path.join(dir, "allies.db")}`;

    const first = startServe({ DATABASE_URL: url });
    const { url: base, output } = await first.ready;
    expect(output()).toContain("admin@example.org");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await first.stop();

    const handle = openDatabase(url);
    const count = async () => Number((await handle.db.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const demoCount = await count();
    expect(demoCount).toBeGreaterThan(100);
    await handle.db.updateTable("participants").set({ work_goal: "Kept across restarts" }).where("id", "=", (await handle.db.selectFrom("participants").select("id").limit(1).executeTakeFirstOrThrow()).id).execute();
    await handle.close();

    const second = startServe({ DATABASE_URL: url });
    const again = await second.ready;
    expect(again.output()).not.toContain("Loaded demo data");
    await second.stop();

    const reopened = openDatabase(url);
    expect(Number((await reopened.db.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(demoCount);
    const kept = await reopened.db.selectFrom("participants").select("id").where("work_goal", "=", "Kept across restarts").execute();
    expect(kept).toHaveLength(1);
    await reopened.close();
  });

  it.runIf(testDbKind() === "postgres")("never loads demo data into PostgreSQL", async () => {
    const database = await freshDatabase();
    const first = startServe({ DATABASE_URL: database.url });
    const { output } = await first.ready;
    await first.stop();
    expect(output()).not.toContain("Loaded demo data");
    const users = await database.db.selectFrom("users").select("id").execute();
    expect(users).toHaveLength(0);
    await database.close();
  });
});

import { describe, expect, it } from "vitest";
import { Client } from "../support/server.ts";
import { TEST_PASSWORD } from "../support/world.ts";
import { useTestApp } from "../support/app.ts";

// Staff sessions end when idle and after a working day, and sign-in leads only within the site.
const app = useTestApp();

async function signedIn(): Promise<{ client: Client; setCookie: string }> {
  const client = new Client(app.url);
  const response = await client.postForm("/sign-in", { email: "spec1@test.org", password: TEST_PASSWORD });
  expect(response.status).toBe(302);
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith("allies_session="))!;
  return { client, setCookie };
}

async function latestSession() {
  const user = app.world.users.specialist1;
  return app.database.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).orderBy("created_at", "desc").executeTakeFirstOrThrow();
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe("a staff session", () => {
  it("lives in a session cookie, not one kept on disk for days", async () => {
    const { setCookie } = await signedIn();
    expect(setCookie).not.toMatch(/Max-Age|Expires/i);
    const session = await latestSession();
    const hours = (Date.parse(session.expires_at) - Date.parse(session.created_at)) / 3_600_000;
    expect(hours).toBe(12);
  });

  it("ends after 30 minutes without a request, and a request before that keeps it going", async () => {
    const { client } = await signedIn();
    const session = await latestSession();
    await app.database.db.updateTable("sessions").set({ last_seen_at: minutesAgo(29) }).where("id", "=", session.id).execute();
    expect((await client.fetch("/participants")).status).toBe(200);
    const touched = await app.database.db.selectFrom("sessions").select("last_seen_at").where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(Date.parse(touched.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);

    await app.database.db.updateTable("sessions").set({ last_seen_at: minutesAgo(31) }).where("id", "=", session.id).execute();
    const idle = await client.fetch("/participants");
    expect(idle.status).toBe(302);
    expect(idle.headers.get("location")).toMatch(/^\/sign-in/);
    expect(await app.database.db.selectFrom("sessions").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
    expect((await client.api("GET", "/participants")).status).toBe(401);
  });

  it("ends 12 hours after sign-in however busy it is", async () => {
    const { client } = await signedIn();
    const session = await latestSession();
    await app.database.db.updateTable("sessions").set({ created_at: minutesAgo(12 * 60 + 1), last_seen_at: minutesAgo(1) }).where("id", "=", session.id).execute();
    expect((await client.fetch("/participants")).status).toBe(302);
  });
});

describe("where sign-in leads", () => {
  it("never off the site, and never to a server error", async () => {
    for (const next of ["%2F%09%2Fevil.example", "/%0A/x", "%2F%5Cevil.example", "https%3A%2F%2Fevil.example"]) {
      const client = new Client(app.url);
      await client.fetch("/sign-in");
      const body = new URLSearchParams({ _csrf: client.csrf, email: "spec1@test.org", password: TEST_PASSWORD });
      const response = await client.fetch(`/sign-in?next=${next}`, {
        method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
      });
      expect(response.status, next).toBe(302);
      expect(response.headers.get("location"), next).toBe("/participants");
    }
  });
});

import { describe, expect, it } from "vitest";
import { SIGN_IN_DELAYS } from "../../src/domain/auth/sign-in-delays.ts";
import { Client } from "../support/server.ts";
import { TEST_PASSWORD } from "../support/world.ts";
import { useTestApp } from "../support/app.ts";

// Authorization through the real HTTP stack, on pages and the API alike.
const app = useTestApp();
const { clientFor } = app;

describe("who sees which participant", () => {
  it("gives a team-2 specialist 404 for a team-1 participant, on the page and the API", async () => {
    const spec2 = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    const page = await spec2.fetch(`/participants/${id}`);
    const missingPage = await spec2.fetch(`/participants/00000000-0000-4000-8000-000000000000`);
    expect(page.status).toBe(404);
    expect(missingPage.status).toBe(404);
    // A refusal looks exactly like a record that does not exist.
    // (The CSP nonce differs on every response, so it is left out of the comparison.)
    const withoutNonce = (html: string) => {
      const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
      return nonce ? html.split(nonce).join("") : html;
    };
    expect(withoutNonce(await page.text())).toBe(withoutNonce(await missingPage.text()));

    const api = await spec2.api("GET", `/participants/${id}`);
    const missingApi = await spec2.api("GET", `/participants/00000000-0000-4000-8000-000000000000`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual(await missingApi.json());

    const put = await spec2.api("PUT", `/participants/${id}`, { firstName: "X", lastName: "Y", version: 1 });
    expect(put.status).toBe(404);
  });

  it("audits each refused attempt as access.refused, while answering exactly like a missing record", async () => {
    const spec2 = await clientFor("spec2@test.org");
    const id = app.world.participants.participant1.id;
    const ghost = "00000000-0000-4000-8000-000000000001";
    const refusals = () => app.database.db.selectFrom("audit_log").select(["actor_label", "participant_id", "entity_id", "details"])
      .where("action", "=", "access.refused").orderBy("seq").execute();
    const before = (await refusals()).length;

    // A page of another area (the plan) and an API call of another area (the network), for a team-1 participant.
    const plan = await spec2.fetch(`/participants/${id}/plan`);
    const missingPlan = await spec2.fetch(`/participants/${ghost}/plan`);
    expect(plan.status).toBe(404);
    expect(missingPlan.status).toBe(404);
    const withoutNonce = (html: string) => {
      const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
      return nonce ? html.split(nonce).join("") : html;
    };
    expect(withoutNonce(await plan.text())).toBe(withoutNonce(await missingPlan.text()));
    const network = await spec2.api("GET", `/participants/${id}/support-persons`);
    const missingNetwork = await spec2.api("GET", `/participants/${ghost}/support-persons`);
    expect(network.status).toBe(404);
    expect(await network.json()).toEqual(await missingNetwork.json());

    const rows = (await refusals()).slice(before);
    expect(rows.map((r) => ({ ...r, details: JSON.parse(r.details) }))).toEqual([
      { actor_label: "spec2@test.org", participant_id: id, entity_id: id, details: { action: "read:participant", entityType: "participant", reason: "not_permitted" } },
      { actor_label: "spec2@test.org", participant_id: null, entity_id: ghost, details: { action: "read:participant", entityType: "participant", reason: "not_found" } },
      { actor_label: "spec2@test.org", participant_id: id, entity_id: id, details: { action: "read:participant", entityType: "participant", reason: "not_permitted" } },
      { actor_label: "spec2@test.org", participant_id: null, entity_id: ghost, details: { action: "read:participant", entityType: "participant", reason: "not_found" } },
    ]);
  });

  it("lets the specialist whose caseload it is read it", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const response = await spec1.api("GET", `/participants/${app.world.participants.participant1.id}`);
    expect(response.status).toBe(200);
    expect((await response.json()).firstName).toBe("Pat");
    const page = await spec1.fetch(`/participants/${app.world.participants.participant1.id}`);
    expect(page.status).toBe(200);
  });

  it("keeps a specialist to their own caseload even within the team", async () => {
    const spec1 = await clientFor("spec1@test.org");
    expect((await spec1.api("GET", `/participants/${app.world.participants.participant1b.id}`)).status).toBe(404);
    const list = await (await spec1.api("GET", "/participants")).json();
    expect(list.participants.map((p: { id: string }) => p.id)).toEqual([app.world.participants.participant1.id]);
  });

  it("shows a supervisor their team's caseloads only", async () => {
    const sup1 = await clientFor("sup1@test.org");
    const list = await (await sup1.api("GET", "/participants")).json();
    const ids = list.participants.map((p: { id: string }) => p.id).sort();
    expect(ids).toEqual([app.world.participants.participant1.id, app.world.participants.participant1b.id].sort());
    expect((await sup1.api("GET", `/participants/${app.world.participants.participant2.id}`)).status).toBe(404);
  });

  it("shows an admin everyone", async () => {
    const admin = await clientFor("admin@test.org");
    const list = await (await admin.api("GET", "/participants")).json();
    expect(list.total).toBe(3);
  });

  it("refuses the API without a session or token, and a cookie change without the CSRF header", async () => {
    const anonymous = new Client(app.url);
    expect((await anonymous.api("GET", "/participants")).status).toBe(401);
    const spec1 = await clientFor("spec1@test.org");
    const response = await spec1.fetch("/api/v1/participants", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ firstName: "A", lastName: "B" }),
    });
    expect(response.status).toBe(403);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const anonymous = new Client(app.url);
    const response = await anonymous.fetch(`/participants/${app.world.participants.participant1.id}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in\?next=/);
  });
});

describe("saving over a newer version", () => {
  it("answers 409 with the current record and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const first = await spec1.api("PUT", `/participants/${id}`, { firstName: "Pat", lastName: "Quinn", workGoal: "Bakery", version: 1 });
    expect(first.status).toBe(200);
    expect((await first.json()).version).toBe(2);
    const stale = await spec1.api("PUT", `/participants/${id}`, { firstName: "Pat", lastName: "Quinn", workGoal: "Florist", version: 1 });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error.current.workGoal).toBe("Bakery");
    const now = await (await spec1.api("GET", `/participants/${id}`)).json();
    expect(now.workGoal).toBe("Bakery");
  });

  it("returns field-by-field errors for a bad body and stores nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const before = await (await spec1.api("GET", "/participants")).json();
    const response = await spec1.api("POST", "/participants", { firstName: "", lastName: 7, unexpected: true });
    expect(response.status).toBe(400);
    const body = await response.json();
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["firstName", "lastName"]));
    expect(body.error.fields.find((f: { path: string }) => f.path === "firstName").message).toMatch(/first name/i);
    const after = await (await spec1.api("GET", "/participants")).json();
    expect(after.total).toBe(before.total);
  });
});

describe("the caseload page", () => {
  it("finds by part of a name, pages, and takes an over-long search without failing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const found = await (await spec1.fetch("/participants?q=qui")).text();
    expect(found).toContain("Quinn, Pat");
    const long = await spec1.fetch(`/participants?q=${"x".repeat(300)}&page=abc&status=nonsense`);
    expect(long.status).toBe(200);
    expect(await long.text()).toContain("No one matches");
  });
});

describe("sign-in", () => {
  it("makes the next attempt wait after repeated wrong passwords, with a clear message", async () => {
    const client = new Client(app.url);
    for (let i = 0; i <= SIGN_IN_DELAYS.freePerAccount; i++) {
      const response = await client.postForm("/sign-in", { email: "sup2@test.org", password: "wrong password" });
      expect(response.status).toBe(401);
    }
    const limited = await client.postForm("/sign-in", { email: "sup2@test.org", password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/You can try again in \d+ seconds?/);
  });

  it("sets a httpOnly SameSite session cookie and refuses a form without the CSRF token", async () => {
    const client = new Client(app.url);
    await client.fetch("/sign-in");
    const response = await client.fetch("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "spec1@test.org", password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
    const ok = await client.postForm("/sign-in", { email: "spec1@test.org", password: TEST_PASSWORD });
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("allies_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("ends the session on sign out", async () => {
    const client = await clientFor("spec1@test.org");
    expect((await client.api("GET", "/participants")).status).toBe(200);
    const out = await client.postForm("/sign-out", {});
    expect(out.status).toBe(302);
    expect((await client.api("GET", "/participants")).status).toBe(401);
  });
});

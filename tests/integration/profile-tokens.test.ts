import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { createUserDirect, deactivateUser, reactivateUser } from "../../src/domain/users/users.server.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// The profile page: own details, personal API tokens, signing out everywhere.
const app = useTestApp();
const { clientFor } = app;

function bearer(token: string) {
  return fetch(`${app.url}/api/v1/participants`, { headers: { authorization: `Bearer ${token}` } });
}

describe("profile", () => {
  it("shows the signed-in person's name, email, role and team", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const page = await spec1.fetch("/profile");
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of ["Spec One", "spec1@test.org", "Employment specialist", "Team One"]) expect(html).toContain(text);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const response = await new Client(app.url).fetch("/profile");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?next=%2Fprofile");
  });
});

describe("personal API tokens", () => {
  it("shows a new token once; it works as a Bearer token until revoked", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const created = await spec1.postForm("/profile/tokens", { name: "caseload script" });
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain("It will not be shown again");
    const token = /allies_pat_[\w-]+/.exec(html)?.[0];
    if (!token) throw new Error("no token on the page");

    const list = await bearer(token);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.participants.map((p: { id: string }) => p.id)).toEqual([app.world.participants.participant1.id]);

    // Afterwards the page lists the token by name, never the secret again.
    const profile = await (await spec1.fetch("/profile")).text();
    expect(profile).toContain("caseload script");
    expect(profile).not.toContain(token);
    const tokenId = /action="\/profile\/tokens\/([\w-]+)\/revoke"/.exec(profile)?.[1];
    if (!tokenId) throw new Error("no revoke form");

    const revoked = await spec1.postForm(`/profile/tokens/${tokenId}/revoke`, {});
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("location")).toBe("/profile?revoked=1#tokens");
    expect((await bearer(token)).status).toBe(401);
    expect(await (await spec1.fetch("/profile?revoked=1")).text()).toContain("Revoked");

    const actions = await app.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", tokenId).orderBy("seq").execute();
    expect(actions.map((a) => a.action)).toEqual(["token.create", "token.revoke"]);
  });

  it("asks for a name", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const response = await spec1.postForm("/profile/tokens", { name: "  " });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Give the token a name.");
  });

  it("does not let one person revoke another's token", async () => {
    const others = await createApiToken(app.database.db, app.world.actors.specialist2, "theirs", { ip: null, requestId: null });
    const spec1 = await clientFor("spec1@test.org");
    const response = await spec1.postForm(`/profile/tokens/${others.id}/revoke`, {});
    expect(response.status).toBe(409);
    expect((await bearer(others.token)).status).toBe(200);
  });
});

describe("a token's life", () => {
  it("works for 90 days, records its last use at most once a minute, and then stops", async () => {
    const spec1 = app.world.actors.specialist1;
    const made = await createApiToken(app.database.db, spec1, "nightly report", { ip: null, requestId: null });
    const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const row = () => app.database.db.selectFrom("api_tokens").selectAll().where("id", "=", made.id).executeTakeFirstOrThrow();
    expect((await row()).last_used_at).toBeNull();

    expect((await bearer(made.token)).status).toBe(200);
    const firstUse = (await row()).last_used_at;
    expect(firstUse).not.toBeNull();
    expect((await bearer(made.token)).status).toBe(200);
    expect((await row()).last_used_at).toBe(firstUse);

    await app.database.db.updateTable("api_tokens").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", made.id).execute();
    expect((await bearer(made.token)).status).toBe(401);
    const page = await (await clientFor("spec1@test.org")).fetch("/profile");
    expect(await page.text()).toContain("Expired");
  });

  it("is revoked when its owner is deactivated, and stays revoked after reactivation", async () => {
    const admin = app.world.actors.admin;
    const made = await createUserDirect(app.database.db, { email: "leaver@test.org", name: "Leaver", role: "admin", password: "long enough password" }, { ip: null, requestId: null });
    if (!made.ok) throw new Error("user not made");
    const leaver = (await loadActor(app.database.db, made.user.id))!;
    const token = await createApiToken(app.database.db, leaver, "script", { ip: null, requestId: null });
    expect((await bearer(token.token)).status).toBe(200);
    const version = (await app.database.db.selectFrom("users").select("version").where("id", "=", leaver.userId).executeTakeFirstOrThrow()).version;
    expect((await deactivateUser(app.database.db, admin, leaver.userId, Number(version), { ip: null, requestId: null })).ok).toBe(true);
    expect((await bearer(token.token)).status).toBe(401);
    expect((await reactivateUser(app.database.db, admin, leaver.userId, Number(version) + 1, { ip: null, requestId: null })).ok).toBe(true);
    expect((await bearer(token.token)).status).toBe(401);
    const revoked = await app.database.db.selectFrom("api_tokens").select("revoked_at").where("id", "=", token.id).executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
  });
});

describe("signing out of all sessions", () => {
  it("ends every session of the person and clears the cookie", async () => {
    const laptop = await clientFor("sup1@test.org");
    const phone = await clientFor("sup1@test.org");
    const someoneElse = await clientFor("sup2@test.org");
    const response = await laptop.postForm("/profile/sign-out-everywhere", {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in");
    expect(laptop.cookies.has("allies_session")).toBe(false);

    for (const client of [laptop, phone]) {
      const page = await client.fetch("/profile");
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/sign-in/);
    }
    expect((await someoneElse.fetch("/profile")).status).toBe(200);
    const audit = await app.database.db.selectFrom("audit_log").select("action").where("actor_id", "=", app.world.users.supervisor1.id)
      .where("action", "=", "user.sign_out_all").execute();
    expect(audit).toHaveLength(1);
  });
});

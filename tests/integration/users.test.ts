import { describe, expect, it } from "vitest";
import { changeRole, createUserDirect, deactivateUser, inviteUser } from "../../src/domain/users/users.server.ts";
import { Client } from "../support/server.ts";
import { TEST_PASSWORD } from "../support/world.ts";
import { useTestApp } from "../support/app.ts";

// Staff accounts through the real HTTP stack: invitations, roles, deactivation.
const app = useTestApp();
const { clientFor } = app;
const meta = { ip: "203.0.113.7", requestId: "users-test" };
const NEW_PASSWORD = "a brand new pass phrase";

async function auditActions(entityId: string) {
  const rows = await app.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).orderBy("seq").execute();
  return rows.map((r) => r.action);
}

async function userByEmail(email: string) {
  return app.database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
}

function invitationPath(html: string): string {
  const match = /\/invitations\/([\w-]{20,})/.exec(html);
  if (!match) throw new Error("no invitation link on the page");
  return match[0];
}

describe("inviting a staff member", () => {
  it("creates a user who is signed in at once and can sign in again later", async () => {
    const admin = await clientFor("admin@test.org");
    const invite = await admin.postForm("/admin/users", { email: "New.Person@Test.org", name: "New Person", role: "specialist", teamId: app.world.teams.team2.id });
    expect(invite.status).toBe(200);
    const page = await invite.text();
    expect(page).toContain("It will not be shown again");
    const link = invitationPath(page);

    // Only the link's hash is stored.
    const stored = await app.database.db.selectFrom("invitations").selectAll().where("email", "=", "new.person@test.org").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(link.split("/").pop());
    expect(stored.expires_at > new Date(Date.now() + 6.9 * 86_400_000).toISOString()).toBe(true);
    expect(await auditActions(stored.id)).toEqual(["user.invite"]);

    const newcomer = new Client(app.url);
    const form = await newcomer.fetch(link);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("new.person@test.org");

    const accepted = await newcomer.postForm(link, { name: "Nadia Person", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/participants");
    expect(newcomer.cookies.has("allies_session")).toBe(true);
    const profile = await newcomer.fetch("/profile");
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain("Nadia Person");

    const user = await userByEmail("new.person@test.org");
    expect(user).toMatchObject({ name: "Nadia Person", role: "specialist", team_id: app.world.teams.team2.id, active: 1 });
    expect(await auditActions(user.id)).toEqual(["user.accept_invitation"]);

    const later = await clientFor("new.person@test.org", NEW_PASSWORD);
    expect((await later.api("GET", "/participants")).status).toBe(200);

    // The link works once.
    const again = await new Client(app.url).fetch(link);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("already used");
    const reused = await new Client(app.url).postForm(link, { name: "Someone Else", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(reused.status).toBe(409);
  });

  it("asks for a team for a specialist, and refuses an email that already has an account", async () => {
    const admin = await clientFor("admin@test.org");
    const noTeam = await admin.postForm("/admin/users", { email: "someone@test.org", name: "Some One", role: "specialist", teamId: "" });
    expect(noTeam.status).toBe(400);
    expect(await noTeam.text()).toContain("Choose a team for a specialist or supervisor.");
    const taken = await admin.postForm("/admin/users", { email: "spec1@test.org", name: "Spec Again", role: "admin", teamId: "" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("There is already an account with this email.");
  });

  it("checks the new password and refuses expired or unknown links", async () => {
    const created = await inviteUser(app.database.db, app.world.actors.admin, { email: "late@test.org", name: "Late", role: "admin", teamId: null }, meta);
    if (!created.ok) throw new Error("invite failed");
    const newcomer = new Client(app.url);
    const short = await newcomer.postForm(created.path, { name: "Late", password: "too short", confirm: "too short" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Use at least 12 characters");
    const mismatch = await newcomer.postForm(created.path, { name: "Late", password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    expect(mismatch.status).toBe(400);

    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const old = await inviteUser(app.database.db, app.world.actors.admin, { email: "old@test.org", name: "Old", role: "admin", teamId: null }, meta, eightDaysAgo);
    if (!old.ok) throw new Error("invite failed");
    const expired = await newcomer.fetch(old.path);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain("expired");
    const refused = await newcomer.postForm(old.path, { name: "Old", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(refused.status).toBe(409);

    expect((await newcomer.fetch("/invitations/not-a-real-token")).status).toBe(404);
    expect(await app.database.db.selectFrom("users").select("id").where("email", "in", ["late@test.org", "old@test.org"]).execute()).toEqual([]);
  });
});

describe("who may manage users", () => {
  it("answers 404 to specialists and supervisors, on every admin page and form", async () => {
    for (const email of ["spec1@test.org", "sup1@test.org"]) {
      const client = await clientFor(email);
      expect((await client.fetch("/admin/users")).status).toBe(404);
      expect((await client.fetch(`/admin/users/${app.world.users.specialist1.id}`)).status).toBe(404);
      expect((await client.fetch("/admin/audit")).status).toBe(404);
      const invite = await client.postForm("/admin/users", { email: "sneaky@test.org", name: "Sneaky", role: "admin", teamId: "" });
      expect(invite.status).toBe(404);
      const promote = await client.postForm(`/admin/users/${app.world.users.specialist1.id}`, { intent: "change", role: "admin", teamId: "", version: "1" });
      expect(promote.status).toBe(404);
    }
    expect(await app.database.db.selectFrom("invitations").select("id").where("email", "=", "sneaky@test.org").execute()).toEqual([]);
    expect((await userByEmail("spec1@test.org")).role).toBe("specialist");
  });

  it("lists every account with role, team and status for an admin", async () => {
    const admin = await clientFor("admin@test.org");
    const page = await admin.fetch("/admin/users");
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ["Ada Admin", "Sue One", "Spec Two", "Team One", "Employment specialist"]) expect(html).toContain(name);
  });
});

describe("deactivating an account", () => {
  it("ends the person's sessions and keeps them from signing in until reactivated", async () => {
    const target = app.world.users.specialist1b;
    const theirs = await clientFor("spec1b@test.org");
    expect((await theirs.fetch("/participants")).status).toBe(200);

    const admin = await clientFor("admin@test.org");
    const version = Number((await userByEmail("spec1b@test.org")).version);
    const deactivated = await admin.postForm(`/admin/users/${target.id}`, { intent: "deactivate", version: String(version) });
    expect(deactivated.status).toBe(302);
    expect((await userByEmail("spec1b@test.org")).active).toBe(0);
    expect(await app.database.db.selectFrom("sessions").select("id").where("user_id", "=", target.id).execute()).toEqual([]);

    const after = await theirs.fetch("/participants");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await theirs.api("GET", "/participants")).status).toBe(401);
    const signIn = await new Client(app.url).postForm("/sign-in", { email: "spec1b@test.org", password: TEST_PASSWORD });
    expect(signIn.status).toBe(401);

    const reactivated = await admin.postForm(`/admin/users/${target.id}`, { intent: "reactivate", version: String(version + 1) });
    expect(reactivated.status).toBe(302);
    await clientFor("spec1b@test.org");
    expect(await auditActions(target.id)).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
  });

  it("does not let an admin deactivate themselves", async () => {
    const admin = await clientFor("admin@test.org");
    const page = await admin.fetch(`/admin/users/${app.world.users.admin.id}`);
    expect(await page.text()).toContain("You cannot deactivate your own account.");
    const response = await admin.postForm(`/admin/users/${app.world.users.admin.id}`, { intent: "deactivate", version: "1" });
    expect(response.status).toBe(403);
    expect((await userByEmail("admin@test.org")).active).toBe(1);
    const direct = await deactivateUser(app.database.db, app.world.actors.admin, app.world.users.admin.id, 1, meta);
    expect(direct).toEqual({ ok: false, reason: "not_allowed" });
  });
});

describe("changing a role", () => {
  it("saves over the version the admin saw, and reports a conflict otherwise", async () => {
    const target = app.world.users.specialist2;
    const first = await clientFor("admin@test.org");
    const second = await clientFor("admin@test.org");
    const saved = await first.postForm(`/admin/users/${target.id}`, { intent: "change", role: "supervisor", teamId: app.world.teams.team2.id, version: "1" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/admin/users/${target.id}?done=saved`);

    const stale = await second.postForm(`/admin/users/${target.id}`, { intent: "change", role: "admin", teamId: "", version: "1" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Someone changed this account while you were looking at it.");
    expect(await userByEmail("spec2@test.org")).toMatchObject({ role: "supervisor", team_id: app.world.teams.team2.id, version: 2 });

    const rows = await app.database.db.selectFrom("audit_log").selectAll().where("entity_id", "=", target.id).where("action", "=", "user.change_role").execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ from: { role: "specialist" }, to: { role: "supervisor" }, fromVersion: 1 });

    // The new role's permissions apply on the next request.
    const promoted = await clientFor("spec2@test.org");
    const list = await (await promoted.api("GET", "/participants")).json();
    expect(list.total).toBe(1);
  });

  it("returns the current account on a conflict and writes nothing", async () => {
    const target = app.world.users.supervisor2;
    const before = await app.database.db.selectFrom("audit_log").select("seq").execute();
    const result = await changeRole(app.database.db, app.world.actors.admin, target.id, { role: "admin", teamId: null, version: 7 }, meta);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "conflict") throw new Error("expected a conflict");
    expect(result.current).toMatchObject({ id: target.id, role: "supervisor", version: 1 });
    expect((await app.database.db.selectFrom("audit_log").select("seq").execute()).length).toBe(before.length);
  });

  it("refuses a team that does not exist and an admin changing their own role", async () => {
    const admin = app.world.actors.admin;
    const noTeam = await changeRole(app.database.db, admin, app.world.users.supervisor1.id, { role: "supervisor", teamId: "no-such-team", version: 1 }, meta);
    expect(noTeam).toEqual({ ok: false, reason: "invalid_team" });
    const self = await changeRole(app.database.db, admin, admin.userId, { role: "specialist", teamId: app.world.teams.team1.id, version: 1 }, meta);
    expect(self).toEqual({ ok: false, reason: "not_allowed" });
  });
});

describe("allies create-user", () => {
  it("creates an account that can sign in, with the team given by name, and audits it", async () => {
    const result = await createUserDirect(app.database.db, { email: "Cli@Test.org", name: "Cli User", role: "supervisor", teamId: "Team One", password: NEW_PASSWORD });
    if (!result.ok) throw new Error(`create failed: ${result.reason}`);
    expect(result.user).toMatchObject({ email: "cli@test.org", role: "supervisor", teamId: app.world.teams.team1.id, teamName: "Team One", active: true });
    expect(await auditActions(result.user.id)).toEqual(["user.create"]);
    await clientFor("cli@test.org", NEW_PASSWORD);

    expect(await createUserDirect(app.database.db, { email: "cli@test.org", name: "Again", role: "admin", password: NEW_PASSWORD })).toEqual({ ok: false, reason: "email_taken" });
    expect(await createUserDirect(app.database.db, { email: "x@test.org", name: "X", role: "specialist", teamId: "Nowhere", password: NEW_PASSWORD })).toEqual({ ok: false, reason: "invalid_team" });
    const invalid = await createUserDirect(app.database.db, { email: "y@test.org", name: "Y", role: "specialist", password: "short" });
    expect(invalid).toMatchObject({ ok: false, reason: "invalid" });
    if (invalid.ok || invalid.reason !== "invalid") throw new Error("expected problems");
    expect(invalid.problems.map((p) => p.message).sort()).toEqual(["admin.password.tooShort", "admin.team.required"]);
  });
});

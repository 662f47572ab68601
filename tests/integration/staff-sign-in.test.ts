import { describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../src/db/seed/authenticator.ts";
import { issuePasswordReset } from "../../src/domain/auth/credentials.server.ts";
import { SIGN_IN_DELAYS } from "../../src/domain/auth/sign-in-delays.ts";
import { totpCode } from "../../src/domain/auth/two-factor.ts";
import { createUserDirect } from "../../src/domain/users/users.server.ts";
import { useTestApp } from "../support/app.ts";
import { Client } from "../support/server.ts";
import { TEST_PASSWORD } from "../support/world.ts";

// Issue 10 #4 (decision 0019): password change and reset links, two-factor sign-in,
// and progressive delays that never keep out the right password with the right code.
const app = useTestApp();
const NEW_PASSWORD = "a brand new pass phrase";
const meta = { ip: null, requestId: "staff-sign-in-test" };

/** A sign-in from a given network address (the app trusts X-Forwarded-For from loopback, as behind its proxy). */
async function signInFrom(client: Client, ip: string, fields: Record<string, string>): Promise<Response> {
  if (!client.cookies.has("allies_csrf")) await client.fetch("/sign-in");
  return client.fetch("/sign-in", {
    method: "POST",
    body: new URLSearchParams({ _csrf: client.csrf, code: "", ...fields }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: client.baseUrl, "x-forwarded-for": ip },
  });
}

async function auditActions(since: number, entityId: string): Promise<string[]> {
  const rows = await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", since).where("entity_id", "=", entityId).orderBy("seq").execute();
  return rows.map((r) => r.action);
}

async function makeUser(email: string, role: "specialist" | "admin" = "specialist") {
  const made = await createUserDirect(app.database.db, { email, name: email.split("@")[0]!, role, teamId: role === "admin" ? null : app.world.teams.team1.id, password: TEST_PASSWORD }, meta);
  if (!made.ok) throw new Error(`could not make ${email}`);
  return made.user;
}

describe("changing a password", () => {
  it("needs the current one, ends the person's other sessions but not this one, and is audited", async () => {
    const user = await makeUser("changer@test.org");
    const here = await app.clientFor(user.email);
    const elsewhere = await app.clientFor(user.email);
    const seq = await app.lastSeq();

    const wrong = await here.postForm("/profile/password", { current: "not my password", password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password");
    const short = await here.postForm("/profile/password", { current: TEST_PASSWORD, password: "short", confirm: "short" });
    expect(short.status).toBe(400);

    const changed = await here.postForm("/profile/password", { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(changed.status).toBe(302);
    expect(changed.headers.get("location")).toContain("password=changed&ended=1");
    expect((await here.fetch("/profile")).status).toBe(200);
    expect((await elsewhere.fetch("/profile")).status).toBe(302);

    expect((await signInFrom(new Client(app.url), "198.51.100.1", { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await signInFrom(new Client(app.url), "198.51.100.1", { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
    expect(await auditActions(seq, user.id)).toContain("user.change_password");
  });
});

describe("an administrator's password reset link", () => {
  it("is shown once, works once, ends every session of the person, and is audited", async () => {
    const user = await makeUser("forgetful@test.org");
    const session = await app.clientFor(user.email);
    const admin = await app.clientFor("admin@test.org");
    const seq = await app.lastSeq();

    const issued = await admin.postForm(`/admin/users/${user.id}`, { intent: "resetLink" });
    expect(issued.status).toBe(200);
    const link = /(https?:\/\/[^\s<"]+\/password-reset\/[\w-]+)/.exec(await issued.text())?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;
    const stored = await app.database.db.selectFrom("password_resets").select("token_hash").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(path.split("/").pop());

    const person = new Client(app.url);
    expect((await person.fetch(path)).status).toBe(200);
    const mismatch = await person.postForm(path, { password: NEW_PASSWORD, confirm: "something else entirely" });
    expect(mismatch.status).toBe(400);
    const used = await person.postForm(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/sign-in?reset=done");
    expect((await session.fetch("/profile")).status).toBe(302);

    expect((await person.fetch(path)).status).toBe(404);
    expect((await person.postForm(path, { password: "yet another pass phrase", confirm: "yet another pass phrase" })).status).toBe(409);
    expect((await signInFrom(new Client(app.url), "198.51.100.2", { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
    expect(await auditActions(seq, user.id)).toEqual(expect.arrayContaining(["user.password_reset_issue", "user.password_reset_use"]));
  });

  it("stops working after 24 hours, and when a newer link is made", async () => {
    const user = await makeUser("twolinks@test.org");
    const old = await issuePasswordReset(app.database.db, app.world.actors.admin, user.id, meta, new Date(Date.now() - 25 * 3_600_000));
    const first = await issuePasswordReset(app.database.db, app.world.actors.admin, user.id, meta);
    const second = await issuePasswordReset(app.database.db, app.world.actors.admin, user.id, meta);
    if (!old.ok || !first.ok || !second.ok) throw new Error("links not made");
    const person = new Client(app.url);
    expect((await person.fetch(old.path)).status).toBe(404);
    expect((await person.fetch(first.path)).status).toBe(404);
    expect((await person.postForm(first.path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(409);
    expect((await person.fetch(second.path)).status).toBe(200);
  });

  it("is not made by someone who does not manage users", async () => {
    const supervisor = await app.clientFor("sup1@test.org");
    const refused = await supervisor.postForm(`/admin/users/${app.world.users.specialist1.id}`, { intent: "resetLink" });
    expect(refused.status).toBe(404);
    expect(await app.database.db.selectFrom("password_resets").select("id").where("user_id", "=", app.world.users.specialist1.id).execute()).toEqual([]);
  });
});

describe("two-factor sign-in", () => {
  it("is required of an administrator, who is taken to turn it on before any other page", async () => {
    const user = await makeUser("newadmin@test.org", "admin");
    const client = await app.clientFor(user.email);
    for (const page of ["/participants", "/admin/users", "/profile"]) {
      const response = await client.fetch(page);
      expect(response.status, page).toBe(302);
      expect(response.headers.get("location"), page).toBe("/profile/two-factor");
    }
    const enrol = await client.fetch("/profile/two-factor");
    expect(enrol.status).toBe(200);
    const secret = /data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(await enrol.text())?.[1]?.replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrongCode = await client.postForm("/profile/two-factor", { intent: "enable", secret: secret!, password: TEST_PASSWORD, code: "000000" });
    expect(wrongCode.status).toBe(400);
    const seq = await app.lastSeq();
    const enabled = await client.postForm("/profile/two-factor", { intent: "enable", secret: secret!, password: TEST_PASSWORD, code: totpCode(secret!) });
    expect(enabled.status).toBe(200);
    const codes = [...(await enabled.text()).matchAll(/<code[^>]*>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect((await client.fetch("/participants")).status).toBe(200);
    expect(await auditActions(seq, user.id)).toEqual(["user.two_factor_enable"]);

    const stored = await app.database.db.selectFrom("users").select("totp_secret_sealed").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_sealed).not.toContain(secret!);

    // Password alone no longer signs in; a recovery code does, once.
    const passwordOnly = await signInFrom(new Client(app.url), "198.51.100.3", { email: user.email, password: TEST_PASSWORD });
    expect(passwordOnly.status).toBe(401);
    expect(await passwordOnly.text()).toContain("Your account uses two-factor sign-in");
    expect((await signInFrom(new Client(app.url), "198.51.100.3", { email: user.email, password: TEST_PASSWORD, code: codes[0]!.toLowerCase() })).status).toBe(302);
    expect((await signInFrom(new Client(app.url), "198.51.100.3", { email: user.email, password: TEST_PASSWORD, code: codes[0]! })).status).toBe(401);
  });

  it("refuses a code that already signed in", async () => {
    const code = await nextTotpCode(DEMO_TOTP_SECRET, "admin@test.org");
    expect((await signInFrom(new Client(app.url), "198.51.100.4", { email: "admin@test.org", password: TEST_PASSWORD, code })).status).toBe(302);
    const again = await signInFrom(new Client(app.url), "198.51.100.4", { email: "admin@test.org", password: TEST_PASSWORD, code });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("already been used");
  });

  it("may be turned off by someone who need not have it, with a current code; never by an administrator", async () => {
    const user = await makeUser("optional@test.org");
    const client = await app.clientFor(user.email);
    const secret = /data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(await (await client.fetch("/profile/two-factor")).text())![1]!.replace(/ /g, "");
    expect((await client.postForm("/profile/two-factor", { intent: "enable", secret, password: TEST_PASSWORD, code: totpCode(secret) })).status).toBe(200);
    const noCode = await client.postForm("/profile/two-factor", { intent: "disable", password: TEST_PASSWORD, code: "000000" });
    expect(noCode.status).toBe(400);
    const seq = await app.lastSeq();
    const off = await client.postForm("/profile/two-factor", { intent: "disable", password: TEST_PASSWORD, code: totpCode(secret, new Date(Date.now() + 30_000)) });
    expect(off.status).toBe(302);
    expect(await auditActions(seq, user.id)).toEqual(["user.two_factor_disable"]);
    expect((await signInFrom(new Client(app.url), "198.51.100.5", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);

    const admin = await app.clientFor("admin@test.org");
    const refused = await admin.postForm("/profile/two-factor", { intent: "disable", password: TEST_PASSWORD, code: totpCode(DEMO_TOTP_SECRET) });
    expect(refused.status).toBe(400);
    const still = await app.database.db.selectFrom("users").select("totp_enabled_at").where("id", "=", app.world.users.admin.id).executeTakeFirstOrThrow();
    expect(still.totp_enabled_at).not.toBeNull();
  });
});

describe("failed sign-ins", () => {
  it("make the next attempts wait, per address, yet the right password with the right code always gets in", async () => {
    const ip = "203.0.113.7";
    const failures = SIGN_IN_DELAYS.freePerAddress + 3;
    const statuses: number[] = [];
    for (let i = 0; i < failures; i++) {
      statuses.push((await signInFrom(new Client(app.url), ip, { email: `guess${i}@test.org`, password: "wrong password" })).status);
    }
    expect(statuses.slice(0, SIGN_IN_DELAYS.freePerAddress + 1).every((s) => s === 401)).toBe(true);
    // Many more against the administrator's own account, from the same address.
    for (let i = 0; i < 6; i++) await signInFrom(new Client(app.url), ip, { email: "admin@test.org", password: "wrong password", code: "123456" });

    const passwordOnly = await signInFrom(new Client(app.url), ip, { email: "spec2@test.org", password: TEST_PASSWORD });
    expect(passwordOnly.status).toBe(429);
    expect(Number(passwordOnly.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await passwordOnly.text()).toMatch(/You can try again in \d+ (second|minute)/);
    const wrongCode = await signInFrom(new Client(app.url), ip, { email: "admin@test.org", password: TEST_PASSWORD, code: "000000" });
    expect(wrongCode.status).toBe(429);

    const client = new Client(app.url);
    const right = await signInFrom(client, ip, { email: "admin@test.org", password: TEST_PASSWORD, code: await nextTotpCode(DEMO_TOTP_SECRET, "admin@test.org") });
    expect(right.status).toBe(302);
    expect((await client.fetch("/participants")).status).toBe(200);
  });

  it("are told to the person on their next sign-in, once", async () => {
    const user = await makeUser("noticed@test.org");
    await signInFrom(new Client(app.url), "198.51.100.9", { email: user.email, password: "wrong password" });
    await signInFrom(new Client(app.url), "198.51.100.9", { email: user.email, password: "wrong again" });
    const client = new Client(app.url);
    expect((await signInFrom(client, "198.51.100.10", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);
    const first = await (await client.fetch("/participants")).text();
    expect(first).toContain("there were 2 failed attempts to sign in to your account");
    const second = await (await client.fetch("/participants")).text();
    expect(second).not.toContain("failed attempts");

    const later = new Client(app.url);
    expect((await signInFrom(later, "198.51.100.10", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);
    expect(await (await later.fetch("/participants")).text()).not.toContain("failed attempt");
  });
});

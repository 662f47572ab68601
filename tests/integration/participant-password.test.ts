import { describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { getProgramSettings, saveProgramSettings } from "../../src/domain/program/program.server.ts";
import { authorized } from "../support/access.ts";
import { useTestApp } from "../support/app.ts";
import { openLink } from "../support/partners.ts";
import { Client } from "../support/server.ts";

// A participant's own password (issue 11 §2, decision 0031): a program option, off by
// default; set from their own pages after opening their link; the same delays after
// failures as staff; refused while the option is off or the participant is archived;
// staff see only yes or no and can turn it off. Everything through the pages, like a phone.
const app = useTestApp();
const PASSWORD = "blue kettle on the stove";

async function setOption(on: boolean) {
  const current = await getProgramSettings(app.database.db);
  const saved = await saveProgramSettings(app.database.db, app.world.actors.admin, {
    name: current.name, address: current.address, phone: current.phone, timeZone: current.timeZone ?? "America/Chicago",
    quietHoursStart: undefined, quietHoursEnd: undefined, removeLogo: false, participantPasswords: on, version: current.version,
  }, null, systemMeta);
  expect(saved.ok).toBe(true);
}

/** A participant with an email on record, signed in on a fresh "phone" by their own link. */
async function participantByLink(email: string | null, which: "participant1" | "participant1b" = "participant1") {
  const participant = app.world.participants[which];
  await app.database.db.updateTable("participants").set({ email, archived_at: null, status: "active" }).where("id", "=", participant.id).execute();
  const specialist = which === "participant1" ? app.world.actors.specialist1 : app.world.actors.specialist1b;
  const access = await authorized(app.database.db, specialist, participant.id);
  const issued = await issuePersonalLink(app.database.db, access, { kind: "participant", participantId: participant.id }, systemMeta, PARTICIPANT_LINK_TERMS);
  if (!issued.ok) throw new Error("no link");
  const opened = await openLink(app.url, issued.link.path);
  expect(opened.location).toBe("/me");
  return { participant, client: opened.client };
}

async function setPassword(client: Client, password = PASSWORD) {
  return client.postForm("/me/password", { password, confirm: password });
}

async function signInAsParticipant(email: string, password: string) {
  const client = new Client(app.url);
  const response = await client.postForm("/me/sign-in", { email, password });
  return { client, response };
}

async function actionsSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "details", "actor_id"]).where("seq", ">", seq).orderBy("seq").execute();
}

describe("the program option", () => {
  it("is off by default: the sign-in page says the program uses links, and a stored password does not sign in", async () => {
    expect((await getProgramSettings(app.database.db)).participantPasswords).toBe(false);
    const page = await (await new Client(app.url).fetch("/me/sign-in")).text();
    expect(page).toContain("This program uses personal links");
    expect(page).not.toContain('name="password"');

    await setOption(true);
    const { client } = await participantByLink("pat.quinn@example.org");
    expect((await setPassword(client)).status).toBe(302);
    const signedIn = await signInAsParticipant("pat.quinn@example.org", PASSWORD);
    expect(signedIn.response.headers.get("location")).toBe("/me");

    await setOption(false);
    // The session the password opened ends with the option, and the password no longer signs in.
    expect((await signedIn.client.fetch("/me")).headers.get("location")).toBe("/l");
    const refused = await signInAsParticipant("pat.quinn@example.org", PASSWORD);
    expect(refused.response.status).toBe(403);
    expect(refused.client.cookies.has("allies_partner")).toBe(false);
    // Their link session still works: the password was a second door, not the only one.
    expect((await client.fetch("/me")).status).toBe(200);
    expect(await (await client.fetch("/me/password")).text()).toContain("This program uses links, not passwords.");
  });
});

describe("a participant's password", () => {
  it("is set from their own pages, signs them in to the same pages after signing out, and is audited without the password", async () => {
    await setOption(true);
    const before = await app.lastSeq();
    const { participant, client } = await participantByLink("Pat.Quinn@Example.org");
    await app.database.db.deleteFrom("participant_passwords").where("participant_id", "=", participant.id).execute();
    expect(await (await client.fetch("/me/password")).text()).toContain("pat.quinn@example.org");
    const mismatch = await client.postForm("/me/password", { password: PASSWORD, confirm: "something else entirely" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("The two passwords are not the same.");
    const short = await client.postForm("/me/password", { password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect((await setPassword(client)).headers.get("location")).toBe("/me/password?saved=1");
    expect((await client.postForm("/l/sign-out", {})).headers.get("location")).toBe("/l");
    expect((await client.fetch("/me")).headers.get("location")).toBe("/l");

    const { client: phone, response } = await signInAsParticipant(" PAT.quinn@example.org ", PASSWORD);
    expect(response.headers.get("location")).toBe("/me");
    const home = await phone.fetch("/me");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Pat");
    // The participant's pages do not care which door they came in by.
    expect((await phone.fetch("/me/privacy")).status).toBe(200);

    const rows = await actionsSince(before);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["participant_password.set", "participant_password.sign_in"]));
    const set = rows.find((r) => r.action === "participant_password.set")!;
    expect(JSON.parse(set.details!)).toEqual({ changed: false, sessionsEnded: 0 });
    expect(rows.find((r) => r.action === "participant_password.sign_in")!.actor_id).toBe(`participant:${participant.id}`);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    const stored = await app.database.db.selectFrom("participant_passwords").select("password_hash").where("participant_id", "=", participant.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("changing it signs out the other sessions the old one opened", async () => {
    await setOption(true);
    const { client } = await participantByLink("pat.quinn@example.org");
    await setPassword(client);
    const other = await signInAsParticipant("pat.quinn@example.org", PASSWORD);
    expect((await other.client.fetch("/me")).status).toBe(200);
    expect((await setPassword(client, "a brand new sentence here")).status).toBe(302);
    expect((await other.client.fetch("/me")).headers.get("location")).toBe("/l");
    expect((await client.fetch("/me")).status).toBe(200);
    expect((await signInAsParticipant("pat.quinn@example.org", PASSWORD)).response.status).toBe(401);
    expect((await signInAsParticipant("pat.quinn@example.org", "a brand new sentence here")).response.headers.get("location")).toBe("/me");
  });

  it("cannot be set without an email on record: the page says to ask the specialist", async () => {
    await setOption(true);
    const { participant, client } = await participantByLink(null, "participant1b");
    expect(await (await client.fetch("/me/password")).text()).toContain("Ask your employment specialist to add it.");
    expect((await setPassword(client)).status).toBe(409);
    expect(await app.database.db.selectFrom("participant_passwords").select("participant_id").where("participant_id", "=", participant.id).executeTakeFirst()).toBeUndefined();
  });

  it("makes wrong attempts wait longer, like staff sign-in, and never says whether the email or the password was wrong", async () => {
    await setOption(true);
    const { client } = await participantByLink("lee.morgan@example.org", "participant1b");
    await setPassword(client);
    const unknownEmail = await signInAsParticipant("nobody@example.org", PASSWORD);
    const wrongPassword = await signInAsParticipant("lee.morgan@example.org", "not the password at all");
    expect(unknownEmail.response.status).toBe(401);
    expect(wrongPassword.response.status).toBe(401);
    const says = (html: string) => html.match(/<div class="form-error"[\s\S]*?<\/div>/)?.[0];
    expect(says(await unknownEmail.response.text())).toBe(says(await wrongPassword.response.text()));
    // Three failures for an account are free; the fourth makes the next attempt wait.
    await signInAsParticipant("lee.morgan@example.org", "not the password at all");
    await signInAsParticipant("lee.morgan@example.org", "not the password at all");
    const fourth = await signInAsParticipant("lee.morgan@example.org", "not the password at all");
    expect(fourth.response.status).toBe(401);
    expect(Number(fourth.response.headers.get("retry-after"))).toBeGreaterThan(0);
    // During the wait even the right password is not checked.
    const waiting = await signInAsParticipant("lee.morgan@example.org", PASSWORD);
    expect(waiting.response.status).toBe(429);
    expect(waiting.client.cookies.has("allies_partner")).toBe(false);
    const failed = await app.database.db.selectFrom("audit_log").select("details").where("action", "=", "participant_password.sign_in_failed").execute();
    expect(failed.map((r) => JSON.parse(r.details!).reason)).toContain("wrong_email_or_password");
    // The account's failures are forgotten so the next tests start without a wait.
    await app.database.db.deleteFrom("login_attempts").where("email", "=", "participant:lee.morgan@example.org").execute();
  });

  it("does not sign in an archived participant, and says only that the email or password is wrong", async () => {
    await setOption(true);
    const { participant, client } = await participantByLink("pat.archived@example.org");
    await setPassword(client);
    await app.database.db.updateTable("participants").set({ archived_at: new Date().toISOString(), status: "archived" }).where("id", "=", participant.id).execute();
    const before = await app.lastSeq();
    const refused = await signInAsParticipant("pat.archived@example.org", PASSWORD);
    expect(refused.response.status).toBe(401);
    expect(await refused.response.text()).toContain("The email or the password is not right.");
    const rows = await actionsSince(before);
    expect(rows.map((r) => [r.action, JSON.parse(r.details!).reason])).toEqual([["participant_password.sign_in_failed", "archived"]]);
    await app.database.db.updateTable("participants").set({ archived_at: null, status: "active" }).where("id", "=", participant.id).execute();
  });
});

describe("the specialist's view", () => {
  it("shows only whether the participant can sign in with a password, and turning it off ends their password sessions (audited)", async () => {
    await setOption(true);
    const { participant, client } = await participantByLink("pat.quinn@example.org");
    await setPassword(client);
    const phone = await signInAsParticipant("pat.quinn@example.org", PASSWORD);
    const staff = await app.clientFor("spec1@test.org");
    const page = await (await staff.fetch(`/participants/${participant.id}`)).text();
    expect(page).toContain("Can sign in with a password: yes");
    expect(page).not.toContain("argon2");

    // Someone who may only read the record cannot turn it off.
    const otherTeam = await app.clientFor("spec2@test.org");
    expect((await otherTeam.postForm(`/participants/${participant.id}/own-link`, { intent: "password-off" })).status).toBe(404);

    const before = await app.lastSeq();
    const off = await staff.postForm(`/participants/${participant.id}/own-link`, { intent: "password-off" });
    expect(off.headers.get("location")).toBe(`/participants/${participant.id}?done=passwordRemoved#password-heading`);
    expect((await phone.client.fetch("/me")).headers.get("location")).toBe("/l");
    expect((await signInAsParticipant("pat.quinn@example.org", PASSWORD)).response.status).toBe(401);
    expect(await (await staff.fetch(`/participants/${participant.id}`)).text()).toContain("Can sign in with a password: no");
    const rows = await actionsSince(before);
    const removed = rows.find((r) => r.action === "participant_password.remove");
    expect(JSON.parse(removed!.details!)).toEqual({ sessionsEnded: 1 });
    // The link still opens their page, and from it they can set a new password.
    expect((await client.fetch("/me")).status).toBe(200);
  });
});

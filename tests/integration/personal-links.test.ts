import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { hashSecret } from "../../src/domain/auth/tokens.ts";
import { issuePersonalLink, partnerForSession, revokePersonalLinks } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { createHttpApp } from "../../src/server/app.ts";
import { authorized } from "../support/access.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, issueLink, openLink } from "../support/partners.ts";

// A personal link opens one person's page with no password, and stops the moment
// anything that allowed it ends. Each state is reached through the real paths.
const app = useTestApp();
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

async function personWithLink(name = "Gloria Reyes") {
  const staff = await app.clientFor("spec1@test.org");
  const participant = app.world.participants.participant1;
  const person = await addSupportPerson(staff, participant.id, { name });
  const grant = await grantConsent(staff, participant.id, person.id);
  const link = await issueLink(app.database.db, app.world.actors.specialist1, participant.id, person.id);
  return { staff, participant, person, grant, link };
}

async function partnerOf(client: { cookies: Map<string, string> }) {
  const token = client.cookies.get("allies_partner");
  return token ? partnerForSession(app.database.db, token) : null;
}

describe("opening a personal link", () => {
  it("trades the token for a partner session and leads to a page whose address has no token", async () => {
    const { person, link } = await personWithLink();
    const opened = await openLink(app.url, link.path);
    expect(opened.status).toBe(302);
    expect(opened.location).toBe("/support");
    expect(opened.location).not.toContain(link.token);
    expect(opened.client.cookies.get("allies_partner")).toBeTruthy();
    expect(opened.client.cookies.has("allies_session")).toBe(false);
    const partner = await partnerOf(opened.client);
    expect(partner?.actor).toMatchObject({ kind: "support_person", supportPersonId: person.id });
    const stored = await app.database.db.selectFrom("personal_links").select("token_hash").where("id", "=", link.linkId).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSecret(link.token));
    const rows = await app.database.db.selectFrom("audit_log").select(["action", "details"]).where("entity_id", "=", link.linkId).execute();
    expect(rows.map((r) => r.action)).toEqual(["link.issue", "link.open"]);
    expect(JSON.stringify(rows)).not.toContain(link.token);
  });

  it("gives a partner session that no staff page accepts", async () => {
    const { link, participant } = await personWithLink("Sam Partner");
    const { client } = await openLink(app.url, link.path);
    const page = await client.fetch(`/participants/${participant.id}`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await client.api("GET", `/participants/${participant.id}`)).status).toBe(401);
  });

  it("renews a support person's link on use", async () => {
    const { link } = await personWithLink("Renée Renew");
    await app.database.db.updateTable("personal_links").set({ expires_at: daysFromNow(2) }).where("id", "=", link.linkId).execute();
    await openLink(app.url, link.path);
    const renewed = await app.database.db.selectFrom("personal_links").select(["expires_at", "last_used_at"]).where("id", "=", link.linkId).executeTakeFirstOrThrow();
    expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(renewed.last_used_at).not.toBeNull();
  });

  it("does not renew the participant's own short link", async () => {
    const participant = app.world.participants.participant1;
    const access = await authorized(app.database.db, app.world.actors.specialist1, participant.id);
    const issued = await issuePersonalLink(app.database.db, access, { kind: "participant", participantId: participant.id }, systemMeta, PARTICIPANT_LINK_TERMS);
    if (!issued.ok) throw new Error("not issued");
    expect(Date.parse(issued.link.expiresAt)).toBeLessThan(Date.now() + 8 * 86_400_000);
    const opened = await openLink(app.url, issued.link.path);
    expect(opened.location).toBe("/me");
    const after = await app.database.db.selectFrom("personal_links").select("expires_at").where("id", "=", issued.link.linkId).executeTakeFirstOrThrow();
    expect(after.expires_at).toBe(issued.link.expiresAt);
    expect((await partnerOf(opened.client))?.actor).toMatchObject({ kind: "participant", participantId: participant.id });
  });

  it("voids the old link when a new one is issued, and ends its sessions", async () => {
    const { participant, person, link } = await personWithLink("Lost Link");
    const { client } = await openLink(app.url, link.path);
    expect(await partnerOf(client)).not.toBeNull();
    const fresh = await issueLink(app.database.db, app.world.actors.specialist1, participant.id, person.id);
    expect(await partnerOf(client)).toBeNull();
    expect((await openLink(app.url, link.path)).location).toBe("/l");
    expect((await openLink(app.url, fresh.path)).location).toBe("/support");
  });

  it("refuses a token that matches nothing, without naming anyone", async () => {
    const before = await app.lastSeq();
    const opened = await openLink(app.url, "/l/not-a-real-token-but-long-enough-to-try");
    expect(opened.location).toBe("/l");
    expect(opened.client.cookies.has("allies_partner")).toBe(false);
    const rows = await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", before).execute();
    expect(rows).toEqual([]);
    const ended = await opened.client.fetch("/l");
    expect(ended.status).toBe(401);
  });
});

describe("a link stops working at once", () => {
  async function expectEnded(change: (ctx: Awaited<ReturnType<typeof personWithLink>>) => Promise<void>, reason: string) {
    const ctx = await personWithLink(`Person ${reason}`);
    const { client } = await openLink(app.url, ctx.link.path);
    expect(await partnerOf(client), `${reason}: works before`).not.toBeNull();
    await change(ctx);
    expect(await partnerOf(client), `${reason}: session ends`).toBeNull();
    const again = await openLink(app.url, ctx.link.path);
    expect(again.location, `${reason}: link refused`).toBe("/l");
    const refused = await app.database.db.selectFrom("audit_log").select("details").where("action", "=", "link.refused").where("entity_id", "=", ctx.link.linkId).executeTakeFirstOrThrow();
    expect(JSON.parse(refused.details).reason).toBe(reason);
  }

  it("when it expires", () => expectEnded(async ({ link }) => {
    await app.database.db.updateTable("personal_links").set({ expires_at: daysFromNow(-1 / 24) }).where("id", "=", link.linkId).execute();
  }, "expired"));

  it("when the specialist revokes it", () => expectEnded(async ({ participant, person }) => {
    const access = await authorized(app.database.db, app.world.actors.specialist1, participant.id);
    expect(await revokePersonalLinks(app.database.db, access, { kind: "support_person", participantId: participant.id, supportPersonId: person.id }, systemMeta)).toBe(1);
  }, "revoked"));

  it("when the participant revokes it", () => expectEnded(async ({ participant, person }) => {
    const actor = { kind: "participant" as const, participantId: participant.id, name: "Pat", locale: "en" as const };
    expect(await revokePersonalLinks(app.database.db, actor, { kind: "support_person", participantId: participant.id, supportPersonId: person.id }, systemMeta)).toBe(1);
  }, "revoked"));

  it("when the consent is revoked", () => expectEnded(async ({ staff, participant, grant }) => {
    const response = await staff.api("POST", `/participants/${participant.id}/consent-grants/${grant.id}/revoke`, { reason: "Changed my mind" });
    expect(response.status).toBe(200);
  }, "no_consent"));

  it("when the person is marked do not contact", () => expectEnded(async ({ staff, participant, person }) => {
    const response = await staff.api("PUT", `/participants/${participant.id}/support-persons/${person.id}`, {
      name: person.name, relationshipKind: "relative", closeness: "inner", status: "do_not_contact", version: person.version,
    });
    expect(response.status).toBe(200);
  }, "do_not_contact"));

  it("when the person is taken off the network", () => expectEnded(async ({ staff, participant, person }) => {
    const response = await staff.api("POST", `/participants/${participant.id}/support-persons/${person.id}/end`, { version: person.version });
    expect(response.status).toBe(200);
  }, "off_network"));
});

describe("the archived participant", () => {
  it("ends every link of theirs", async () => {
    const participant = app.world.participants.participant1b;
    const other = await app.clientFor("spec1b@test.org");
    const person = await addSupportPerson(other, participant.id, { name: "Archie" });
    await grantConsent(other, participant.id, person.id);
    const link = await issueLink(app.database.db, app.world.actors.specialist1b, participant.id, person.id);
    const { client } = await openLink(app.url, link.path);
    expect(await partnerOf(client)).not.toBeNull();
    const current = await app.database.db.selectFrom("participants").select("version").where("id", "=", participant.id).executeTakeFirstOrThrow();
    expect((await other.api("POST", `/participants/${participant.id}/archive`, { version: current.version })).status).toBe(200);
    expect(await partnerOf(client)).toBeNull();
    expect((await openLink(app.url, link.path)).location).toBe("/l");
  });
});

describe("the request log", () => {
  it("never writes a link's token", async () => {
    const { link } = await personWithLink("Logged Person");
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const http = createHttpApp({ database: app.database, log: pino({ level: "info" }, sink), build: await loadBuild(), secureCookies: false });
    const server = http.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const port = (server.address() as { port: number }).port;
    const response = await fetch(`http://127.0.0.1:${port}${link.path}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const written = lines.join("\n");
    expect(written).toContain("/l/[token]");
    expect(written).not.toContain(link.token);
  });
});

async function loadBuild(): Promise<ServerBuild> {
  const root = path.resolve(import.meta.dirname, "../..");
  return (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
}

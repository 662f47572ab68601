import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS, SUPPORT_PERSON_LINK_TERMS } from "../../src/domain/links/model.ts";
import { smtpSender } from "../../src/server/messaging/smtp.ts";
import { workUntilIdle } from "../../src/server/messaging/worker.ts";
import { authorized } from "../support/access.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, openLink } from "../support/partners.ts";
import type { Client } from "../support/server.ts";
import { startSmtpServer } from "../support/smtp.ts";

// A personal link sent as a message (issue 12, decision 0032): queued with the link
// in the same transaction, on the holder's chosen channel, in their language; the
// token never sits readable in the outbox and is gone from the row once sent; a new
// link cancels a message still waiting with the old one.
const app = useTestApp();
const unique = () => crypto.randomUUID().slice(0, 6);
const PUBLIC_URL = "https://allies.example.org";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let spec: Client;
let participantId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  spec = await app.clientFor("spec1@test.org");
  participantId = app.world.participants.participant1.id;
  // No quiet hours, so texts go whatever the hour the test runs at.
  await app.database.db.insertInto("program_settings").values({
    id: "program", name: "Allies", address: null, phone: null, time_zone: "America/Chicago", logo_content_type: null, logo_base64: null,
    quiet_hours_start: "00:00", quiet_hours_end: "00:00", version: 1, updated_by: null, updated_at: new Date().toISOString(),
  }).onConflict((oc) => oc.column("id").doUpdateSet({ quiet_hours_start: "00:00", quiet_hours_end: "00:00" })).execute();
});
afterAll(async () => { await smtp.close(); });

async function linkRows(readerId: string) {
  return app.database.db.selectFrom("outbox_messages").selectAll().where("kind", "=", "link_issued").where("reader_id", "=", readerId).orderBy("created_at").execute();
}

async function consentedPerson(fields: Record<string, unknown>) {
  const person = await addSupportPerson(spec, participantId, { name: `Rosa ${unique()}`, ...fields });
  await grantConsent(spec, participantId, person.id);
  return person;
}

describe("a personal link sent as a message", () => {
  it("goes by email in the reader's language through a real SMTP server; the outbox never holds the token in the clear", async () => {
    const email = `rosa-${unique()}@example.org`;
    const rosa = await consentedPerson({ email, preferredChannel: "email" });
    await app.database.db.updateTable("support_persons").set({ preferred_language: "es" }).where("id", "=", rosa.id).execute();
    const page = await (await spec.fetch(`/participants/${participantId}/network/${rosa.id}`)).text();
    expect(page).toContain('name="delivery"');

    const answer = await spec.postForm(`/participants/${participantId}/network/${rosa.id}`, { intent: "link-issue", delivery: "message" });
    expect(answer.status).toBe(200);
    const shown = await answer.text();
    expect(shown).toContain("The link will be sent by email in a moment.");
    expect(shown).not.toContain("/l/");

    const [queued] = await linkRows(rosa.id);
    expect(queued).toMatchObject({ channel: "email", status: "queued", discloses: "[]" });
    expect(JSON.parse(queued!.content)).toHaveProperty("sealedLink");
    expect(queued!.content).not.toMatch(/\/l\//);
    const issue = await app.database.db.selectFrom("audit_log").select("details").where("action", "=", "link.issue").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(issue.details!)).toMatchObject({ sentBy: "email" });

    await workUntilIdle({ handle: app.database, senders: { email: smtpSender(smtp.url, 5_000), text: null }, publicUrl: PUBLIC_URL, from: "Allies <no-reply@allies.example.org>", sendTimeoutMs: 5_000 });
    const mail = smtp.received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    const link = /https:\/\/allies\.example\.org(\/l\/[\w-]+)/.exec(mail!.text)?.[1];
    expect(link).toBeDefined();
    expect(mail!.text).toContain("No comparta el enlace");
    expect(mail!.text).not.toContain("Pat Quinn");

    const [sent] = await linkRows(rosa.id);
    expect(sent!.status).toBe("sent");
    expect(JSON.parse(sent!.content)).not.toHaveProperty("sealedLink");
    expect(sent!.rendered).not.toContain(link!);
    expect(sent!.rendered).toContain("/l/[link]");

    // The link in the email opens Rosa's page.
    const opened = await openLink(app.url, link!);
    expect((await (await opened.client.fetch("/support")).text())).toContain(rosa.name);
  });

  it("goes by text to the participant who chose texts, and shows in the development mailbox with no provider", async () => {
    await app.database.db.updateTable("participants").set({ phone: "+15555550142", message_channel: "text" }).where("id", "=", participantId).execute();
    const answer = await spec.postForm(`/participants/${participantId}/own-link`, { intent: "issue", delivery: "message" });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("The link will be sent by text message in a moment.");
    await workUntilIdle({ handle: app.database, senders: { email: null, text: null }, publicUrl: PUBLIC_URL, from: "x@example.org", sendTimeoutMs: 5_000 });
    const [sent] = (await linkRows(participantId)).filter((r) => r.status === "sent");
    expect(sent).toMatchObject({ channel: "text", provider: "development mailbox" });
    const rendered = JSON.parse(sent!.rendered!) as { to: string; text: string };
    expect(rendered.to).toBe("+15555550142");
    const link = /(\/l\/[\w-]+)/.exec(rendered.text)?.[1];
    expect(link).toBeDefined();
    const opened = await openLink(app.url, link!);
    expect(opened.client).toBeDefined();

    const admin = await app.clientFor("admin@test.org");
    const mailbox = await (await admin.fetch("/admin/messages/mailbox")).text();
    expect(mailbox).toContain(link!);
  });

  it("a new link cancels a message still waiting with the old one, and scrubs its token", async () => {
    const ben = await consentedPerson({ phone: "+15555550199", preferredChannel: "text" });
    const access = await authorized(app.database.db, app.world.actors.specialist1, participantId);
    const subject = { kind: "support_person" as const, participantId, supportPersonId: ben.id };
    const first = await issuePersonalLink(app.database.db, access, subject, systemMeta, SUPPORT_PERSON_LINK_TERMS, undefined, "message");
    expect(first).toMatchObject({ ok: true, sentBy: "text" });
    const second = await issuePersonalLink(app.database.db, access, subject, systemMeta, SUPPORT_PERSON_LINK_TERMS, undefined, "print");
    expect(second).toMatchObject({ ok: true, sentBy: null });
    const rows = await linkRows(ben.id);
    expect(rows.map((r) => r.status)).toEqual(["cancelled"]);
    expect(JSON.parse(rows[0]!.content)).not.toHaveProperty("sealedLink");
  });

  it("a link taken back before its message went is not sent", async () => {
    const cy = await consentedPerson({ email: `cy-${unique()}@example.org`, preferredChannel: "email" });
    const access = await authorized(app.database.db, app.world.actors.specialist1, participantId);
    const subject = { kind: "support_person" as const, participantId, supportPersonId: cy.id };
    await issuePersonalLink(app.database.db, access, subject, systemMeta, SUPPORT_PERSON_LINK_TERMS, undefined, "message");
    // Consent ends: the link stops working, so its message is not sent either.
    await app.database.db.updateTable("consent_grants").set({ ended_at: new Date().toISOString() }).where("support_person_id", "=", cy.id).execute();
    await workUntilIdle({ handle: app.database, senders: { email: null, text: null }, publicUrl: PUBLIC_URL, from: "x@example.org", sendTimeoutMs: 5_000 });
    const [row] = await linkRows(cy.id);
    expect(row).toMatchObject({ status: "withheld_no_consent", rendered: null });
    expect(JSON.parse(row!.content)).not.toHaveProperty("sealedLink");
  });

  it("cannot be sent to someone who chose no channel: the page says it can only be printed", async () => {
    const dee = await consentedPerson({ email: `dee-${unique()}@example.org`, preferredChannel: "phone" });
    const page = await (await spec.fetch(`/participants/${participantId}/network/${dee.id}`)).text();
    expect(page).not.toContain('name="delivery"');
    expect(page).toContain("so the link can only be printed");
    const answer = await spec.postForm(`/participants/${participantId}/network/${dee.id}`, { intent: "link-issue", delivery: "message" });
    expect(answer.status).toBe(422);
    expect(await linkRows(dee.id)).toEqual([]);
    const access = await authorized(app.database.db, app.world.actors.specialist1, participantId);
    expect(await issuePersonalLink(app.database.db, access, { kind: "participant", participantId: app.world.participants.participant1b.id }, systemMeta, PARTICIPANT_LINK_TERMS, undefined, "message"))
      .toMatchObject({ ok: false });
  });
});

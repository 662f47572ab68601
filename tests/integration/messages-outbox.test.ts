import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { smtpSender } from "../../src/server/messaging/smtp.ts";
import { workOnce, workUntilIdle, type WorkerSettings } from "../../src/server/messaging/worker.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent } from "../support/partners.ts";
import { Client } from "../support/server.ts";
import { startSmtpServer } from "../support/smtp.ts";

// Issue 12's outbox through the real HTTP stack and a real SMTP server started here,
// on SQLite or PostgreSQL: messages are written with the event that causes them, sent
// once with their Message-ID, carry only what the reader's consent covers, stop when
// consent is withdrawn or the reader unsubscribes, wait and try again when the mail
// server refuses, and are never sent twice by two workers.
const app = useTestApp();
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
/** The program's quiet hours for texts; equal start and end: none, so these tests do not depend on the hour they run at. */
async function setQuietHours(start: string, end: string) {
  await app.database.db.insertInto("program_settings").values({
    id: "program", name: "Allies", address: null, phone: null, time_zone: "America/Chicago", logo_content_type: null, logo_base64: null,
    quiet_hours_start: start, quiet_hours_end: end, version: 1, updated_by: null, updated_at: new Date().toISOString(),
  }).onConflict((oc) => oc.column("id").doUpdateSet({ quiet_hours_start: start, quiet_hours_end: end })).execute();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  await setQuietHours("00:00", "00:00");
});
afterAll(async () => { await smtp.close(); });

const PUBLIC_URL = "https://allies.example.org";
function worker(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  return {
    handle: app.database, senders: { email: smtpSender(smtp.url, 5_000), text: null }, publicUrl: PUBLIC_URL,
    from: "Allies <no-reply@allies.example.org>", sendTimeoutMs: 5_000, ...overrides,
  };
}

async function outbox(readerId: string) {
  return app.database.db.selectFrom("outbox_messages").selectAll().where("reader_id", "=", readerId).orderBy("created_at").execute();
}

const meeting = (inviteeIds: string[], fields: Record<string, unknown> = {}) => ({
  kind: "support", title: "Getting ready for the bakery interview", scheduledAt: "2031-03-14T18:30", durationMinutes: 60, place: "Eastside library, room 2",
  inviteeIds, refreshments: null, seating: null, agenda: ["Welcome"], ...fields,
});

async function planMeeting(spec: Client, participantId: string, inviteeIds: string[], fields: Record<string, unknown> = {}) {
  const response = await spec.api("POST", `/participants/${participantId}/meetings`, meeting(inviteeIds, fields));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

const unique = () => crypto.randomUUID().slice(0, 6);

describe("the outbox", () => {
  it("queues an invitation with the meeting, sends it once by email in the reader's words with its Message-ID, Reply-To and unsubscribe link, and texts say only a line and a link", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const ana = await addSupportPerson(spec, participantId, { name: `Ana ${unique()}`, email: `ana-${unique()}@example.org`, preferredChannel: "email" });
    const ben = await addSupportPerson(spec, participantId, { name: `Ben ${unique()}`, phone: "+15555550123", preferredChannel: "text" });
    await grantConsent(spec, participantId, ana.id);
    await grantConsent(spec, participantId, ben.id);

    const planned = await planMeeting(spec, participantId, [ana.id, ben.id]);
    const [anaRow] = await outbox(ana.id);
    const [benRow] = await outbox(ben.id);
    expect(anaRow).toMatchObject({ kind: "meeting_planned", channel: "email", status: "queued", participant_id: participantId });
    expect(benRow).toMatchObject({ kind: "meeting_planned", channel: "text", status: "queued" });

    const before = smtp.received.length;
    const report = await workUntilIdle(worker());
    expect(report.sent).toBeGreaterThanOrEqual(2);
    const emails = smtp.received.slice(before).filter((e) => e.to.includes(anaRow!.reader_id) || e.raw.includes(anaRow!.idempotency_key));
    expect(emails).toHaveLength(1);
    const email = emails[0]!;
    expect(email.header("Message-ID")).toBe(`<${anaRow!.idempotency_key}>`);
    expect(email.header("Reply-To")).toContain("spec1@test.org");
    expect(email.header("Content-Language")).toBe("en");
    expect(email.text).toContain("Getting ready for the bakery interview");
    expect(email.text).toContain("Pat invites you to a meeting");
    expect(email.html).toContain("Getting ready for the bakery interview");
    const unsubscribe = /<(https:\/\/allies\.example\.org\/unsubscribe\/[^>]+)>/.exec(email.header("List-Unsubscribe") ?? "")?.[1];
    expect(unsubscribe).toBeTruthy();
    expect(email.text).toContain(unsubscribe);
    expect(email.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // The text went to the development mailbox (no provider configured), saying nothing of the meeting.
    const [benSent] = await outbox(ben.id);
    expect(benSent).toMatchObject({ status: "sent", provider: "development mailbox" });
    const benText = JSON.parse(benSent!.rendered!) as { to: string; text: string };
    expect(benText.to).toBe("+15555550123");
    expect(benText.text).toContain(`${PUBLIC_URL}/support`);
    expect(benText.text).not.toContain("bakery");

    // Each message sent is a disclosure in the audit log, shown on the participant's "who has seen what".
    const sends = await app.database.db.selectFrom("audit_log").select(["details"]).where("action", "=", "message.send").where("entity_id", "=", anaRow!.id).execute();
    expect(sends).toHaveLength(1);
    expect(JSON.parse(sends[0]!.details)).toMatchObject({ disclosure: { readerKind: "support_person", readerId: ana.id, categories: ["employment_goals"] } });

    // Nothing is sent twice on a normal path: another pass finds nothing due.
    expect((await workOnce(worker())).claimed).toBe(0);
    expect(smtp.received.filter((e) => e.header("Message-ID") === `<${anaRow!.idempotency_key}>`)).toHaveLength(1);

    // A change to the meeting tells the invitees; a cancellation too.
    const changed = await spec.api("PUT", `/participants/${participantId}/meetings/${planned.id}`, { ...meeting([ana.id, ben.id], { place: "Westside library" }), version: planned.version });
    expect(changed.status).toBe(200);
    expect((await outbox(ana.id)).map((m) => m.kind)).toEqual(["meeting_planned", "meeting_changed"]);
  });

  it("invites no one to a meeting nobody has marked yet; marking it invites whoever it now allows, and marking it again tells them of the change", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const ana = await addSupportPerson(spec, participantId, { name: `Ana ${unique()}`, email: `ana-${unique()}@example.org`, preferredChannel: "email" });
    const ben = await addSupportPerson(spec, participantId, { name: `Ben ${unique()}`, email: `ben-${unique()}@example.org`, preferredChannel: "email" });
    await grantConsent(spec, participantId, ana.id, { categories: ["employment_goals"] });
    await grantConsent(spec, participantId, ben.id, { categories: ["employment_goals", "benefits_income"] });
    const planned = await planMeeting(spec, participantId, [ana.id, ben.id], { discloses: [] });
    const kinds = async (id: string) => (await outbox(id)).map((m) => m.kind);
    expect([await kinds(ana.id), await kinds(ben.id)]).toEqual([[], []]);
    const base = `/participants/${participantId}/meetings/${planned.id}`;

    // Marked about benefits: only Ben's consent covers it, so only he is invited; the calendar event moves on.
    const benefits = await spec.api("PUT", `${base}/discloses`, { discloses: ["benefits_income"], version: planned.version });
    expect(benefits.status).toBe(200);
    const afterBenefits = (await benefits.json()) as { version: number; sequence: number };
    expect(afterBenefits.sequence).toBe(1);
    expect([await kinds(ana.id), await kinds(ben.id)]).toEqual([[], ["meeting_planned"]]);

    // Saved again unchanged: nobody hears anything, and the calendar event stays as it is.
    const same = await spec.api("PUT", `${base}/discloses`, { discloses: ["benefits_income"], version: afterBenefits.version });
    expect(same.status).toBe(200);
    const afterSame = (await same.json()) as { version: number; sequence: number };
    expect(afterSame.sequence).toBe(1);
    expect([await kinds(ana.id), await kinds(ben.id)]).toEqual([[], ["meeting_planned"]]);

    // Corrected to job goals (the edit form this time): Ana hears of it for the first time, Ben is told it changed.
    const stored = await (await spec.api("GET", base)).json();
    const corrected = await spec.api("PUT", base, { ...meeting([ana.id, ben.id]), discloses: ["employment_goals"], version: stored.version });
    expect(corrected.status).toBe(200);
    expect([await kinds(ana.id), await kinds(ben.id)]).toEqual([["meeting_planned"], ["meeting_planned", "meeting_changed"]]);

    // The same categories ticked in another order are not a new marking, on either way in.
    const both = await spec.api("PUT", `${base}/discloses`, { discloses: ["employment_goals", "benefits_income"], version: ((await corrected.json()) as { version: number }).version });
    const afterBoth = (await both.json()) as { version: number; sequence: number };
    const reordered = await spec.api("PUT", base, { ...meeting([ana.id, ben.id]), discloses: ["benefits_income", "employment_goals"], version: afterBoth.version });
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as { sequence: number }).sequence).toBe(afterBoth.sequence);
    expect(await kinds(ben.id)).toEqual(["meeting_planned", "meeting_changed", "meeting_changed"]);
  });

  it("leaves out what the reader may not see: a help request about benefits reaches only the person whose consent covers benefits", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const cara = await addSupportPerson(spec, participantId, { name: `Cara ${unique()}`, email: `cara-${unique()}@example.org`, preferredChannel: "email", helpKinds: ["rides"] });
    const dev = await addSupportPerson(spec, participantId, { name: `Dev ${unique()}`, email: `dev-${unique()}@example.org`, preferredChannel: "email", helpKinds: ["rides"] });
    await grantConsent(spec, participantId, cara.id, { categories: ["employment_goals"] });
    await grantConsent(spec, participantId, dev.id, { categories: ["employment_goals", "benefits_income"] });

    const posted = await spec.postForm(`/participants/${participantId}/plan/help`, {
      intent: "create", kind: "rides", description: "A ride to the Social Security office about the SSI overpayment", neededOn: "2031-04-02", discloses: ["benefits_income"],
    });
    expect(posted.status).toBe(302);
    // Both are invited to a job-search meeting in the same batch: Cara does get email, just not the help request.
    await planMeeting(spec, participantId, [cara.id, dev.id]);
    expect((await outbox(cara.id)).filter((m) => m.kind === "help_requested")).toHaveLength(0);
    expect((await outbox(dev.id)).filter((m) => m.kind === "help_requested")).toHaveLength(1);

    const before = smtp.received.length;
    await workUntilIdle(worker());
    const arrived = smtp.received.slice(before);
    const toCara = arrived.filter((e) => e.to.some((t) => t.startsWith("cara-")));
    const toDev = arrived.filter((e) => e.to.some((t) => t.startsWith("dev-")));
    expect(toDev.some((e) => e.text.includes("SSI overpayment"))).toBe(true);
    expect(toCara).toHaveLength(1);
    expect(toCara[0]!.text).toContain("Getting ready for the bakery interview");
    expect(toCara.every((e) => !e.raw.includes("overpayment") && !e.text.includes("Social Security"))).toBe(true);
  });

  it("does not send a message whose consent was withdrawn after it was queued, and records it as withheld", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const eve = await addSupportPerson(spec, participantId, { name: `Eve ${unique()}`, email: `eve-${unique()}@example.org`, preferredChannel: "email" });
    const grant = await grantConsent(spec, participantId, eve.id);
    await planMeeting(spec, participantId, [eve.id]);
    const [queued] = await outbox(eve.id);
    expect(queued!.status).toBe("queued");

    const revoked = await spec.api("POST", `/participants/${participantId}/consent-grants/${grant.id}/revoke`, { reason: "Changed my mind" });
    expect(revoked.status).toBe(200);
    const before = smtp.received.length;
    await workUntilIdle(worker());
    expect(smtp.received.slice(before).filter((e) => e.to.some((t) => t.startsWith("eve-")))).toHaveLength(0);
    const [withheld] = await outbox(eve.id);
    expect(withheld!.status).toBe("withheld_no_consent");
    const audit = await app.database.db.selectFrom("audit_log").select("details").where("action", "=", "message.withhold").where("entity_id", "=", queued!.id).execute();
    expect(audit).toHaveLength(1);
    expect(await app.database.db.selectFrom("audit_log").select("id").where("action", "=", "message.send").where("entity_id", "=", queued!.id).execute()).toHaveLength(0);
  });

  it("stops emails from the unsubscribe link without signing in; what is queued after is withheld", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const fay = await addSupportPerson(spec, participantId, { name: `Fay ${unique()}`, email: `fay-${unique()}@example.org`, preferredChannel: "email" });
    await grantConsent(spec, participantId, fay.id);
    await planMeeting(spec, participantId, [fay.id]);
    const before = smtp.received.length;
    await workUntilIdle(worker());
    const email = smtp.received.slice(before).find((e) => e.to.some((t) => t.startsWith("fay-")))!;
    const link = /<https:\/\/allies\.example\.org(\/unsubscribe\/[^>]+)>/.exec(email.header("List-Unsubscribe")!)![1]!;

    const stranger = new Client(app.url);
    const page = await stranger.fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Do you want to stop getting emails");
    const forged = await stranger.fetch(`${link.slice(0, -3)}abc`);
    expect(await forged.text()).toContain("This link does not work");

    const confirmed = await stranger.postForm(link, {});
    expect(confirmed.status).toBe(303);
    const done = await stranger.fetch(confirmed.headers.get("location")!);
    expect(await done.text()).toContain("You will get no more emails");
    // A mail provider's one-click request (RFC 8058), with no cookie and no form token, is answered too.
    const oneClick = await fetch(`${app.url}${link}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(oneClick.status).toBe(200);
    await planMeeting(spec, participantId, [fay.id], { title: "Second meeting" });
    const second = smtp.received.length;
    await workUntilIdle(worker());
    expect(smtp.received.slice(second).filter((e) => e.to.some((t) => t.startsWith("fay-")))).toHaveLength(0);
    expect((await outbox(fay.id)).map((m) => m.status)).toEqual(["sent", "withheld_opted_out"]);
  });

  it("waits and tries again while the mail server refuses, with each attempt recorded, and loses nothing", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const gus = await addSupportPerson(spec, participantId, { name: `Gus ${unique()}`, email: `gus-${unique()}@example.org`, preferredChannel: "email" });
    await grantConsent(spec, participantId, gus.id);
    await workUntilIdle(worker());
    await planMeeting(spec, participantId, [gus.id]);
    smtp.answerWith(() => ({ code: 451, text: "Try again later" }));
    let clock = Date.now();
    const later = worker({ now: () => new Date(clock) });
    await workOnce(later);
    let [row] = await outbox(gus.id);
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    const firstWait = Date.parse(row!.next_attempt_at) - clock;
    expect(firstWait).toBeGreaterThanOrEqual(29_000);
    // Not due yet: nothing is tried.
    expect((await workOnce(later)).claimed).toBe(0);
    clock += firstWait + 1_000;
    await workOnce(later);
    [row] = await outbox(gus.id);
    expect(row).toMatchObject({ status: "queued", attempts: 2 });
    // The wait doubles.
    expect(Date.parse(row!.next_attempt_at) - clock).toBeGreaterThanOrEqual(2 * firstWait - 1_000);

    smtp.answerWith(() => null);
    clock = Date.parse(row!.next_attempt_at) + 1_000;
    const before = smtp.received.length;
    await workOnce(later);
    [row] = await outbox(gus.id);
    expect(row!.status).toBe("sent");
    expect(smtp.received.slice(before).filter((e) => e.header("Message-ID") === `<${row!.idempotency_key}>`)).toHaveLength(1);
    const attempts = await app.database.db.selectFrom("outbox_attempts").select("result").where("message_id", "=", row!.id).orderBy("attempted_at").execute();
    expect(attempts.map((a) => a.result)).toEqual(["failed", "failed", "sent"]);
  });

  it("marks a message the mail server refuses for good as failed, and an administrator's retry sends it", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const hal = await addSupportPerson(spec, participantId, { name: `Hal ${unique()}`, email: `hal-${unique()}@example.org`, preferredChannel: "email" });
    await grantConsent(spec, participantId, hal.id);
    await workUntilIdle(worker());
    await planMeeting(spec, participantId, [hal.id]);
    smtp.answerWith(() => ({ code: 550, text: "No such mailbox" }));
    await workUntilIdle(worker());
    smtp.answerWith(() => null);
    const [failed] = await outbox(hal.id);
    expect(failed!.status).toBe("failed");

    const admin = await app.clientFor("admin@test.org");
    const queuePage = await admin.fetch("/admin/messages?view=failed");
    expect(queuePage.status).toBe(200);
    expect(await queuePage.text()).toContain(hal.name);
    expect((await spec.fetch("/admin/messages")).status).toBe(404);
    const retried = await admin.postForm("/admin/messages", { messageId: failed!.id });
    expect([200, 302, 303]).toContain(retried.status);
    await workUntilIdle(worker());
    const [sent] = await outbox(hal.id);
    expect(sent!.status).toBe("sent");
  });

  it("cancels what is queued for a support person who leaves the network", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const ivy = await addSupportPerson(spec, participantId, { name: `Ivy ${unique()}`, email: `ivy-${unique()}@example.org`, preferredChannel: "email" });
    await grantConsent(spec, participantId, ivy.id);
    await planMeeting(spec, participantId, [ivy.id]);
    const ended = await spec.api("POST", `/participants/${participantId}/support-persons/${ivy.id}/end`, { version: ivy.version, reason: "Moved away" });
    expect(ended.status).toBe(200);
    expect((await outbox(ivy.id)).map((m) => m.status)).toEqual(["cancelled"]);
  });

  it("two workers at once never send the same message", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    await workUntilIdle(worker());
    const people = [];
    for (let i = 0; i < 4; i++) {
      const person = await addSupportPerson(spec, participantId, { name: `Jo${i} ${unique()}`, email: `jo${i}-${unique()}@example.org`, preferredChannel: "email" });
      await grantConsent(spec, participantId, person.id);
      people.push(person.id);
    }
    for (let i = 0; i < 3; i++) await planMeeting(spec, participantId, people, { title: `Meeting ${i}` });
    const second = openDatabase(app.database.url, { audit: app.database.audit });
    try {
      const before = smtp.received.length;
      const [a, b] = await Promise.all([workUntilIdle(worker({ batch: 2 })), workUntilIdle(worker({ handle: second, batch: 2 }))]);
      expect(a.sent + b.sent).toBe(12);
      const ids = smtp.received.slice(before).map((e) => e.header("Message-ID"));
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    } finally {
      await second.close();
    }
  });
  it("holds a text in the program's quiet hours until morning without counting an attempt, while email goes at once", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const cy = await addSupportPerson(spec, participantId, { name: `Cy ${unique()}`, phone: "+15555550177", preferredChannel: "text" });
    await grantConsent(spec, participantId, cy.id);
    await planMeeting(spec, participantId, [cy.id]);
    await setQuietHours("21:00", "08:00");
    try {
      // 23:30 in Chicago (05:30 UTC the next day, daylight time).
      const night = new Date("2031-03-15T04:30:00Z");
      await workUntilIdle(worker({ now: () => night }));
      const [held] = await outbox(cy.id);
      expect(held).toMatchObject({ status: "queued", attempts: 0, next_attempt_at: "2031-03-15T13:00:00.000Z" });
      await workUntilIdle(worker({ now: () => new Date("2031-03-15T13:00:00Z") }));
      const [sent] = await outbox(cy.id);
      expect(sent).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await setQuietHours("00:00", "00:00");
    }
  });
  it("writes to a support person in their own language, whatever the specialist's screen is in", async () => {
    const spec = await app.clientFor("spec1@test.org");
    const participantId = app.world.participants.participant1.id;
    const rosa = await addSupportPerson(spec, participantId, { name: `Rosa ${unique()}`, email: `rosa-${unique()}@example.org`, preferredChannel: "email" });
    await app.database.db.updateTable("support_persons").set({ preferred_language: "es" }).where("id", "=", rosa.id).execute();
    await grantConsent(spec, participantId, rosa.id);
    await planMeeting(spec, participantId, [rosa.id]);
    const [row] = await outbox(rosa.id);
    const before = smtp.received.length;
    await workUntilIdle(worker());
    const email = smtp.received.slice(before).find((e) => e.header("Message-ID") === `<${row!.idempotency_key}>`);
    expect(email?.header("Content-Language")).toBe("es");
    expect(email?.text).toContain("Pat lo invita a una reunión sobre el trabajo.");
    expect(email?.text).not.toContain("invites you");
  });
});

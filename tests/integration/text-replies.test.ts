import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { buildParticipant } from "../../src/db/seed/factories.ts";
import { mayText } from "../../src/domain/messages/text-replies.server.ts";
import { createHttpApp } from "../../src/server/app.ts";
import { createHttpServer, DEFAULT_CONNECTION_LIMITS } from "../../src/server/listen.ts";
import { twilioSignature } from "../../src/server/messaging/twilio.ts";
import { freshDatabase } from "../support/db.ts";
import { buildWorld, type World } from "../support/world.ts";

// STOP and START from the text provider's webhook (issue 12): only requests signed
// with the auth token count; the number's opt-out covers everyone with that number,
// each of them audited; other replies are neither kept nor acted on.
const AUTH_TOKEN = "webhook-test-auth-token-123456";
const PUBLIC_URL = "https://allies.example.org/hooks/text";

let database: DbHandle;
let world: World;
const servers: { url: string; close: () => Promise<void> }[] = [];
const people = { participant: "", sameNumberSupport: "", otherParticipantsSupport: "", otherNumberSupport: "" };

async function serve(textProvider: { authToken: string; webhookUrl: string | null } | null) {
  const root = path.resolve(import.meta.dirname, "../..");
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const server = createHttpServer(createHttpApp({ database, log: pino({ level: "silent" }), build, secureCookies: false, textProvider }), DEFAULT_CONNECTION_LIMITS).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const running = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  servers.push(running);
  return running;
}

let signedAtPublicUrl: { url: string };

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  const db = database.db;
  const participant = await buildParticipant(db, world.users.specialist1.id, { firstName: "Ana", lastName: "Texter", phone: "(312) 555-0142" });
  people.participant = participant.id;
  const support = async (participantId: string, name: string, phone: string) => {
    const id = `support-${name}`;
    const now = new Date().toISOString();
    await db.insertInto("support_persons").values({
      id, participant_id: participantId, name, relationship_kind: "friend", relationship_other: null, organization: null, closeness: "inner", status: "supportive",
      phone, email: null, preferred_channel: "text", preferred_language: null, remind_meetings: 1, remind_commitments: 1, help_kinds: "[]", notes: null, first_call: 0,
      discovered_from: null, ended_at: null, ended_reason: null, version: 1, created_by: world.users.specialist1.id, created_at: now, updated_at: now,
    }).execute();
    return id;
  };
  // Ana's mother shares her phone; someone on another participant's network has the same number typed differently.
  people.sameNumberSupport = await support(participant.id, "mother", "312-555-0142");
  people.otherParticipantsSupport = await support(world.participants.participant2.id, "cousin", "+1 312 555 0142");
  people.otherNumberSupport = await support(participant.id, "neighbour", "312 555 0199");
  signedAtPublicUrl = await serve({ authToken: AUTH_TOKEN, webhookUrl: PUBLIC_URL });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await database?.close();
});

/** Posts a reply the way Twilio does: form fields, signed over the public URL and the sorted fields. */
async function reply(fields: Record<string, string>, options: { signWith?: string; signedUrl?: string; to?: string } = {}) {
  const params = { AccountSid: `AC${"0".repeat(32)}`, MessageSid: `SM${"1".repeat(32)}`, To: "+13125550100", ...fields };
  const signature = twilioSignature(options.signWith ?? AUTH_TOKEN, options.signedUrl ?? PUBLIC_URL, Object.entries(params));
  return fetch(`${options.to ?? signedAtPublicUrl.url}/hooks/text`, {
    method: "POST", body: new URLSearchParams(params), headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
  });
}

async function auditSince(seq: number) {
  return database.db.selectFrom("audit_log").select(["action", "entity_type", "entity_id", "participant_id", "actor_label", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}
const lastSeq = async () => Number((await database.db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow()).seq);

describe("the text provider's webhook", () => {
  it("records STOP for the number: everyone with it stops getting texts, each audited, and nobody else", async () => {
    const before = await lastSeq();
    const response = await reply({ From: "+13125550142", Body: "Stop" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/xml");
    expect(await mayText(database.db, "(312) 555-0142")).toBe(false);
    expect(await mayText(database.db, "312-555-0142")).toBe(false);
    expect(await mayText(database.db, "312 555 0199")).toBe(true);
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.entity_id]).sort()).toEqual([
      ["text.opt_out", people.otherParticipantsSupport], ["text.opt_out", people.participant], ["text.opt_out", people.sameNumberSupport],
    ].sort());
    expect(rows.find((r) => r.entity_id === people.otherParticipantsSupport)?.participant_id).toBe(world.participants.participant2.id);
    expect(rows.every((r) => r.actor_label === "text provider" && JSON.parse(r.details).keyword === "STOP")).toBe(true);
  });

  it("keeps the number as the provider writes it and the word, never the message", async () => {
    const row = await database.db.selectFrom("text_opt_outs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: "+13125550142", keyword: "STOP" });
  });

  it("refuses a request without the provider's signature, or signed with another token, and audits it", async () => {
    const before = await lastSeq();
    const unsigned = await fetch(`${signedAtPublicUrl.url}/hooks/text`, {
      method: "POST", body: new URLSearchParams({ From: "+13125550142", Body: "START" }), headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(unsigned.status).toBe(403);
    expect((await reply({ From: "+13125550142", Body: "START" }, { signWith: "someone-elses-token-000000" })).status).toBe(403);
    // A signature made over another address (the request was replayed elsewhere) is not this webhook's.
    expect((await reply({ From: "+13125550142", Body: "START" }, { signedUrl: "https://evil.example.org/hooks/text" })).status).toBe(403);
    expect(await mayText(database.db, "(312) 555-0142")).toBe(false);
    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(["text.reply_refused", "text.reply_refused", "text.reply_refused"]);
    expect(rows.map((r) => JSON.parse(r.details))).toEqual([{ reason: "signature" }, { reason: "signature" }, { reason: "signature" }]);
  });

  it("keeps no other reply and changes nothing for it", async () => {
    const before = await lastSeq();
    expect((await reply({ From: "+13125550199", Body: "Running late, sorry! Stop by later?" })).status).toBe(200);
    expect(await auditSince(before)).toEqual([]);
    expect(await mayText(database.db, "312 555 0199")).toBe(true);
  });

  it("records START: texts may go to the number again", async () => {
    const before = await lastSeq();
    expect((await reply({ From: "+13125550142", Body: "START" })).status).toBe(200);
    expect(await mayText(database.db, "(312) 555-0142")).toBe(true);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["text.opt_in", "text.opt_in", "text.opt_in"]);
  });

  it("honours the Spanish words and a number nobody has yet", async () => {
    const before = await lastSeq();
    expect((await reply({ From: "+13125550177", Body: "PARAR" })).status).toBe(200);
    expect(await mayText(database.db, "312-555-0177")).toBe(false);
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.action, r.entity_type, r.participant_id])).toEqual([["text.opt_out", "text_number", null]]);
  });

  it("checks the signature over the address it was reached at when no public address is set", async () => {
    const local = await serve({ authToken: AUTH_TOKEN, webhookUrl: null });
    expect((await reply({ From: "+13125550188", Body: "STOP" }, { to: local.url })).status).toBe(403);
    expect((await reply({ From: "+13125550188", Body: "STOP" }, { to: local.url, signedUrl: `${local.url}/hooks/text` })).status).toBe(200);
    expect(await mayText(database.db, "+13125550188")).toBe(false);
  });

  it("is not there without a text provider", async () => {
    const none = await serve(null);
    expect((await reply({ From: "+13125550142", Body: "STOP" }, { to: none.url })).status).toBe(404);
  });

  it("holds replies to the body limit", async () => {
    const response = await reply({ From: "+13125550142", Body: "x".repeat(300 * 1024) });
    expect(response.status).toBe(413);
  });
});

import net from "node:net";
import { describe, expect, it } from "vitest";
import { inputProblems } from "../../src/server/input.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// Request bodies are held to a limit before anything reads them, and a body that cannot
// be read (broken multipart, garbage gzip, another charset, JSON nested thousands deep)
// is the sender's error, never a 500. Finding: a 200 MB anonymous POST to /sign-in took
// the server from 324 MB to 1 GB.
const app = useTestApp();
const { clientFor } = app;

const today = () => new Date().toISOString().slice(0, 10);
const MB = 1024 * 1024;

async function count(table: "participants" | "consent_grants"): Promise<number> {
  const row = await app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function addPerson(client: Client, participantId: string, name: string) {
  const response = await client.api("POST", `/participants/${participantId}/support-persons`, { name, relationshipKind: "friend", closeness: "friends" });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A PNG of the given size: the real magic bytes, then filler. */
function png(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

function paperTerms() {
  return { categories: ["employment_goals"], purpose: "Rides to work.", startsOn: today(), expiresOn: "2099-01-01", signedMethod: "paper", signedOn: today() };
}

async function postMultipart(client: Client, path: string, fields: Record<string, string | string[]>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const body = new FormData();
  body.set("_csrf", client.csrf);
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  if (file) body.set("scan", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return client.fetch(path, { method: "POST", body, headers: { origin: client.baseUrl } });
}

/** Raw bytes to a path with the session and CSRF a browser (or the API's caller) would send. */
function postRaw(client: Client, path: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>) {
  return client.fetch(path, { method: "POST", body, headers: { origin: client.baseUrl, "x-csrf-token": client.csrf, ...headers } });
}

describe("body limits", () => {
  it("refuses a page form over 256 kB with a page saying so, and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const before = await count("participants");
    const response = await spec1.postForm("/participants/new", { firstName: "Big", lastName: "x".repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("<h1>");
    expect(page).toContain("too large");
    expect(await count("participants")).toBe(before);
  });

  it("refuses API JSON over 256 kB with a JSON problem, and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const before = await count("participants");
    const response = await spec1.api("POST", "/participants", { firstName: "Big", lastName: "x".repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("too_large");
    expect(await count("participants")).toBe(before);
  });

  it("takes the same 5 MB scan on the page and through the API (base64 in JSON)", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const scan = png(5 * MB - 64);
    const onPage = await addPerson(spec1, id, "Page Scan");
    const saved = await postMultipart(spec1, `/participants/${id}/network/${onPage}/consent/new`, { ...paperTerms(), intent: "save" }, { name: "form.png", type: "image/png", bytes: scan });
    expect(saved.status).toBe(302);
    const viaApi = await addPerson(spec1, id, "Api Scan");
    const recorded = await spec1.api("POST", `/participants/${id}/consent-grants`, {
      ...paperTerms(), supportPersonId: viaApi, scan: { filename: "form.png", contentType: "image/png", contentBase64: Buffer.from(scan).toString("base64") },
    });
    expect(recorded.status).toBe(201);
    expect((await recorded.json()).hasScan).toBe(true);
  });

  it("refuses an upload over the limit on both paths with 413, and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const person = await addPerson(spec1, id, "Too Big");
    const before = await count("consent_grants");
    const onPage = await postMultipart(spec1, `/participants/${id}/network/${person}/consent/new`, { ...paperTerms(), intent: "save" }, { name: "form.png", type: "image/png", bytes: png(6 * MB + 1) });
    expect(onPage.status).toBe(413);
    expect(await onPage.text()).toContain("too large");
    const viaApi = await spec1.api("POST", `/participants/${id}/consent-grants`, {
      ...paperTerms(), supportPersonId: person, scan: { filename: "form.png", contentType: "image/png", contentBase64: Buffer.from(png(6 * MB + 1)).toString("base64") },
    });
    expect(viaApi.status).toBe(413);
    expect((await viaApi.json()).error.code).toBe("too_large");
    // The upload limit is the upload operations' alone: any other operation keeps 256 kB.
    const elsewhere = await spec1.api("POST", `/participants/${id}/support-persons`, { name: "x".repeat(300 * 1024), relationshipKind: "friend", closeness: "friends" });
    expect(elsewhere.status).toBe(413);
    expect(await count("consent_grants")).toBe(before);
  });

  it("answers 413 to the headers of a 200 MB anonymous POST to /sign-in, before any of the body", async () => {
    const { port, hostname } = new URL(app.url);
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk) => { answer += chunk.toString("latin1"); });
    socket.write(`POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${200 * MB}\r\n\r\n`);
    await new Promise((resolve) => socket.on("close", resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  });

  it("cuts off a 200 MB anonymous POST to /sign-in at once, without the server's memory growing", async () => {
    const { port, hostname } = new URL(app.url);
    const rssBefore = process.memoryUsage().rss;
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    let sent = 0;
    // The server answers and closes while the body is still coming: the sender sees the
    // 413, or only the reset connection (the unread answer lost with it).
    let closedByServer = false;
    socket.on("data", (chunk) => { answer += chunk.toString("latin1"); });
    socket.on("error", () => { closedByServer = true; });
    socket.on("end", () => { closedByServer = true; });
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    const boundary = "----allies";
    socket.write(`POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${200 * MB}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, "a");
    // Keep sending until the server answers or closes; it must not wait for the 200 MB.
    while (!answer && !closedByServer && !socket.destroyed && sent < 200 * MB) {
      if (!socket.write(chunk)) await new Promise((resolve) => { socket.once("drain", resolve); socket.once("close", resolve); setTimeout(resolve, 200); });
      sent += chunk.length;
    }
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    socket.destroy();
    expect(answer === "" ? closedByServer : /^HTTP\/1\.1 413/.test(answer)).toBe(true);
    expect(sent).toBeLessThan(20 * MB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MB);
  });

  it("refuses a body sent without its length (chunked) on the pages and the API", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const stream = () => new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode("{}")); controller.close(); } });
    const page = await spec1.fetch("/participants/new", { method: "POST", body: stream(), duplex: "half", headers: { origin: spec1.baseUrl, "content-type": "application/x-www-form-urlencoded" } } as RequestInit);
    expect(page.status).toBe(411);
    const api = await spec1.fetch("/api/v1/participants", { method: "POST", body: stream(), duplex: "half", headers: { origin: spec1.baseUrl, "x-csrf-token": spec1.csrf, "content-type": "application/json" } } as RequestInit);
    expect(api.status).toBe(411);
    expect((await api.json()).error.code).toBe("length_required");
  });
});

describe("bodies that cannot be read", () => {
  it("answers 400 to malformed multipart on a page and saves nothing", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const before = await count("participants");
    const response = await postRaw(spec1, "/participants/new", `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${spec1.csrf}\r\n--x\r\nbroken`, {
      "content-type": "multipart/form-data; boundary=x",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("could not be read");
    expect(await count("participants")).toBe(before);
  });

  it("answers 415 to a compressed body (here garbage claiming to be gzip) on the pages and the API", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const garbage = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const page = await postRaw(spec1, "/participants/new", garbage, { "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" });
    expect(page.status).toBe(415);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const api = await postRaw(spec1, "/api/v1/participants", garbage, { "content-type": "application/json", "content-encoding": "gzip" });
    expect(api.status).toBe(415);
    expect((await api.json()).error.code).toBe("unsupported_encoding");
  });

  it("answers 415 to a charset other than UTF-8 on the pages and the API", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const before = await count("participants");
    const form = new URLSearchParams({ _csrf: spec1.csrf, firstName: "Jos\u00e9", lastName: "Latin" }).toString();
    const page = await postRaw(spec1, "/participants/new", form, { "content-type": "application/x-www-form-urlencoded; charset=latin1" });
    expect(page.status).toBe(415);
    const api = await postRaw(spec1, "/api/v1/participants", JSON.stringify({ firstName: "Jos\u00e9", lastName: "Latin" }), { "content-type": "application/json; charset=latin1" });
    expect(api.status).toBe(415);
    expect((await api.json()).error.code).toBe("unsupported_charset");
    // UTF-8, however spelled, is welcome.
    const utf8 = await postRaw(spec1, "/api/v1/participants", JSON.stringify({ firstName: "Jos\u00e9", lastName: "Utf" }), { "content-type": "application/json; charset=UTF-8" });
    expect(utf8.status).toBe(201);
    expect(await count("participants")).toBe(before + 1);
  });

  it("answers 400 to JSON nested 3,000 deep, and the server goes on", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const deep = `{"firstName":"Deep","lastName":"Json","extra":${"[".repeat(3000)}${"]".repeat(3000)}}`;
    const response = await postRaw(spec1, "/api/v1/participants", deep, { "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields[0].code).toBe("too_deep");
    expect((await spec1.api("GET", "/participants")).status).toBe(200);
  });
});

describe("the input check", () => {
  it("walks any depth without recursion, and stops at the depth cap", () => {
    let nested: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(inputProblems(nested, "en")).toEqual([expect.objectContaining({ code: "too_deep" })]);
    expect(inputProblems({ a: { b: ["ok", "x\u0000"] } }, "en")).toEqual([expect.objectContaining({ path: "a.b.1", code: "nul_character" })]);
  });
});

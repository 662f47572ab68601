/**
 * Request bodies (issue 10, finding 2) and connections (finding 3), against the
 * production server: bodies over their limit, bodies that cannot be read, and slow
 * clients, each answered with the status that says why, nothing stored, the server's
 * memory and file descriptors bounded, and the server healthy afterwards.
 */
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import type { Db } from "../../src/db/index.ts";
import { startServer, sleep, type ServerProcess } from "./harness.ts";
import { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import type { SubjectRecords } from "./world.ts";

const MB = 1024 * 1024;

/** The server's resident memory now (kB), from the kernel. */
function residentKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

/** How many files and sockets the server holds open. */
function openFiles(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

async function count(db: Db, table: "participants" | "consent_grants"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A PNG of the given size: the real magic bytes, then filler. */
function png(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

function day(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const paperTerms = () => ({ categories: ["employment_goals"], purpose: "Rides to work.", startsOn: day(), expiresOn: day(365), signedMethod: "paper", signedOn: day() });

/**
 * Declares `total` bytes of multipart to a path, anonymously, and sends them as fast
 * as the server takes them (or only the headers), stopping when the server answers
 * or closes. What the server said, how much was sent by then, whether the server
 * closed the connection, and its peak resident memory meanwhile.
 */
async function floodPost(server: ServerProcess, path: string, total: number, options: { headersOnly?: boolean } = {}): Promise<{ answer: string; sent: number; peakKb: number; closedByServer: boolean }> {
  const socket = net.connect(server.port, "127.0.0.1");
  let answer = "";
  let sent = 0;
  let closedByServer = false;
  let peakKb = residentKb(server.pid);
  socket.on("data", (chunk) => { answer += chunk.toString("latin1"); });
  socket.on("error", () => { closedByServer = true; });
  socket.on("end", () => { closedByServer = true; });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=flood\r\nContent-Length: ${total}\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, "a");
  const started = Date.now();
  while (!options.headersOnly && !answer && !closedByServer && !socket.destroyed && sent < total && Date.now() - started < 60_000) {
    if (!socket.write(chunk)) await new Promise((resolve) => { socket.once("drain", resolve); socket.once("close", resolve); setTimeout(resolve, 200); });
    sent += chunk.length;
    if (sent % (4 * MB) === 0) peakKb = Math.max(peakKb, residentKb(server.pid));
  }
  await Promise.race([closed, sleep(2_000)]);
  socket.destroy();
  return { answer, sent, closedByServer, peakKb: Math.max(peakKb, residentKb(server.pid)) };
}

/** Finding 2: every body held to its limit from its headers, and unreadable bodies refused as the sender's error. */
export async function checkBodies(results: Results, database: string, db: Db, server: ServerProcess, owner: Caller, records: SubjectRecords): Promise<void> {
  const AREA = "bodies";
  const record = (check: string, ok: boolean, detail: string) => results.record(AREA, database, check, ok, detail);
  const participantsBefore = await count(db, "participants");
  const grantsBefore = await count(db, "consent_grants");
  const pageHeaders = { origin: owner.baseUrl };
  const apiHeaders = { origin: owner.baseUrl, "x-csrf-token": owner.csrf };

  const bigForm = await owner.form("/participants/new", { firstName: "Big", lastName: "x".repeat(300 * 1024) });
  record("a page form over 256 kB: 413 and a page", bigForm.status === 413 && /^text\/html/.test(bigForm.headers.get("content-type") ?? ""), `${bigForm.status} ${bigForm.headers.get("content-type")}`);

  const bigJson = await owner.api("POST", "/participants", { firstName: "Big", lastName: "x".repeat(300 * 1024) }, { via: "session" });
  record("API JSON over 256 kB: 413 too_large", bigJson.status === 413 && bigJson.json?.error?.code === "too_large", `${bigJson.status} ${bigJson.text.slice(0, 120)}`);

  const uploadPage = `/participants/${records.id}/network/${records.personId}/consent/new`;
  const multipart = (bytes: Uint8Array<ArrayBuffer>) => {
    const form = new FormData();
    form.set("_csrf", owner.csrf);
    for (const [name, value] of Object.entries({ ...paperTerms(), intent: "save" })) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    form.set("scan", new Blob([bytes], { type: "image/png" }), "form.png");
    return form;
  };
  const bigUpload = await owner.raw(uploadPage, { method: "POST", body: multipart(png(6 * MB + 1)), headers: pageHeaders, timeoutMs: 60_000 });
  record("a scan over 6 MB on the page: 413", bigUpload.status === 413, String(bigUpload.status));
  const grantBody = (bytes: Uint8Array) => ({
    ...paperTerms(), supportPersonId: records.personId, scan: { filename: "form.png", contentType: "image/png", contentBase64: Buffer.from(bytes).toString("base64") },
  });
  const bigApiUpload = await owner.api("POST", `/participants/${records.id}/consent-grants`, grantBody(png(6 * MB + 1)), { via: "session" });
  record("a scan over 6 MB through the API: 413", bigApiUpload.status === 413 && bigApiUpload.json?.error?.code === "too_large", `${bigApiUpload.status} ${bigApiUpload.text.slice(0, 120)}`);
  const grantsAfterRefusals = await count(db, "consent_grants");
  // One limit on both paths: the 5 MB scan the page takes goes through the API too (base64 in JSON).
  const fullApiUpload = await owner.api("POST", `/participants/${records.id}/consent-grants`, grantBody(png(5 * MB - 64)), { via: "session" });
  record("a 5 MB scan through the API, as on the page: 201", fullApiUpload.status === 201, `${fullApiUpload.status} ${fullApiUpload.text.slice(0, 120)}`);

  const broken = await owner.raw("/participants/new", {
    method: "POST", body: `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${owner.csrf}\r\n--x\r\nbroken`,
    headers: { ...pageHeaders, "content-type": "multipart/form-data; boundary=x" },
  });
  record("malformed multipart on a page: 400", broken.status === 400, String(broken.status));

  const garbage = new Uint8Array([31, 139, 1, 2, 3, 4, 5, 6, 7]);
  const gzipPage = await owner.raw("/participants/new", { method: "POST", body: garbage, headers: { ...pageHeaders, "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" } });
  const gzipApi = await owner.raw("/api/v1/participants", { method: "POST", body: garbage, headers: { ...apiHeaders, "content-type": "application/json", "content-encoding": "gzip" } });
  record("a bad gzip body: 415 on the page and the API", gzipPage.status === 415 && gzipApi.status === 415, `page ${gzipPage.status}, API ${gzipApi.status}`);

  const latinForm = new URLSearchParams({ _csrf: owner.csrf, firstName: "Jos\u00e9", lastName: "Latin" }).toString();
  const latinPage = await owner.raw("/participants/new", { method: "POST", body: latinForm, headers: { ...pageHeaders, "content-type": "application/x-www-form-urlencoded; charset=latin1" } });
  const latinApi = await owner.raw("/api/v1/participants", { method: "POST", body: JSON.stringify({ firstName: "Jos\u00e9", lastName: "Latin" }), headers: { ...apiHeaders, "content-type": "application/json; charset=latin1" } });
  record("charset=latin1: 415 on the page and the API", latinPage.status === 415 && latinApi.status === 415, `page ${latinPage.status}, API ${latinApi.status}`);

  const deep = `{"firstName":"Deep","lastName":"Json","extra":${"[".repeat(3000)}${"]".repeat(3000)}}`;
  const deepApi = await owner.raw("/api/v1/participants", { method: "POST", body: deep, headers: { ...apiHeaders, "content-type": "application/json" } });
  record("JSON nested 3,000 deep: 400", deepApi.status === 400, `${deepApi.status} ${deepApi.text.slice(0, 120)}`);

  const declared = await floodPost(server, "/sign-in", 200 * MB, { headersOnly: true });
  record("headers declaring a 200 MB anonymous POST to /sign-in: 413 at once", /^HTTP\/1\.1 413/.test(declared.answer), declared.answer.split("\r\n")[0] || "no answer");
  const rssBefore = residentKb(server.pid);
  const flood = await floodPost(server, "/sign-in", 200 * MB);
  const grownMb = Math.round((flood.peakKb - rssBefore) / 1024);
  // The server answers and closes while the body is still coming; the sender may see the
  // 413 or only the closed connection (its unread answer lost to the reset), either way early.
  const cutOff = (/^HTTP\/1\.1 413/.test(flood.answer) || flood.closedByServer) && flood.sent < 32 * MB;
  record("a 200 MB anonymous POST to /sign-in is cut off early", cutOff, `${flood.answer.split("\r\n")[0] || "connection closed"} after ${Math.round(flood.sent / MB)} MB sent`);
  record("memory stays bounded while it is sent", grownMb < 64, `resident memory grew by ${grownMb} MB (from ${Math.round(rssBefore / 1024)} MB)`);

  const stored = (await count(db, "participants")) - participantsBefore;
  record("nothing stored from a refused body", stored === 0 && grantsAfterRefusals === grantsBefore, `${stored} participants, ${grantsAfterRefusals - grantsBefore} grants`);
  record("the server is healthy afterwards", await healthy(server.url), "/healthz");
}

/** A client that sends part of its headers and never the rest; resolves with what the server said when it closed. */
function slowHeaders(port: number): { closed: Promise<string>; socket: net.Socket } {
  const socket = net.connect(port, "127.0.0.1");
  let answer = "";
  socket.on("connect", () => socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
  socket.on("data", (chunk) => { answer += chunk.toString("latin1"); });
  socket.on("error", () => {});
  return { socket, closed: new Promise((resolve) => socket.on("close", () => resolve(answer))) };
}

/**
 * Finding 3: slow-header clients cannot exhaust the server. With a cap of 100
 * connections, 600 slow clients leave the server holding at most the cap (plus its
 * own files), each is dropped within the header timeout, and the server answers again.
 */
export async function checkConnections(results: Results, database: string, databaseUrl: string): Promise<void> {
  const AREA = "connections";
  const cap = 100;
  const clients = 600;
  // The header timeout of src/server/listen.ts (10 s) and its checking interval, with a margin.
  const droppedWithinMs = 10_000 + 1_000 + 4_000;
  const server = await startServer({ databaseUrl, env: { ALLIES_MAX_CONNECTIONS: String(cap) } });
  try {
    const baseline = openFiles(server.pid);
    const started = Date.now();
    const slow = Array.from({ length: clients }, () => slowHeaders(server.port));
    await sleep(2_000);
    const held = openFiles(server.pid) - baseline;
    results.record(AREA, database, `${clients} slow-header clients: the server holds at most its cap of ${cap}`, held <= cap + 10, `${held} more open files than at rest`);
    const outcome = await Promise.race([Promise.all(slow.map((c) => c.closed)).then((answers) => answers), sleep(droppedWithinMs).then(() => null)]);
    const openStill = slow.filter((c) => !c.socket.destroyed && !c.socket.closed).length;
    results.record(AREA, database, "every slow client is dropped within the header timeout", outcome !== null,
      outcome ? `all closed within ${Math.round((Date.now() - started) / 1000)} s; ${outcome.filter((a) => a.startsWith("HTTP/1.1 408")).length} answered 408` : `${openStill} still open after ${droppedWithinMs / 1000} s`);
    for (const c of slow) c.socket.destroy();
    results.record(AREA, database, "the server answers again afterwards", await healthy(server.url), "/healthz");
  } finally {
    await server.stop();
  }
}

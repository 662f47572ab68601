import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// The caseload export (issue 16 §3, decision 0045): each person downloads exactly the
// caseloads they may see, a name typed as a formula stays text, nothing a consent
// governs is in it, and every download (page, API, command line) is audited with
// the ids of everyone in it.
const app = useTestApp();
const { clientFor, lastSeq } = app;
const root = path.resolve(import.meta.dirname, "../..");

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["src/cli/main.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: app.database.url } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The rows of an export, the header left out, as lists of cells (no cell here holds a comma or quote unless asked). */
function lines(csv: string): string[] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  return csv.slice(1).split("\r\n").filter((l) => l !== "");
}
const idsIn = (csv: string) => lines(csv).slice(1).map((l) => l.split(",")[0]);

/** The body as sent: fetch's own text() would drop the byte-order mark that Excel needs. */
async function csvOf(response: Response | Promise<Response>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (await response).arrayBuffer());
}

async function exportsSince(seq: number) {
  const rows = await app.database.db.selectFrom("audit_log").select(["action", "details", "actor_id"]).where("seq", ">", seq).where("action", "=", "caseload.export").orderBy("seq").execute();
  return rows.map((r) => ({ actorId: r.actor_id, details: typeof r.details === "string" ? JSON.parse(r.details) : r.details }));
}

describe("caseload export", () => {
  it("gives each person the caseloads they may see, and audits who was in it", async () => {
    const { participant1, participant1b, participant2 } = app.world.participants;
    const expected: [string, string[]][] = [
      ["spec1@test.org", [participant1.id]],
      ["sup1@test.org", [participant1b.id, participant1.id]],
      ["admin@test.org", [participant1b.id, participant2.id, participant1.id]],
    ];
    for (const [email, ids] of expected) {
      const client = await clientFor(email);
      const before = await lastSeq();
      const response = await client.fetch("/participants.csv");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toContain("attachment");
      const csv = await csvOf(response);
      // Ordered by last name: Morgan, Ortiz, Quinn.
      expect(idsIn(csv), email).toEqual(ids);
      const audited = await exportsSince(before);
      expect(audited).toHaveLength(1);
      expect(audited[0]!.details).toEqual({ form: "page", search: "no", status: "active", rows: ids.length, exported: ids });
    }
  });

  it("has the columns a program needs, with the next meeting and a job, and nothing a consent governs", async () => {
    const specialist = await clientFor("spec1@test.org");
    const made = await specialist.api("POST", "/participants", {
      firstName: "Formula", lastName: '=HYPERLINK("http://evil.example","x")', preferredName: "+1 Joe", workGoal: "Secret goal in a kitchen",
    });
    expect(made.status).toBe(201);
    const person = (await made.json()) as { id: string };
    const meeting = await specialist.api("POST", `/participants/${person.id}/meetings`, {
      kind: "support", title: "Planning over coffee", scheduledAt: "2099-05-04T10:30", durationMinutes: 30, place: "Office", inviteeIds: [],
    });
    expect(meeting.status).toBe(201);
    const job = await specialist.api("POST", `/participants/${person.id}/jobs`, { employer: "Corner Bakery", title: "Baker", startedOn: "2020-01-06", competitive: true, integrated: true });
    expect(job.status).toBe(201);

    const csv = await csvOf(specialist.fetch("/participants.csv"));
    const [header, ...rows] = lines(csv);
    expect(header).toBe("Allies id,Program id,Last name,First name,Preferred name,Specialist,Team,Status,Preferred language,Next meeting,Working now,Added on");
    const row = rows.find((r) => r.startsWith(person.id))!;
    // The formula is text (a leading apostrophe), its quotes doubled inside a quoted cell.
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",Formula,'+1 Joe,Spec One,Team One,Active,English,2099-05-04 10:30,Yes,`);
    expect(rows.find((r) => r.startsWith(app.world.participants.participant1.id))).toContain(",Spec One,Team One,Active,English,,No,");
    for (const secret of ["Secret goal", "Planning over coffee", "Corner Bakery"]) expect(csv).not.toContain(secret);

    // The search and status of the caseload page narrow the export the same way.
    expect(idsIn(await csvOf(specialist.fetch("/participants.csv?q=quinn")))).toEqual([app.world.participants.participant1.id]);
    expect(idsIn(await csvOf(specialist.fetch("/participants.csv?status=archived")))).toEqual([]);
    // The caseload page offers the download with its search.
    expect(await (await specialist.fetch("/participants?q=quinn")).text()).toContain('href="/participants.csv?q=quinn"');
  });

  it("answers in the reader's language", async () => {
    const admin = await clientFor("admin@test.org");
    await app.database.db.updateTable("users").set({ locale: "es" }).where("email", "=", "sup2@test.org").execute();
    const supervisor = await clientFor("sup2@test.org");
    const csv = await csvOf(supervisor.fetch("/participants.csv"));
    expect(lines(csv)[0]).toContain("Apellido,Nombre");
    expect(lines(csv)[1]).toContain(",Activo,");
    expect((await admin.fetch("/participants.csv")).status).toBe(200);
  });

  it("is the same through the API and the command line, each audited as such", async () => {
    const specialist = await clientFor("spec1@test.org");
    const page = await csvOf(specialist.fetch("/participants.csv"));
    let before = await lastSeq();
    const api = await specialist.api("GET", "/exports/caseload");
    expect(api.status).toBe(200);
    expect(api.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await csvOf(api)).toBe(page);
    expect((await exportsSince(before)).map((e) => e.details.form)).toEqual(["api"]);

    before = await lastSeq();
    const run = await cli(["export", "caseload", "--as", "spec1@test.org"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(page);
    const audited = await exportsSince(before);
    expect(audited.map((e) => [e.actorId, e.details.form])).toEqual([[app.world.users.specialist1.id, "cli"]]);

    const nobody = await cli(["export", "caseload", "--as", "nobody@test.org"]);
    expect(nobody.status).toBe(2);
    expect(nobody.stdout).toBe("");
    const wrong = await cli(["export", "caseload", "--as", "spec1@test.org", "--status", "gone"]);
    expect(wrong.status).toBe(2);
  }, 180_000); // three runs of the command line, each starting Node and opening the database

  it("sends a signed-out visitor to sign in and the API without a session answers 401", async () => {
    const response = await fetch(`${app.url}/participants.csv`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await fetch(`${app.url}/api/v1/exports/caseload`)).status).toBe(401);
  });
});

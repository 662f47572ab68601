import { describe, expect, it } from "vitest";
import { earliestTextTime } from "../../src/domain/messages/quiet-hours.ts";
import { getProgramSettings } from "../../src/domain/program/program.server.ts";
import { useTestApp } from "../support/app.ts";

// Quiet hours for texts are the program's to set (issue 12): default 21:00 to 08:00,
// changed by an administrator on the program settings page, audited like any change there.
const app = useTestApp();

describe("quiet hours in the program settings", () => {
  it("default to 21:00 to 08:00 until an administrator sets them", async () => {
    expect((await getProgramSettings(app.database.db)).quietHours).toEqual({ start: "21:00", end: "08:00" });
    const admin = await app.clientFor("admin@test.org");
    const page = await (await admin.fetch("/admin/program")).text();
    expect(page).toContain('name="quietHoursStart"');
    expect(page).toContain('value="21:00"');
  });

  it("are set by an administrator, audited, and move when a text may go", async () => {
    const admin = await app.clientFor("admin@test.org");
    const bad = await admin.postForm("/admin/program", { name: "Riverside IPS", timeZone: "America/Chicago", quietHoursStart: "25:00", quietHoursEnd: "07:00", version: "0" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Write a time like 21:00.");

    const before = await app.lastSeq();
    const saved = await admin.postForm("/admin/program", { name: "Riverside IPS", timeZone: "America/Chicago", quietHoursStart: "20:00", quietHoursEnd: "09:30", version: "0" });
    expect(saved.status).toBe(302);
    const settings = await getProgramSettings(app.database.db);
    expect(settings.quietHours).toEqual({ start: "20:00", end: "09:30" });
    const audit = await app.database.db.selectFrom("audit_log").select(["action", "details"]).where("seq", ">", before).execute();
    expect(audit.map((a) => a.action)).toEqual(["program.update"]);
    expect(JSON.parse(audit[0]!.details).fields).toContain("quietHours");
    // 20:30 in Chicago on 1 July (01:30Z on the 2nd) now waits for 09:30 (14:30Z).
    expect(earliestTextTime(new Date("2026-07-02T01:30:00Z"), settings.timeZone!, settings.quietHours).toISOString()).toBe("2026-07-02T14:30:00.000Z");
  });

  it("go back to the default when cleared", async () => {
    const admin = await app.clientFor("admin@test.org");
    const version = (await getProgramSettings(app.database.db)).version;
    expect((await admin.postForm("/admin/program", { name: "Riverside IPS", timeZone: "America/Chicago", quietHoursStart: "", quietHoursEnd: "", version: String(version) })).status).toBe(302);
    expect((await getProgramSettings(app.database.db)).quietHours).toEqual({ start: "21:00", end: "08:00" });
  });
});

import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, issueLink, openLink } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// Issue 14 §3 through the real HTTP stack on SQLite or PostgreSQL (TEST_DB): the
// network's new words (a parent, a coworker at their job now, "other" help in the
// person's own words), guided discovery that asks about foster care only of a young
// adult who was in care and warns before adding a probation officer, and a meeting
// commitment dismissed and restored: kept on the record, gone from the support
// person's page meanwhile, each change audited without the reason's words.
const app = useTestApp();
const { clientFor, lastSeq } = app;

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "entity_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

/** A support person as the network lists them. */
async function listed(client: Client, participantId: string, personId: string) {
  const network = (await (await client.api("GET", `/participants/${participantId}/support-persons`)).json()) as { current: { id: string }[] };
  return network.current.find((p) => p.id === personId);
}

const IN_CARE = "Did you grow up with anyone in foster care or group homes who still feels like family?";
const CAUTION = "Before adding a probation or parole officer";

describe("the network's words", () => {
  it("records a parent with other help described, refuses other help without words, and drops the words when other is not ticked", async () => {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;

    const unnamed = await spec1.api("POST", `/participants/${id}/support-persons`, { name: "Marta Quinn", relationshipKind: "parent", closeness: "inner", helpKinds: ["other"] });
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(await unnamed.json())).toContain("helpOther");

    const parent = await addSupportPerson(spec1, id, {
      name: "Marta Quinn", relationshipKind: "parent", closeness: "inner", helpKinds: ["paperwork", "other"], helpOther: "Watches the children during interviews",
    });
    expect(await listed(spec1, id, parent.id)).toMatchObject({ relationshipKind: "parent", helpKinds: ["paperwork", "other"], helpOther: "Watches the children during interviews" });
    const page = await (await spec1.fetch(`/participants/${id}/network/${parent.id}`)).text();
    expect(page).toContain("Parent");
    expect(page).toContain("Forms and paperwork, Other help: Watches the children during interviews");

    const coworker = await addSupportPerson(spec1, id, {
      name: "Dev Patel", relationshipKind: "current_coworker", closeness: "friends", helpKinds: ["job_leads", "interview_schedules"], helpOther: "Words without the box",
    });
    expect(await listed(spec1, id, coworker.id)).toMatchObject({ relationshipKind: "current_coworker", helpKinds: ["job_leads", "interview_schedules"], helpOther: null });
    const network = await (await spec1.fetch(`/participants/${id}/network`)).text();
    expect(network).toContain("Coworker at their job now");
  });
});

describe("guided discovery", () => {
  async function flagged(situationFlags: string[]) {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const current = await (await spec1.api("GET", `/participants/${id}`)).json();
    const put = await spec1.api("PUT", `/participants/${id}`, { firstName: current.firstName, lastName: current.lastName, situationFlags, version: current.version });
    expect(put.status).toBe(200);
    return (await spec1.fetch(`/participants/${id}/network/discover`)).text();
  }

  it("asks about people from foster care only of a young adult marked as having been in care", async () => {
    expect(await flagged([])).not.toContain(IN_CARE);
    expect(await flagged(["youngAdult"])).not.toContain(IN_CARE);
    expect(await flagged(["fosterCare"])).not.toContain(IN_CARE);
    expect(await flagged(["youngAdult", "fosterCare"])).toContain(IN_CARE);
  });

  it("shows the probation officer caution with the officer question, for a participant with justice involvement only", async () => {
    const without = await flagged(["youngAdult"]);
    expect(without).not.toContain(CAUTION);
    const withJustice = await flagged(["justiceInvolvement"]);
    expect(withJustice).toContain("Would your probation or parole officer be someone to include?");
    expect(withJustice).toContain(CAUTION);
    // The form the officer question opens is pre-filled with the officer, the caution beside it; nothing else is assumed.
    const asked = await (await (await clientFor("spec1@test.org")).fetch(`/participants/${app.world.participants.participant1.id}/network/discover?ask=officer`)).text();
    expect(asked).toMatch(/<option value="probation_officer" selected="">/);
    const earlyRiser = await (await (await clientFor("spec1@test.org")).fetch(`/participants/${app.world.participants.participant1.id}/network/discover?ask=earlyRiser`)).text();
    expect(earlyRiser).not.toMatch(/<option value="relative" selected="">/);
    expect(earlyRiser).not.toMatch(/<option value="inner" selected="">/);
  });
});

describe("a dismissed commitment", () => {
  /** Gloria, consented and invited, says in a meeting she will drive; it becomes a plan item shared with her. */
  async function commitmentInThePlan() {
    const spec1 = await clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const gloria = await addSupportPerson(spec1, id, { name: "Gloria Reyes", relationshipKind: "relative", closeness: "inner", helpKinds: ["rides"] });
    await grantConsent(spec1, id, gloria.id);
    // Late today where the program is (the test program keeps UTC): a meeting is held, and has minutes, only from its day on.
    const meeting = await (await spec1.api("POST", `/participants/${id}/meetings`, {
      kind: "support", title: "Getting to work", scheduledAt: `${new Date().toISOString().slice(0, 10)}T23:59`, durationMinutes: 60, place: "Library", inviteeIds: [gloria.id], discloses: ["employment_goals"],
    })).json();
    const withEntry = await (await spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries`, {
      kind: "commitment", text: "Drive Pat to the bakery on Mondays", speaker: "support_person", supportPersonId: gloria.id, clientKey: crypto.randomUUID(),
    })).json();
    const entry = (withEntry.entries as { id: string; kind: string }[]).find((e) => e.kind === "commitment")!;
    expect((await spec1.api("PUT", `/participants/${id}/meetings/${meeting.id}/step`, { step: 7 })).status).toBe(200);
    const converted = await spec1.api("POST", `/participants/${id}/meetings/${meeting.id}/entries/${entry.id}/plan-item`, { kind: "rides" });
    expect(converted.status).toBe(201);
    const item = await converted.json();
    const shared = await spec1.api("PUT", `/participants/${id}/plan-items/${item.id}`, {
      kind: "rides", description: item.description, provider: "support_person", supportPersonId: gloria.id, status: "agreed",
      sharedWithSupports: true, discloses: ["employment_goals"], version: item.version,
    });
    expect(shared.status).toBe(200);
    const link = await issueLink(app.database.db, app.world.actors.specialist1, id, gloria.id);
    return { spec1, id, gloria, meeting, entry, item, link };
  }

  const gloriaSees = async (url: string, path: string) => {
    const opened = await openLink(url, path);
    return (await (await opened.client.fetch("/support")).text()).includes("Drive Pat to the bakery on Mondays");
  };

  it("through the API: stays in the minutes and the plan marked dismissed, leaves the support person's page, and comes back when restored; audited without the reason's words", async () => {
    const { spec1, id, meeting, entry, item, link } = await commitmentInThePlan();
    const base = `/participants/${id}/meetings/${meeting.id}/entries/${entry.id}`;
    expect(await gloriaSees(app.url, link.path)).toBe(true);

    const before = await lastSeq();
    const dismissed = await spec1.api("POST", `${base}/dismiss`, { reason: "Gloria moved to another town" });
    expect(dismissed.status).toBe(200);
    const dismissedEntry = ((await dismissed.json()).entries as { id: string; dismissedAt: string | null; dismissedReason: string | null }[]).find((e) => e.id === entry.id)!;
    expect(dismissedEntry.dismissedAt).not.toBeNull();
    expect(dismissedEntry.dismissedReason).toBe("Gloria moved to another town");
    const items = (await (await spec1.api("GET", `/participants/${id}/plan-items`)).json()).items as { id: string; dismissedAt: string | null; dismissedReason: string | null }[];
    expect(items.find((i) => i.id === item.id)).toMatchObject({ dismissedReason: "Gloria moved to another town" });
    expect(items.find((i) => i.id === item.id)!.dismissedAt).not.toBeNull();
    expect(await gloriaSees(app.url, link.path)).toBe(false);
    const minutes = await (await spec1.fetch(`/participants/${id}/meetings/${meeting.id}/minutes`)).text();
    expect(minutes).toContain("Drive Pat to the bakery on Mondays");
    expect(minutes).toContain("Gloria moved to another town");
    expect(minutes).toContain("Restore this commitment");

    // Dismissing again keeps the first reason.
    const again = await spec1.api("POST", `${base}/dismiss`, { reason: "Another reason" });
    expect(((await again.json()).entries as { id: string; dismissedReason: string | null }[]).find((e) => e.id === entry.id)!.dismissedReason).toBe("Gloria moved to another town");

    const restored = await spec1.api("POST", `${base}/restore`);
    expect(restored.status).toBe(200);
    expect(((await restored.json()).entries as { id: string; dismissedAt: string | null }[]).find((e) => e.id === entry.id)!.dismissedAt).toBeNull();
    expect(await gloriaSees(app.url, link.path)).toBe(true);

    const audit = (await auditSince(before)).filter((r) => r.action.startsWith("commitment."));
    expect(audit.map((r) => [r.action, JSON.parse(r.details ?? "{}")])).toEqual([
      ["commitment.dismiss", { entryId: entry.id, planItemId: item.id, withReason: true }],
      ["commitment.restore", { entryId: entry.id, planItemId: item.id }],
    ]);
    expect(JSON.stringify(audit)).not.toContain("moved to another town");
    const history = await (await spec1.api("GET", `/participants/${id}/plan-items/${item.id}/history`)).json();
    expect(JSON.stringify(history)).toContain("dismissed");
  });

  it("through the minutes page's form, the same way", async () => {
    const { spec1, id, meeting, entry, link } = await commitmentInThePlan();
    const minutesPath = `/participants/${id}/meetings/${meeting.id}/minutes`;
    const dismissed = await spec1.postForm(minutesPath, { entryId: entry.id, intent: "dismiss", reason: "" });
    expect(dismissed.status).toBe(302);
    expect(dismissed.headers.get("location")).toContain("commitment=dismissed");
    expect(await gloriaSees(app.url, link.path)).toBe(false);
    const restored = await spec1.postForm(minutesPath, { entryId: entry.id, intent: "restore" });
    expect(restored.status).toBe(302);
    expect(await gloriaSees(app.url, link.path)).toBe(true);
  });

  it("answers not found to another team's specialist and to a commitment of another meeting, changing nothing", async () => {
    const { id, meeting, entry } = await commitmentInThePlan();
    const spec2 = await clientFor("spec2@test.org");
    const before = await lastSeq();
    const refused = await spec2.api("POST", `/participants/${id}/meetings/${meeting.id}/entries/${entry.id}/dismiss`, { reason: "Not mine" });
    expect(refused.status).toBe(404);
    const otherParticipant = app.world.participants.participant1b.id;
    const supervisor = await clientFor("sup1@test.org");
    const wrongParticipant = await supervisor.api("POST", `/participants/${otherParticipant}/meetings/${meeting.id}/entries/${entry.id}/dismiss`, {});
    expect(wrongParticipant.status).toBe(404);
    const row = await app.database.db.selectFrom("meeting_entries").select(["dismissed_at"]).where("id", "=", entry.id).executeTakeFirstOrThrow();
    expect(row.dismissed_at).toBeNull();
    const written = await auditSince(before);
    expect(written.some((r) => r.action === "commitment.dismiss")).toBe(false);
    expect(written.filter((r) => r.action === "access.refused").length).toBeGreaterThanOrEqual(2);
  });
});

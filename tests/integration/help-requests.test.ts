import { beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { authorized } from "../support/access.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, issueLink, openLink } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// Issue 11, finished: help requests from the participant's own page and through
// the API (post, withdraw, mark done, history), each through the helper's consent
// and kinds of help; what support persons did, for the specialist, through the
// API; and meetings called off or moved as the partners' pages show them.
const app = useTestApp();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

let staff: Client;
let pat: Client;
let gloria: Client;
let gloriaId: string;
let p: string;

interface ApiHelpRequest { id: string; status: string; description: string; claimedBy: { name: string } | null; can: { withdraw: boolean; markDone: boolean } }

async function apiRequests(client: Client = staff, participantId = p): Promise<ApiHelpRequest[]> {
  const response = await client.api("GET", `/participants/${participantId}/help-requests`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { requests: ApiHelpRequest[] }).requests;
}

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").selectAll().where("seq", ">", seq).orderBy("seq").execute();
}

beforeAll(async () => {
  staff = await app.clientFor("spec1@test.org");
  p = app.world.participants.participant1.id;
  const person = await addSupportPerson(staff, p, { name: "Gloria Reyes", helpKinds: ["rides", "wake_up_calls"] });
  gloriaId = person.id;
  await grantConsent(staff, p, person.id, { categories: ["employment_goals", "work_schedule"] });
  gloria = (await openLink(app.url, (await issueLink(app.database.db, app.world.actors.specialist1, p, person.id)).path)).client;
  const own = await issuePersonalLink(app.database.db, await authorized(app.database.db, app.world.actors.specialist1, p), { kind: "participant", participantId: p }, systemMeta, PARTICIPANT_LINK_TERMS);
  if (!own.ok) throw new Error("no participant link");
  const opened = await openLink(app.url, own.link.path);
  expect(opened.location).toBe("/me");
  pat = opened.client;
});

describe("help requests from the participant's own page", () => {
  it("are posted by the participant, seen by the helper they fit, claimed, then marked done into the history", async () => {
    expect((await pat.postForm("/me/help", { kind: "rides", description: "", neededOn: "", discloses: ["work_schedule"] })).status).toBe(400);
    const posted = await pat.postForm("/me/help", { kind: "rides", description: "A ride to my first shift", neededOn: inDays(4), neededTime: "07:45", discloses: ["work_schedule"] });
    expect(posted.headers.get("location")).toContain("/me/help?notice=posted");
    const row = await app.database.db.selectFrom("help_requests").selectAll().where("description", "=", "A ride to my first shift").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ posted_by: `participant:${p}`, status: "open", needed_time: "07:45" });

    expect(await (await gloria.fetch("/support")).text()).toContain("A ride to my first shift");
    expect((await gloria.postForm(`/support/help/${row.id}`, {})).headers.get("location")).toContain("done=claim");

    const mine = await (await pat.fetch("/me/help")).text();
    expect(mine).toContain("Gloria Reyes will help");
    expect(mine).toContain("Mark as done");
    expect(mine).not.toContain("Take back this request");

    const before = await app.lastSeq();
    expect((await pat.postForm(`/me/help/${row.id}`, { intent: "done" })).headers.get("location")).toContain("notice=done");
    const after = await app.database.db.selectFrom("help_requests").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: "done", done_by: `participant:${p}` });
    const item = await app.database.db.selectFrom("plan_items").select(["status", "version"]).where("id", "=", after.plan_item_id!).executeTakeFirstOrThrow();
    expect(item).toEqual({ status: "done", version: 2 });
    const audit = await auditSince(before);
    expect(audit.map((r) => [r.action, r.actor_id])).toContainEqual(["help_request.done", `participant:${p}`]);

    // Done leaves Gloria's page (the commitment it became is done) and sits in the history on both sides.
    expect(await (await gloria.fetch("/support")).text()).not.toContain("A ride to my first shift");
    const history = await (await pat.fetch("/me/help")).text();
    expect(history.slice(history.indexOf('id="history"'))).toContain("Done. Gloria Reyes helped.");
    const plan = await (await staff.fetch(`/participants/${p}/plan`)).text();
    expect(plan.slice(plan.indexOf("Past help requests"))).toContain("A ride to my first shift");
  });

  it("are taken back by the participant while open, and leave the helper's page at once", async () => {
    await pat.postForm("/me/help", { kind: "wake_up_calls", description: "Call me at 6 on Monday", neededOn: inDays(5), discloses: ["work_schedule"] });
    const row = await app.database.db.selectFrom("help_requests").select("id").where("description", "=", "Call me at 6 on Monday").executeTakeFirstOrThrow();
    expect(await (await gloria.fetch("/support")).text()).toContain("Call me at 6 on Monday");
    expect((await pat.postForm(`/me/help/${row.id}`, { intent: "withdraw" })).headers.get("location")).toContain("notice=withdrawn");
    expect(await (await gloria.fetch("/support")).text()).not.toContain("Call me at 6 on Monday");
    expect((await gloria.postForm(`/support/help/${row.id}`, {})).status).toBe(404);
    // A second click changes nothing and is no error.
    expect((await pat.postForm(`/me/help/${row.id}`, { intent: "withdraw" })).headers.get("location")).toBe("/me/help#now");
  });

  it("reach only the helpers whose consent covers what the request tells", async () => {
    await pat.postForm("/me/help", { kind: "rides", description: "A ride to my clinic visit", neededOn: inDays(3), discloses: ["mental_health_treatment"] });
    expect(await (await gloria.fetch("/support")).text()).not.toContain("A ride to my clinic visit");
    expect(await (await pat.fetch("/me/help")).text()).toContain("A ride to my clinic visit");
  });

  it("answer not found to another participant's request, and to staff and support persons", async () => {
    const other = app.world.participants.participant1b.id;
    const otherStaff = await app.clientFor("spec1b@test.org");
    expect((await otherStaff.api("POST", `/participants/${other}/help-requests`, { kind: "rides", description: "Theirs", neededOn: inDays(2), discloses: ["work_schedule"] })).status).toBe(201);
    const theirs = await app.database.db.selectFrom("help_requests").select("id").where("participant_id", "=", other).executeTakeFirstOrThrow();
    const before = await app.lastSeq();
    expect((await pat.postForm(`/me/help/${theirs.id}`, { intent: "withdraw" })).status).toBe(404);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["access.refused"]);
    expect((await app.database.db.selectFrom("help_requests").select("status").where("id", "=", theirs.id).executeTakeFirstOrThrow()).status).toBe("open");
    expect((await staff.fetch("/me/help")).headers.get("location")).toBe("/l");
    expect((await gloria.fetch("/me/help")).headers.get("location")).toBe("/l");
  });
});

describe("help requests through the API", () => {
  it("are posted, listed with what the caller may do, withdrawn, and marked done only once claimed", async () => {
    const before = await app.lastSeq();
    const created = await staff.api("POST", `/participants/${p}/help-requests`, { kind: "rides", description: "A ride to the interview", neededOn: inDays(6), neededTime: "09:00", discloses: ["work_schedule"] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const listed = (await apiRequests()).find((r) => r.id === id)!;
    expect(listed).toMatchObject({ status: "open", claimedBy: null, can: { withdraw: true, markDone: false } });
    expect((await staff.api("POST", `/participants/${p}/help-requests/${id}/done`)).status).toBe(409);
    expect((await staff.api("POST", `/participants/${p}/help-requests/${id}/withdraw`)).status).toBe(200);
    expect((await staff.api("POST", `/participants/${p}/help-requests/${id}/withdraw`)).status).toBe(409);
    expect((await apiRequests()).find((r) => r.id === id)).toMatchObject({ status: "cancelled", can: { withdraw: false, markDone: false } });
    const actions = (await auditSince(before)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["help_request.create", "help_request.read", "help_request.cancel"]));

    const second = ((await (await staff.api("POST", `/participants/${p}/help-requests`, { kind: "rides", description: "A ride home", neededOn: inDays(6), discloses: ["work_schedule"] })).json()) as { id: string }).id;
    await gloria.postForm(`/support/help/${second}`, {});
    expect((await apiRequests()).find((r) => r.id === second)).toMatchObject({ status: "claimed", claimedBy: { name: "Gloria Reyes" }, can: { withdraw: false, markDone: true } });
    expect((await staff.api("POST", `/participants/${p}/help-requests/${second}/withdraw`)).status).toBe(409);
    expect((await staff.api("POST", `/participants/${p}/help-requests/${second}/done`)).status).toBe(200);
  });

  it("answer not found to another team, to a request of another participant, and leave a refusal", async () => {
    const outsider = await app.clientFor("spec2@test.org");
    expect((await outsider.api("GET", `/participants/${p}/help-requests`)).status).toBe(404);
    expect((await outsider.api("POST", `/participants/${p}/help-requests`, { kind: "rides", description: "x", neededOn: inDays(2), discloses: [] })).status).toBe(404);
    const theirs = await app.database.db.selectFrom("help_requests").select("id").where("participant_id", "=", app.world.participants.participant1b.id).executeTakeFirstOrThrow();
    const before = await app.lastSeq();
    expect((await staff.api("POST", `/participants/${p}/help-requests/${theirs.id}/withdraw`)).status).toBe(404);
    expect((await auditSince(before)).map((r) => r.action)).toContain("access.refused");
  });

  it("refuse a request that does not say what is needed", async () => {
    const response = await staff.api("POST", `/participants/${p}/help-requests`, { kind: "rides", description: " ", neededOn: "Tuesday", discloses: [] });
    expect(response.status).toBe(400);
    const paths = ((await response.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["description", "neededOn"]));
    expect(await app.database.db.selectFrom("help_requests").select("id").where("description", "=", " ").execute()).toEqual([]);
  });
});

describe("what support persons did, for the specialist", () => {
  it("lists answers, commitment marks, encouragement waiting and step-outs, audited", async () => {
    const meeting = await staff.api("POST", `/participants/${p}/meetings`, {
      kind: "support", title: "Planning week one", scheduledAt: `${inDays(8)}T17:00`, place: "The library", inviteeIds: [gloriaId], discloses: ["employment_goals"],
    });
    const meetingId = ((await meeting.json()) as { id: string }).id;
    await gloria.postForm(`/support/meetings/${meetingId}`, { response: "yes", note: "I will bring coffee" });
    const item = await staff.api("POST", `/participants/${p}/plan-items`, {
      kind: "rides", description: "Rides on Mondays", provider: "support_person", supportPersonId: gloriaId, status: "agreed", sharedWithSupports: true, discloses: ["work_schedule"],
    });
    const itemId = ((await item.json()) as { id: string }).id;
    await gloria.postForm(`/support/commitments/${itemId}`, { report: "cant_this_week" });
    await gloria.postForm("/support/encouragement", { text: "You can do it, Pat!" });

    const before = await app.lastSeq();
    const response = await staff.api("GET", `/participants/${p}/partner-actions`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.rsvps).toContainEqual(expect.objectContaining({ meetingId, supportPersonId: gloriaId, name: "Gloria Reyes", response: "yes", note: "I will bring coffee" }));
    expect(body.commitmentMarks).toContainEqual(expect.objectContaining({ planItemId: itemId, report: "cant_this_week", name: "Gloria Reyes" }));
    expect(body.encouragement).toContainEqual(expect.objectContaining({ supportPersonId: gloriaId, text: "You can do it, Pat!" }));
    expect(body.stepOuts).toEqual([]);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(["partner_actions.read"]);
    expect((await (await app.clientFor("spec2@test.org")).api("GET", `/participants/${p}/partner-actions`)).status).toBe(404);
  });
});

describe("meetings called off or moved, on the partners' pages", () => {
  it("show a cancelled meeting as cancelled with its date, and a moved one with its new time, to Gloria and to Pat", async () => {
    const fields = { kind: "support", place: "The library", inviteeIds: [gloriaId], discloses: ["employment_goals"] };
    const off = (await (await staff.api("POST", `/participants/${p}/meetings`, { ...fields, title: "The meeting called off", scheduledAt: `${inDays(9)}T17:00` })).json()) as { id: string; version: number };
    const moved = (await (await staff.api("POST", `/participants/${p}/meetings`, { ...fields, title: "The meeting moved", scheduledAt: `${inDays(10)}T17:00` })).json()) as { id: string; version: number };
    expect((await staff.api("POST", `/participants/${p}/meetings/${off.id}/cancel`, { version: off.version })).status).toBe(200);
    const edit = await staff.api("PUT", `/participants/${p}/meetings/${moved.id}`, { ...fields, title: "The meeting moved", scheduledAt: `${inDays(11)}T18:30`, version: moved.version });
    expect(edit.status, await edit.clone().text()).toBe(200);

    const support = await (await gloria.fetch("/support")).text();
    const offCard = support.slice(support.indexOf("The meeting called off"), support.indexOf("</article>", support.indexOf("The meeting called off")));
    expect(offCard).toContain('data-testid="meeting-cancelled"');
    expect(offCard).not.toContain(`/support/meetings/${off.id}`);
    const movedCard = support.slice(support.indexOf("The meeting moved"), support.indexOf("</article>", support.indexOf("The meeting moved")));
    expect(movedCard).toContain('data-testid="meeting-changed"');
    expect(movedCard).toContain("6:30");
    // No answer to a meeting that will not happen.
    expect((await gloria.postForm(`/support/meetings/${off.id}`, { response: "yes" })).status).toBe(404);

    const me = await (await pat.fetch("/me")).text();
    const patOff = me.slice(me.indexOf("The meeting called off"), me.indexOf("</li>", me.indexOf("The meeting called off")));
    expect(patOff).toContain("Cancelled: this meeting on");
    const patMoved = me.slice(me.indexOf("The meeting moved"), me.indexOf("</li>", me.indexOf("The meeting moved")));
    expect(patMoved).toContain("Changed: the meeting is now on");
  });
});

describe("a support person who steps out", () => {
  it("is listed among the step-outs the specialist reads", async () => {
    expect((await gloria.postForm("/support/step-out", { confirm: "yes" })).status).toBe(200);
    const body = await (await staff.api("GET", `/participants/${p}/partner-actions`)).json();
    expect(body.stepOuts).toEqual([expect.objectContaining({ supportPersonId: gloriaId, name: "Gloria Reyes" })]);
  });
});

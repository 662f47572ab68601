import { beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { changePhone } from "../../src/domain/users/users.server.ts";
import { postHelpRequest } from "../../src/domain/partners/help-requests.server.ts";
import { helpRequestInputSchema } from "../../src/domain/partners/model.ts";
import { authorizeOwnRecord } from "../../src/domain/portal/access.server.ts";
import { useTestApp } from "../support/app.ts";
import { addSupportPerson, grantConsent, issueLink, openLink, today } from "../support/partners.ts";
import type { Client } from "../support/server.ts";

// The support person's own page, opened by their link: only what their grants
// cover, each action lands where the specialist sees it, every view and action
// is a disclosure in the audit log, and ids of another participant answer "not found".
const app = useTestApp();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

let staff: Client;
let gloria: Client;
let gloriaId: string;
let grantId: string;
const ids = { invited: "", notInvited: "", item: "", hiddenItem: "", win: "", help: "", otherKindHelp: "", otherMeeting: "", otherItem: "", otherHelp: "" };

async function created(response: Response): Promise<string> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  staff = await app.clientFor("spec1@test.org");
  const p = app.world.participants.participant1.id;
  const person = await addSupportPerson(staff, p, { name: "Gloria Reyes", helpKinds: ["rides", "wake_up_calls"] });
  const bystander = await addSupportPerson(staff, p, { name: "Other Helper" });
  gloriaId = person.id;
  grantId = (await grantConsent(staff, p, person.id, { categories: ["employment_goals", "work_schedule"] })).id;
  await grantConsent(staff, p, bystander.id);
  const meeting = (fields: Record<string, unknown>) => staff.api("POST", `/participants/${p}/meetings`, {
    kind: "support", title: "Planning the first week", scheduledAt: `${inDays(7)}T17:00`, place: "The library", discloses: ["employment_goals"], ...fields,
  });
  ids.invited = await created(await meeting({ inviteeIds: [person.id] }));
  ids.notInvited = await created(await meeting({ title: "Only the other helper", inviteeIds: [bystander.id] }));
  const item = (fields: Record<string, unknown>) => staff.api("POST", `/participants/${p}/plan-items`, {
    kind: "rides", description: "Ride to the bakery on Mondays", provider: "support_person", supportPersonId: person.id, status: "agreed", sharedWithSupports: true, discloses: ["work_schedule"], ...fields,
  });
  ids.item = await created(await item({}));
  ids.hiddenItem = await created(await item({ description: "Rides to the clinic", discloses: ["mental_health_treatment"] }));
  ids.win = await created(await staff.api("POST", `/participants/${p}/milestones`, { kind: "resume_ready", occurredOn: today(), note: "Resume done!", celebrateWith: [person.id], discloses: ["employment_goals"] }));
  const help = (fields: Record<string, string | string[]>) => staff.postForm(`/participants/${p}/plan/help`, {
    intent: "create", kind: "rides", description: "A ride to the first shift", neededOn: inDays(3), neededTime: "08:30", discloses: ["work_schedule"], ...fields,
  });
  expect((await help({})).status).toBe(302);
  expect((await help({ kind: "id_documents", description: "Help with ID papers" })).status).toBe(302);
  const requests = await app.database.db.selectFrom("help_requests").select(["id", "kind"]).where("participant_id", "=", p).execute();
  ids.help = requests.find((r) => r.kind === "rides")!.id;
  ids.otherKindHelp = requests.find((r) => r.kind === "id_documents")!.id;

  // Another participant's records, to try through Gloria's page.
  const other = app.world.participants.participant1b.id;
  const otherStaff = await app.clientFor("spec1b@test.org");
  const otherPerson = await addSupportPerson(otherStaff, other, { name: "Someone Else", helpKinds: ["rides"] });
  await grantConsent(otherStaff, other, otherPerson.id);
  ids.otherMeeting = await created(await otherStaff.api("POST", `/participants/${other}/meetings`, {
    kind: "support", title: "Theirs", scheduledAt: `${inDays(7)}T17:00`, place: "Elsewhere", inviteeIds: [otherPerson.id], discloses: ["employment_goals"],
  }));
  ids.otherItem = await created(await otherStaff.api("POST", `/participants/${other}/plan-items`, {
    kind: "rides", description: "Theirs", provider: "support_person", supportPersonId: otherPerson.id, status: "agreed", sharedWithSupports: true, discloses: ["work_schedule"],
  }));
  expect((await otherStaff.postForm(`/participants/${other}/plan/help`, { intent: "create", kind: "rides", description: "Theirs", neededOn: inDays(2), discloses: ["work_schedule"] })).status).toBe(302);
  ids.otherHelp = (await app.database.db.selectFrom("help_requests").select("id").where("participant_id", "=", other).executeTakeFirstOrThrow()).id;

  const link = await issueLink(app.database.db, app.world.actors.specialist1, p, person.id);
  gloria = (await openLink(app.url, link.path)).client;
});

async function page(client: Client = gloria): Promise<string> {
  const response = await client.fetch("/support");
  expect(response.status).toBe(200);
  return response.text();
}

describe("the support person's page", () => {
  it("shows only what Gloria's grants cover", async () => {
    const html = await page();
    expect(html).toContain("Baker");
    expect(html).toContain("Planning the first week");
    expect(html).not.toContain("Only the other helper");
    expect(html).toContain("Ride to the bakery on Mondays");
    expect(html).not.toContain("Rides to the clinic");
    expect(html).toContain("Resume done!");
    expect(html).toContain("A ride to the first shift");
    expect(html).not.toContain("Help with ID papers");
    expect(html).toContain("spec1@test.org");
  });

  it("shows the school or training goal beside the work goal, only under the consent that covers goals", async () => {
    const p = app.world.participants.participant1.id;
    await app.database.db.updateTable("participants").set({ school_goal: "A forklift course at the college" }).where("id", "=", p).execute();
    try {
      expect(await page()).toContain("school or training goal: A forklift course at the college");
      const scheduleOnly = await addSupportPerson(staff, p, { name: "Schedule Only" });
      await grantConsent(staff, p, scheduleOnly.id, { categories: ["work_schedule"] });
      const link = await issueLink(app.database.db, app.world.actors.specialist1, p, scheduleOnly.id);
      const theirs = await page((await openLink(app.url, link.path)).client);
      expect(theirs).not.toContain("forklift");
      expect(theirs).not.toContain("Baker");
    } finally {
      await app.database.db.updateTable("participants").set({ school_goal: null }).where("id", "=", p).execute();
    }
  });

  it("gives the specialist's phone once their profile has one", async () => {
    expect(await page()).not.toContain("tel:");
    await changePhone(app.database.db, app.world.actors.specialist1, { phone: "555-0199" }, systemMeta);
    expect(await page()).toContain('href="tel:5550199"');
  });

  it("records each view as a disclosure to Gloria with the categories shown", async () => {
    const before = await app.lastSeq();
    await page();
    const row = await app.database.db.selectFrom("audit_log").selectAll().where("seq", ">", before).where("action", "=", "support_page.read").executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(`support_person:${gloriaId}`);
    expect(row.participant_id).toBe(app.world.participants.participant1.id);
    const details = JSON.parse(row.details);
    expect(details.disclosure).toEqual({ readerKind: "support_person", readerId: gloriaId, categories: ["employment_goals", "work_schedule"] });
    expect(details.shown.meetings).toEqual([ids.invited]);
  });

  it("takes an RSVP with a note, and the specialist sees it", async () => {
    const response = await gloria.postForm(`/support/meetings/${ids.invited}`, { response: "maybe", note: "Depends on my shift" });
    expect(response.status).toBe(302);
    const invitee = await app.database.db.selectFrom("meeting_invitees").selectAll().where("meeting_id", "=", ids.invited).executeTakeFirstOrThrow();
    expect(invitee).toMatchObject({ response: "maybe", response_note: "Depends on my shift" });
    const meeting = await staff.fetch(`/participants/${app.world.participants.participant1.id}/meetings/${ids.invited}`);
    expect(await meeting.text()).toContain("Depends on my shift");
  });

  it("marks a commitment done, and the plan page shows it", async () => {
    expect((await gloria.postForm(`/support/commitments/${ids.item}`, { report: "done" })).status).toBe(302);
    const plan = await (await staff.fetch(`/participants/${app.world.participants.participant1.id}/plan`)).text();
    expect(plan).toContain("Gloria Reyes says: done");
  });

  it("sends encouragement that waits on the wins page", async () => {
    expect((await gloria.postForm("/support/encouragement", { text: "So proud of you, Pat!" })).status).toBe(302);
    const wins = await (await staff.fetch(`/participants/${app.world.participants.participant1.id}/wins`)).text();
    expect(wins).toContain("So proud of you, Pat!");
    expect((await gloria.postForm("/support/encouragement", { text: "  " })).status).toBe(400);
  });

  it("claims a help request once; it becomes a plan item with Gloria", async () => {
    const response = await gloria.postForm(`/support/help/${ids.help}`, {});
    expect(response.headers.get("location")).toContain("done=claim");
    const request = await app.database.db.selectFrom("help_requests").selectAll().where("id", "=", ids.help).executeTakeFirstOrThrow();
    expect(request.status).toBe("claimed");
    const item = await app.database.db.selectFrom("plan_items").selectAll().where("id", "=", request.plan_item_id!).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ support_person_id: gloriaId, provider: "support_person", description: "A ride to the first shift", starts_on: inDays(3) });
    const again = await gloria.postForm(`/support/help/${ids.help}`, {});
    expect(again.headers.get("location")).toContain("done=taken");
    const plan = await (await staff.fetch(`/participants/${app.world.participants.participant1.id}/plan`)).text();
    expect(plan).toContain("Gloria Reyes will help");
  });

  it("answers not found to ids Gloria may not reach: another participant's, not invited, not covered, not her kind of help", async () => {
    const tries: [string, Record<string, string>][] = [
      [`/support/meetings/${ids.otherMeeting}`, { response: "yes" }],
      [`/support/meetings/${ids.notInvited}`, { response: "yes" }],
      [`/support/commitments/${ids.otherItem}`, { report: "done" }],
      [`/support/commitments/${ids.hiddenItem}`, { report: "done" }],
      [`/support/help/${ids.otherHelp}`, {}],
      [`/support/help/${ids.otherKindHelp}`, {}],
    ];
    for (const [path, fields] of tries) {
      const before = await app.lastSeq();
      expect((await gloria.postForm(path, fields)).status, path).toBe(404);
      const refused = await app.database.db.selectFrom("audit_log").select("action").where("seq", ">", before).execute();
      expect(refused.map((r) => r.action), path).toEqual(["access.refused"]);
    }
    const otherInvitee = await app.database.db.selectFrom("meeting_invitees").select("response").where("meeting_id", "=", ids.otherMeeting).executeTakeFirstOrThrow();
    expect(otherInvitee.response).toBe("pending");
  });

  it("shows a need the participant posted themselves", async () => {
    const p = app.world.participants.participant1.id;
    const pat = await authorizeOwnRecord(app.database.db, { kind: "participant", participantId: p, name: "Pat", locale: "en" }, systemMeta);
    const posted = await postHelpRequest(app.database.db, pat!, helpRequestInputSchema.parse({ kind: "wake_up_calls", description: "A wake-up call before my first shift", neededOn: inDays(2), discloses: ["work_schedule"] }), systemMeta);
    expect(posted.ok).toBe(true);
    const row = await app.database.db.selectFrom("help_requests").select("posted_by").where("description", "=", "A wake-up call before my first shift").executeTakeFirstOrThrow();
    expect(row.posted_by).toBe(`participant:${p}`);
    expect(await page()).toContain("A wake-up call before my first shift");
  });

  it("lets Gloria correct her own contact details", async () => {
    expect((await gloria.postForm("/support/contact", { phone: "not a phone", email: "", preferredChannel: "" })).status).toBe(400);
    expect((await gloria.postForm("/support/contact", { phone: "555-0142", email: "gloria@example.org", preferredChannel: "text" })).status).toBe(302);
    const person = await app.database.db.selectFrom("support_persons").selectAll().where("id", "=", gloriaId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ phone: "555-0142", email: "gloria@example.org", preferred_channel: "text" });
  });

  it("is not a staff page, and staff cannot open it", async () => {
    expect((await staff.fetch("/support")).headers.get("location")).toBe("/l");
  });
});

describe("revoking consent", () => {
  it("ends Gloria's page at once", async () => {
    const response = await staff.api("POST", `/participants/${app.world.participants.participant1.id}/consent-grants/${grantId}/revoke`, { reason: "Pat asked" });
    expect(response.status).toBe(200);
    const after = await gloria.fetch("/support");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/l");
    expect((await gloria.postForm(`/support/meetings/${ids.invited}`, { response: "yes" })).status).toBe(302);
    const invitee = await app.database.db.selectFrom("meeting_invitees").select("response").where("meeting_id", "=", ids.invited).executeTakeFirstOrThrow();
    expect(invitee.response).toBe("maybe");
  });
});

describe("stepping out", () => {
  it("ends the person's place in the network and their page; the specialist sees it", async () => {
    const p = app.world.participants.participant1.id;
    const person = await addSupportPerson(staff, p, { name: "Stepping Stone" });
    await grantConsent(staff, p, person.id);
    const link = await issueLink(app.database.db, app.world.actors.specialist1, p, person.id);
    const { client } = await openLink(app.url, link.path);
    expect((await client.postForm("/support/step-out", {})).status).toBe(400);
    expect((await client.postForm("/support/step-out", { confirm: "yes" })).status).toBe(200);
    expect((await client.fetch("/support")).headers.get("location")).toBe("/l");
    const network = await (await staff.fetch(`/participants/${p}/network`)).text();
    expect(network).toContain("Stepped out on their own page");
    expect((await openLink(app.url, link.path)).location).toBe("/l");
  });
});

describe("the specialist's side of links", () => {
  it("makes a link shown once with its QR code, and stops it", async () => {
    const p = app.world.participants.participant1.id;
    const person = await addSupportPerson(staff, p, { name: "Link Holder" });
    await grantConsent(staff, p, person.id);
    const here = `/participants/${p}/network/${person.id}`;
    const issued = await staff.postForm(here, { intent: "link-issue" });
    expect(issued.status).toBe(200);
    const html = await issued.text();
    const href = /(http:\/\/127\.0\.0\.1:\d+\/l\/[\w-]+)/.exec(html)?.[1];
    expect(href).toBeTruthy();
    expect(html).toContain("data:image/svg+xml;base64,");
    const opened = await openLink(app.url, new URL(href!).pathname);
    expect(opened.location).toBe("/support");
    expect(await (await staff.fetch(here)).text()).not.toContain(new URL(href!).pathname);
    expect((await staff.postForm(here, { intent: "link-revoke" })).status).toBe(302);
    expect((await opened.client.fetch("/support")).headers.get("location")).toBe("/l");
  });

  it("puts a new link on the support person's take-home copy, and the old link stops", async () => {
    const p = app.world.participants.participant1.id;
    const person = await addSupportPerson(staff, p, { name: "Copy Holder" });
    await grantConsent(staff, p, person.id);
    const old = await issueLink(app.database.db, app.world.actors.specialist1, p, person.id);
    const copy = await staff.postForm(`/participants/${p}/plan/take-home?for=${person.id}`, {});
    expect(copy.status).toBe(200);
    const html = await copy.text();
    const href = /(http:\/\/127\.0\.0\.1:\d+\/l\/[\w-]+)/.exec(html)?.[1];
    expect(href).toBeTruthy();
    expect(html).toContain("data:image/svg+xml;base64,");
    expect((await openLink(app.url, new URL(href!).pathname)).location).toBe("/support");
    expect((await openLink(app.url, old.path)).location).toBe("/l");
  });

  it("puts a new link on one person's printed invitation, and the old link stops", async () => {
    const p = app.world.participants.participant1.id;
    const person = await addSupportPerson(staff, p, { name: "Invitation Holder" });
    await grantConsent(staff, p, person.id);
    const meeting = await staff.api("POST", `/participants/${p}/meetings`, {
      kind: "support", title: "Getting ready", scheduledAt: `${inDays(5)}T17:00`, place: "The library", discloses: ["employment_goals"], inviteeIds: [person.id],
    });
    expect(meeting.status).toBe(201);
    const meetingId = ((await meeting.json()) as { id: string }).id;
    const old = await issueLink(app.database.db, app.world.actors.specialist1, p, person.id);
    const printout = await staff.postForm(`/participants/${p}/meetings/${meetingId}/invitations?for=${person.id}`, {});
    expect(printout.status).toBe(200);
    const html = await printout.text();
    const href = /(http:\/\/127\.0\.0\.1:\d+\/l\/[\w-]+)/.exec(html)?.[1];
    expect(href).toBeTruthy();
    expect(html).toContain("data:image/svg+xml;base64,");
    expect((await openLink(app.url, new URL(href!).pathname)).location).toBe("/support");
    expect((await openLink(app.url, old.path)).location).toBe("/l");
  });

  it("gives no link to someone without consent", async () => {
    const p = app.world.participants.participant1.id;
    const person = await addSupportPerson(staff, p, { name: "No Consent Yet" });
    expect((await staff.postForm(`/participants/${p}/network/${person.id}`, { intent: "link-issue" })).status).toBe(404);
  });
});

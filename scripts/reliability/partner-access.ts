import { systemMeta } from "../../src/domain/auth/actor.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import { issuePersonalLink, revokePersonalLinks } from "../../src/domain/links/links.server.ts";
import { Caller, type Answer } from "./http.ts";
import type { Results } from "./report.ts";
import { ROLES, buildSubject, type ReliabilityWorld, type RoleKey, type Subject } from "./world.ts";

const AREA = "access";

/** The support person's own pages (decision 0022): reached only through a personal link's session. */
export const PARTNER_PAGES = ["/support", "/support/contact", "/support/messages", "/support/step-out", "/support/encouragement", "/support/families"];

/** A support person's phone: the partner session cookie a personal link gave it, and the CSRF cookie. */
class PartnerCaller extends Caller {
  partner: string | null = null;

  override cookieHeader(): string {
    return [this.csrf ? `allies_csrf=${this.csrf}` : "", this.partner ? `allies_partner=${this.partner}` : ""].filter(Boolean).join("; ");
  }

  /** Opens the link as a phone would: keeps the cookies it sets, and says where it led. */
  async open(path: string): Promise<string | null> {
    const answer = await this.raw(path);
    for (const line of answer.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
      if (name === "allies_partner") this.partner = value;
      if (name === "allies_csrf") this.csrf = value;
    }
    return answer.headers.get("location");
  }
}

const endsAtLinkPage = (answer: Answer) => answer.status === 302 && answer.headers.get("location") === "/l";

async function linkFor(world: ReliabilityWorld, subject: Subject): Promise<string> {
  const actor = await loadActor(world.database.db, world.people.specialistOwn.id);
  const access = actor && await authorizeParticipant(world.database.db, actor, subject.records.id, "update", systemMeta);
  if (!access) throw new Error("the subject's specialist could not be authorized");
  const issued = await issuePersonalLink(world.database.db, access, { kind: "support_person", participantId: subject.records.id, supportPersonId: subject.records.personId }, systemMeta);
  if (!issued.ok) throw new Error(`no link for the subject's support person: ${issued.reason}`);
  return issued.link.path;
}

/**
 * The partner pages against every staff role, signed out, and a support person
 * whose link is in each state: valid (the pages open and name only their own
 * participant), then expired, revoked, consent withdrawn, do-not-contact,
 * participant archived (each: the session ends and the link leads nowhere), and
 * another participant's ids in the page's addresses (not found).
 */
export async function checkPartnerAccess(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<void> {
  const owner = callers.specialistOwn;
  const db = world.database.db;
  const other = await buildSubject(owner, "PartnerOther");

  for (const path of PARTNER_PAGES) {
    const problems: string[] = [];
    for (const role of ROLES) {
      const answer = await callers[role.key].page(path);
      if (!endsAtLinkPage(answer)) problems.push(`${role.label}: answered ${answer.status} ${answer.headers.get("location") ?? ""}`);
    }
    if (!endsAtLinkPage(await new Caller(owner.baseUrl, "nobody").page(path))) problems.push("signed out: not sent to the link page");
    results.record(AREA, database, `partner page ${path}: staff and signed out`, problems.length === 0, problems.join("; ") || "every staff role and nobody are sent to the link page");
  }

  const states: [string, (subject: Subject, person: { version: number }) => Promise<void>][] = [
    ["expired", async (subject) => {
      await db.updateTable("personal_links").set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where("support_person_id", "=", subject.records.personId).execute();
    }],
    ["revoked", async (subject) => {
      const actor = { kind: "participant" as const, participantId: subject.records.id, name: "Subject", locale: "en" as const };
      await revokePersonalLinks(db, actor, { kind: "support_person", participantId: subject.records.id, supportPersonId: subject.records.personId }, systemMeta);
    }],
    ["consent withdrawn", async (subject) => {
      const answer = await owner.api("POST", `/participants/${subject.records.id}/consent-grants/${subject.records.grantId}/revoke`, { reason: "Withdrawn" });
      if (answer.status !== 200) throw new Error(`revoking the consent answered ${answer.status}`);
    }],
    ["do not contact", async (subject, person) => {
      const answer = await owner.api("PUT", `/participants/${subject.records.id}/support-persons/${subject.records.personId}`, {
        name: subject.supportPerson.name, relationshipKind: "relative", closeness: "inner", status: "do_not_contact", version: person.version,
      });
      if (answer.status !== 200) throw new Error(`marking do not contact answered ${answer.status}`);
    }],
    ["participant archived", async (subject) => {
      const answer = await owner.api("POST", `/participants/${subject.records.id}/archive`, { version: subject.participant.version });
      if (answer.status !== 200) throw new Error(`archiving answered ${answer.status}`);
    }],
  ];

  for (const [n, [state, change]] of states.entries()) {
    const problems: string[] = [];
    try {
      const subject = await buildSubject(owner, `Partner${n}`);
      const phone = new PartnerCaller(owner.baseUrl, "support person");
      const path = await linkFor(world, subject);
      if (await phone.open(path) !== "/support") problems.push("a valid link did not open the page");
      for (const page of PARTNER_PAGES) {
        const answer = await phone.page(page);
        if (answer.status !== 200) problems.push(`valid: ${page} answered ${answer.status}`);
        if (answer.text.includes(other.participant.lastName) || answer.text.includes(other.supportPerson.name)) problems.push(`valid: ${page} names another participant's record`);
      }
      if (n === 0) {
        const wrong = await phone.form(`/support/meetings/${other.records.meetingId}`, { response: "yes" });
        const nobodys = await phone.form(`/support/meetings/${crypto.randomUUID()}`, { response: "yes" });
        if (wrong.status !== 404 || nobodys.status !== 404) problems.push(`another participant's meeting answered ${wrong.status} (nobody's: ${nobodys.status})`);
        const item = await phone.form(`/support/commitments/${other.records.itemId}`, { report: "done" });
        if (item.status !== 404) problems.push(`another participant's plan item answered ${item.status}`);
        const posted = await owner.api("POST", `/participants/${other.records.id}/help-requests`, {
          kind: "rides", description: "A ride for someone else", neededOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), discloses: ["work_schedule"],
        });
        const claim = posted.status === 201 ? await phone.form(`/support/help/${(posted.json as { id: string }).id}`, {}) : null;
        if (!claim || claim.status !== 404) problems.push(`another participant's help request answered ${claim ? claim.status : `(not posted: ${posted.status})`}`);
      }
      await change(subject, subject.supportPerson);
      for (const page of PARTNER_PAGES) {
        const answer = await phone.page(page);
        if (!endsAtLinkPage(answer)) problems.push(`${state}: ${page} answered ${answer.status}`);
        if (answer.text.includes(subject.participant.lastName)) problems.push(`${state}: ${page} still names the participant`);
      }
      const again = new PartnerCaller(owner.baseUrl, "support person");
      if (await again.open(path) !== "/l") problems.push(`${state}: the link still opens a page`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    results.record(AREA, database, `personal link: ${state}`, problems.length === 0,
      problems.slice(0, 3).join("; ") || `valid opens only the person's own page${n === 0 ? " (another participant's ids: not found)" : ""}; ${state} ends the session and the link at once`);
  }
}

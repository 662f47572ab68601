import { randomUUID } from "node:crypto";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { issuePersonalLink, revokePersonalLinks } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS, SUPPORT_PERSON_LINK_TERMS, type LinkSubject } from "../../src/domain/links/model.ts";
import { removeParticipantPassword } from "../../src/domain/participant-sign-in/passwords.server.ts";
import { getProgramSettings, saveProgramSettings } from "../../src/domain/program/program.server.ts";
import { Caller, type Answer } from "./http.ts";
import { changedTables, contentDigest } from "./invariants.ts";
import type { Results } from "./report.ts";
import { ROLES, buildSubject, type ReliabilityWorld, type RoleKey, type Subject } from "./world.ts";

const AREA = "access";

/** Someone on a phone who opened a personal link: the partner cookie and the CSRF cookie the link page set. */
class LinkHolder {
  cookies = new Map<string, string>();
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }
  async raw(path: string, init: RequestInit = {}): Promise<Answer> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (/Max-Age=0/i.test(line)) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: response.status, headers: response.headers, text: await response.text(), json: undefined };
  }
  form(path: string, fields: Record<string, string>): Promise<Answer> {
    const body = new URLSearchParams({ _csrf: this.cookies.get("allies_csrf") ?? "", ...fields });
    return this.raw(path, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl } });
  }
}

const toLinkPage = (answer: Answer) => answer.status === 302 && answer.headers.get("location") === "/l";

interface OwnPagesWorld {
  subject: Subject;
  /** The subject participant on their own link; and others whose link was revoked, ran out, or whose record was archived. */
  holders: Record<"valid" | "revoked" | "expired" | "archived" | "supportPerson" | "password" | "passwordRemoved", LinkHolder>;
}

/**
 * The participant's own pages (issue 11 §2) in every link state: a working link
 * opens them; a link turned off, run out, or of an archived record sends to the
 * link page; so do every staff role, a support person's link, and nobody at all.
 * Set up once: the links are issued the way the specialist's page issues them.
 */
export async function buildOwnPagesWorld(world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<OwnPagesWorld> {
  const db = world.database.db;
  const owner = callers.specialistOwn;
  const staff = await loadActor(db, world.people.specialistOwn.id);
  if (!staff) throw new Error("the own-caseload specialist is missing");
  const holderOf = async (subject: LinkSubject, now = new Date()) => {
    const access = await authorizeParticipant(db, staff, subject.participantId, "update", systemMeta);
    if (!access) throw new Error(`the specialist cannot reach ${subject.participantId}`);
    const issued = await issuePersonalLink(db, access, subject, systemMeta, subject.kind === "participant" ? PARTICIPANT_LINK_TERMS : SUPPORT_PERSON_LINK_TERMS, now);
    if (!issued.ok) throw new Error(`no link for ${subject.kind}: ${issued.reason}`);
    const holder = new LinkHolder(owner.baseUrl);
    await holder.raw(issued.link.path);
    return { holder, access };
  };
  const participant = async (label: string) => {
    const made = await owner.api("POST", "/participants", { firstName: "Own", lastName: `${label} Pages` });
    if (made.status !== 201) throw new Error(`making the ${label} participant answered ${made.status}`);
    return made.json as { id: string; version: number };
  };
  const subject = await buildSubject(owner, "OwnPages");
  const valid = await holderOf({ kind: "participant", participantId: subject.records.id });
  const revokedOne = await participant("Revoked");
  const revoked = await holderOf({ kind: "participant", participantId: revokedOne.id });
  await revokePersonalLinks(db, revoked.access, { kind: "participant", participantId: revokedOne.id }, systemMeta);
  const expiredOne = await participant("Expired");
  const expired = await holderOf({ kind: "participant", participantId: expiredOne.id }, new Date(Date.now() - 8 * 86_400_000));
  const archivedOne = await participant("Archived");
  const archived = await holderOf({ kind: "participant", participantId: archivedOne.id });
  const archiving = await owner.api("POST", `/participants/${archivedOne.id}/archive`, { version: archivedOne.version });
  if (archiving.status !== 200) throw new Error(`archiving answered ${archiving.status}`);
  const supportPerson = await holderOf({ kind: "support_person", participantId: subject.records.id, supportPersonId: subject.records.personId });
  // One more door (decision 0031): the program lets participants sign in with a password;
  // one participant set theirs from their link and signed in with it, another's was then
  // turned off by the specialist.
  const admin = await loadActor(db, world.people.admin.id);
  if (!admin) throw new Error("the admin is missing");
  const settings = await getProgramSettings(db);
  const option = await saveProgramSettings(db, admin, {
    name: settings.name, address: settings.address, phone: settings.phone, timeZone: settings.timeZone ?? "America/Chicago",
    quietHoursStart: undefined, quietHoursEnd: undefined, removeLogo: false, participantPasswords: true, version: settings.version,
  }, null, systemMeta);
  if (!option.ok) throw new Error(`turning participant passwords on: ${option.reason}`);
  const signedInByPassword = async (participantId: string, email: string, holder: LinkHolder) => {
    await db.updateTable("participants").set({ email }).where("id", "=", participantId).execute();
    const password = `own pages ${randomUUID()}`;
    const set = await holder.form("/me/password", { password, confirm: password });
    if (set.status !== 302) throw new Error(`setting a participant's password answered ${set.status}`);
    const byPassword = new LinkHolder(owner.baseUrl);
    await byPassword.raw("/me/sign-in");
    const signedIn = await byPassword.form("/me/sign-in", { email, password });
    if (signedIn.headers.get("location") !== "/me") throw new Error(`a participant's password sign-in answered ${signedIn.status}`);
    return byPassword;
  };
  const password = await signedInByPassword(subject.records.id, `own-pages-${randomUUID().slice(0, 8)}@example.org`, valid.holder);
  const removedOne = await participant("Password Removed");
  const removed = await holderOf({ kind: "participant", participantId: removedOne.id });
  const passwordRemoved = await signedInByPassword(removedOne.id, `removed-${randomUUID().slice(0, 8)}@example.org`, removed.holder);
  await removeParticipantPassword(db, removed.access, systemMeta);
  return {
    subject,
    holders: { valid: valid.holder, revoked: revoked.holder, expired: expired.holder, archived: archived.holder, supportPerson: supportPerson.holder, password, passwordRemoved },
  };
}

/** One of the participant's own pages, for the participant's link in each state and for everyone else. */
export async function checkOwnPage(results: Results, database: string, callers: Record<RoleKey, Caller>, own: OwnPagesWorld, path: string): Promise<void> {
  const problems: string[] = [];
  const names = [own.subject.participant.lastName, own.subject.supportPerson.name];
  const leaks = (answer: Answer) => names.filter((name) => answer.text.includes(name));
  const opened = await own.holders.valid.raw(path);
  if (opened.status !== 200) problems.push(`the participant's working link: answered ${opened.status}`);
  const byPassword = await own.holders.password.raw(path);
  if (byPassword.status !== 200) problems.push(`the participant's password session: answered ${byPassword.status}`);
  for (const state of ["revoked", "expired", "archived", "supportPerson", "passwordRemoved"] as const) {
    const answer = await own.holders[state].raw(path);
    const who = state === "supportPerson" ? "a support person's link" : state === "passwordRemoved" ? "a password the specialist turned off" : `a link ${state}`;
    if (!toLinkPage(answer)) problems.push(`${who}: answered ${answer.status}`);
  }
  for (const role of ROLES) {
    const answer = await callers[role.key].page(path);
    if (!toLinkPage(answer)) problems.push(`${role.label}: answered ${answer.status}`);
    if (leaks(answer).length) problems.push(`${role.label}: the answer names ${leaks(answer).join(", ")}`);
  }
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").page(path);
  if (!toLinkPage(anonymous)) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, `page ${path}`, problems.length === 0, problems.slice(0, 3).join("; ")
    || "the participant's working link and password session open it; a link revoked, expired or of an archived record, a password turned off, a support person's link, every staff role and nobody go to the link page");
}

/** Another participant's grant or help request named on the participant's own forms: not found, nothing changed. */
export async function checkOwnWrongParticipant(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>, own: OwnPagesWorld): Promise<void> {
  const other = await buildSubject(callers.specialistOwn, "OtherOwn");
  const posted = await callers.specialistOwn.api("POST", `/participants/${other.records.id}/help-requests`, {
    kind: "rides", description: "A ride for someone else", neededOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), discloses: ["work_schedule"],
  });
  const otherHelpId = posted.status === 201 ? (posted.json as { id: string }).id : null;
  const before = await contentDigest(world.database.db);
  const foreign = await own.holders.valid.form(`/me/privacy/grants/${other.records.grantId}/withdraw`, { category: "" });
  const nobodys = await own.holders.valid.form(`/me/privacy/grants/${randomUUID()}/withdraw`, { category: "" });
  const foreignHelp = otherHelpId ? await own.holders.valid.form(`/me/help/${otherHelpId}`, { intent: "withdraw" }) : null;
  const nobodysHelp = await own.holders.valid.form(`/me/help/${randomUUID()}`, { intent: "done" });
  const changed = changedTables(before, await contentDigest(world.database.db));
  const problems = [
    ...(foreign.status !== 404 ? [`another participant's grant: answered ${foreign.status}`] : []),
    ...(nobodys.status !== 404 ? [`a grant nobody has: answered ${nobodys.status}`] : []),
    ...(otherHelpId === null ? [`posting another participant's help request answered ${posted.status}`] : []),
    ...(foreignHelp && foreignHelp.status !== 404 ? [`another participant's help request: answered ${foreignHelp.status}`] : []),
    ...(nobodysHelp.status !== 404 ? [`a help request nobody has: answered ${nobodysHelp.status}`] : []),
    ...(changed ? [`changed ${changed}`] : []),
  ];
  results.record(AREA, database, "own pages: withdrawing another participant's consent or help request", problems.length === 0,
    problems.join("; ") || "not found, as for a grant or a help request nobody has; nothing changed");
}

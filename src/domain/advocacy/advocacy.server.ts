import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { RequestMeta, StaffActor } from "../auth/actor.ts";
import { mayKeepAdvocacy, mayReadAdvocacy } from "./policy.ts";
import type { AdvocacyLog, AdvocacyMeetingInput, AdvocacyMemberInput, AdvocacySpeakerInput, MemberRole } from "./model.ts";

/** The log: members by role and name (current first), meetings and speakers newest first. */
export async function readAdvocacyLog(db: Db, actor: StaffActor): Promise<AdvocacyLog | null> {
  if (!mayReadAdvocacy(actor)) return null;
  const members = await db.selectFrom("advocacy_members").selectAll().orderBy("role").orderBy("name").orderBy("id").execute();
  const meetings = await db.selectFrom("advocacy_meetings").selectAll().orderBy("held_on", "desc").orderBy("id").execute();
  const speakers = await db.selectFrom("advocacy_speakers").selectAll().orderBy("spoke_on", "desc").orderBy("id").execute();
  return {
    members: members.map((m) => ({ id: m.id, name: m.name, role: m.role as MemberRole, since: m.since, until: m.until })),
    meetings: meetings.map((m) => ({ id: m.id, heldOn: m.held_on, notes: m.notes })),
    speakers: speakers.map((s) => ({ id: s.id, name: s.name, event: s.event, spokeOn: s.spoke_on })),
  };
}

export type AdvocacyAddition =
  | { entry: "member"; input: AdvocacyMemberInput }
  | { entry: "meeting"; input: AdvocacyMeetingInput }
  | { entry: "speaker"; input: AdvocacySpeakerInput };

/** Adds one entry to the log; supervisors and administrators only. Audited. */
export async function addToAdvocacyLog(db: Db, actor: StaffActor, addition: AdvocacyAddition, meta: RequestMeta, at = new Date()): Promise<{ ok: boolean }> {
  if (!mayKeepAdvocacy(actor)) return { ok: false };
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const base = { id, created_by: actor.userId, created_at: at.toISOString() };
    if (addition.entry === "member") {
      const { name, role, since, until } = addition.input;
      await trx.insertInto("advocacy_members").values({ ...base, name, role, since, until }).execute();
    } else if (addition.entry === "meeting") {
      await trx.insertInto("advocacy_meetings").values({ ...base, held_on: addition.input.heldOn, notes: addition.input.notes }).execute();
    } else {
      await trx.insertInto("advocacy_speakers").values({ ...base, name: addition.input.name, event: addition.input.event, spoke_on: addition.input.spokeOn }).execute();
    }
    await recordAudit(trx, { actor, action: "advocacy.create", entityType: `advocacy_${addition.entry}`, entityId: id, reason: "manage:advocacy:any", details: { entry: addition.entry }, meta });
    return { ok: true };
  });
}

import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import type { DisclosurePiece } from "../consent/disclosure.ts";
import type { ConsentCategory } from "../consent/model.ts";
import { celebrateWithChoices } from "./celebrate.ts";
import { insertMilestone } from "./events.server.ts";
import { milestoneActions } from "./policy.ts";
import { queueWinShared } from "../messages/outbox.server.ts";
import { defaultWinDisclosure, type EncouragementInput, type Milestone, type MilestoneInput, type MilestoneKind } from "./model.ts";

/**
 * Supports who may be told about this win right now (celebrateWithChoices): reachable,
 * and shown everything it discloses by a grant that allows contact. Without a win,
 * everyone who may be told about something, each with the categories they may be told.
 */
export async function celebratableSupports(db: Db | Trx, access: AuthorizedParticipant, win: DisclosurePiece | null = null, at = new Date()) {
  if (!milestoneActions(access).read) return [];
  return supportsToCelebrateWith(db, access, win, at);
}

async function supportsToCelebrateWith(trx: Db | Trx, access: AuthorizedParticipant, win: DisclosurePiece | null, at: Date) {
  const people = await trx.selectFrom("support_persons").select(["id", "name", "status", "ended_at"]).where("participant_id", "=", access.participant.id).where("ended_at", "is", null).orderBy("name").execute();
  const consent = await loadConsentHistory(trx, access);
  return celebrateWithChoices(people.map((p) => ({ id: p.id, name: p.name, status: p.status as never, endedAt: p.ended_at })), consent, win, at);
}

export type MilestoneResult = { ok: true; milestone: Milestone } | { ok: false; reason: "not_found" } | { ok: false; reason: "not_consented"; people: string[] };

export async function addMilestone(db: Db, access: AuthorizedParticipant, input: MilestoneInput, meta: RequestMeta): Promise<MilestoneResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, milestoneActions(access).addWin);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const discloses = input.discloses ?? defaultWinDisclosure(input.kind);
    const allowed = await supportsToCelebrateWith(trx, access, { categories: discloses }, new Date());
    const refused = input.celebrateWith.filter((id) => !allowed.some((a) => a.id === id));
    if (refused.length) return { ok: false, reason: "not_consented", people: refused };
    const id = await insertMilestone(trx, actor, participantId, input.kind, input.occurredOn, input.note, input.celebrateWith, "manual", discloses);
    await recordAudit(trx, { actor, action: "milestone.create", entityType: "milestone", entityId: id, participantId, reason, details: { kind: input.kind, discloses }, meta });
    // Each person told about the win is a disclosure of its categories to that reader.
    for (const readerId of input.celebrateWith) {
      await recordAudit(trx, {
        actor, action: "milestone.share", entityType: "milestone", entityId: id, participantId, reason,
        details: { disclosure: { readerKind: "support_person", readerId, categories: discloses } }, meta,
      });
    }
    await queueWinShared(trx, participantId, id, input.celebrateWith);
    const [milestone] = (await loadMilestones(trx, participantId)).filter((m) => m.id === id);
    return { ok: true, milestone: milestone! };
  });
}

async function loadMilestones(db: Db | Trx, participantId: string): Promise<Milestone[]> {
  const rows = await db.selectFrom("milestones").selectAll().where("participant_id", "=", participantId).orderBy("occurred_on", "desc").orderBy("created_at", "desc").execute();
  const people = await db.selectFrom("support_persons").select(["id", "name"]).where("participant_id", "=", participantId).execute();
  const notes = await db.selectFrom("encouragement_notes").selectAll().where("participant_id", "=", participantId).orderBy("created_at").execute();
  return rows.map((r) => ({
    id: r.id, participantId: r.participant_id, kind: r.kind as MilestoneKind, occurredOn: r.occurred_on, note: r.note,
    source: r.source === "event" ? "event" : "manual",
    celebrateWith: (JSON.parse(r.celebrate_with) as string[]).map((id) => ({ supportPersonId: id, name: people.find((p) => p.id === id)?.name ?? "" })),
    encouragement: notes.filter((n) => n.milestone_id === r.id)
      .map((n) => ({ id: n.id, fromLabel: n.from_label, text: n.text, createdAt: n.created_at, discloses: JSON.parse(n.discloses) as ConsentCategory[] })),
    createdAt: r.created_at,
    discloses: JSON.parse(r.discloses) as ConsentCategory[],
  }));
}

export async function listMilestones(db: Db, access: AuthorizedParticipant, meta: RequestMeta) {
  const { actor, participant: { id: participantId } } = access;
  const reason = readAllowed(access, milestoneActions(access).read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const milestones = await loadMilestones(trx, participantId);
    const generalNotes = (await trx.selectFrom("encouragement_notes").selectAll().where("participant_id", "=", participantId).where("milestone_id", "is", null).orderBy("created_at", "desc").execute())
      .map((n) => ({ id: n.id, fromLabel: n.from_label, text: n.text, createdAt: n.created_at, discloses: JSON.parse(n.discloses) as ConsentCategory[] }));
    const celebrateOptions = await supportsToCelebrateWith(trx, access, null, new Date());
    await recordAudit(trx, { actor, action: "milestone.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return { participant: access.participant, milestones, generalNotes, celebrateOptions, can: milestoneActions(access) };
  });
}

export async function addEncouragement(db: Db, access: AuthorizedParticipant, input: EncouragementInput, meta: RequestMeta): Promise<{ ok: boolean }> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, milestoneActions(access).addEncouragement);
  if (!reason) return { ok: false };
  return db.transaction().execute(async (trx) => {
    let discloses: ConsentCategory[] = input.discloses ?? ["employment_goals"];
    if (input.milestoneId) {
      const milestone = await trx.selectFrom("milestones").select(["id", "discloses"]).where("id", "=", input.milestoneId).where("participant_id", "=", participantId).executeTakeFirst();
      if (!milestone) {
        await recordRefusal(trx, actor, { action: "create:encouragement_note", entityType: "milestone", entityId: input.milestoneId, participantId, reason: "not_found" }, meta);
        return { ok: false };
      }
      // A note about a win says as much as the win does, unless it is marked otherwise.
      discloses = input.discloses ?? (JSON.parse(milestone.discloses) as ConsentCategory[]);
    }
    // A note from a support person names one on this participant's network, never someone else's.
    if (input.supportPersonId) {
      const person = await trx.selectFrom("support_persons").select("id").where("id", "=", input.supportPersonId).where("participant_id", "=", participantId).executeTakeFirst();
      if (!person) {
        await recordRefusal(trx, actor, { action: "create:encouragement_note", entityType: "support_person", entityId: input.supportPersonId, participantId, reason: "not_found" }, meta);
        return { ok: false };
      }
    }
    const id = randomUUID();
    await trx.insertInto("encouragement_notes").values({
      id, participant_id: participantId, milestone_id: input.milestoneId, support_person_id: input.supportPersonId, from_label: input.fromLabel, text: input.text,
      created_by: actor.userId, created_at: new Date().toISOString(), discloses: JSON.stringify(discloses),
    }).execute();
    await recordAudit(trx, { actor, action: "encouragement.create", entityType: "encouragement_note", entityId: id, participantId, reason, meta });
    return { ok: true };
  });
}

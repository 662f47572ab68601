import { randomUUID } from "node:crypto";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta, StaffActor } from "../auth/actor.ts";
import type { ConsentCategory } from "../consent/model.ts";
import { defaultWinDisclosure, type MilestoneKind } from "./model.ts";

/**
 * Writing a milestone row. It sits below milestones.server.ts because areas that
 * authorize participants themselves (participants, benefits) record wins from their
 * own events: importing the whole milestones area from there would close an import
 * circle through the participant check.
 */
export async function insertMilestone(
  trx: Trx, actor: StaffActor, participantId: string, kind: MilestoneKind, occurredOn: string, note: string | null, celebrateWith: string[], source: "manual" | "event",
  discloses: ConsentCategory[],
) {
  const id = randomUUID();
  await trx.insertInto("milestones").values({
    id, participant_id: participantId, kind, occurred_on: occurredOn, note, source, celebrate_with: JSON.stringify(celebrateWith), created_by: actor.userId, created_at: new Date().toISOString(),
    discloses: JSON.stringify(discloses),
  }).execute();
  return id;
}

/**
 * A win the app notices by itself (the career profile filled in, the first pay stub
 * entered); recorded once per kind, on the day it happened (today unless told).
 */
export async function recordMilestoneFromEvent(
  trx: Trx, actor: StaffActor, participantId: string, kind: MilestoneKind, meta: RequestMeta, occurredOn = new Date().toISOString().slice(0, 10),
): Promise<void> {
  const existing = await trx.selectFrom("milestones").select("id").where("participant_id", "=", participantId).where("kind", "=", kind).executeTakeFirst();
  if (existing) return;
  const id = await insertMilestone(trx, actor, participantId, kind, occurredOn, null, [], "event", defaultWinDisclosure(kind));
  await recordAudit(trx, { actor, action: "milestone.create", entityType: "milestone", entityId: id, participantId, reason: "recorded by the app from an event", details: { kind }, meta });
}

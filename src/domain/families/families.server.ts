import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { ParticipantActor, RequestMeta, StaffActor, SupportPersonActor } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import type { PersonFacts } from "../consent/check.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { participantPermissions, participantReach } from "../participants/policy.ts";
import {
  agreedByKind, type FamilyAgreementAnswer, type FamilyAgreementView, type FamilyIntroductionInput,
  type FamilyIntroductionView, type FamilyOwnAnswer, type IntroducedFamily,
} from "./model.ts";
import { familyActions, introductionRefusal, introductionShown, sharedContact, type IntroductionRefusal, type IntroductionSide } from "./policy.ts";

/**
 * Families connecting (decision 0044). Agreements are recorded by the person on
 * their own page or by staff on the participant's record; an introduction needs
 * the current agreement of both support persons and of both participants, and
 * ends when any of them is withdrawn.
 */

type Share = { sharePhone: boolean; shareEmail: boolean };
const NO_SHARE: Share = { sharePhone: false, shareEmail: false };

async function currentAgreement(db: Db | Trx, participantId: string, supportPersonId: string | null) {
  let query = db.selectFrom("family_agreements as a").leftJoin("users as u", "u.id", "a.agreed_by").selectAll("a").select("u.name as staff_name")
    .where("a.participant_id", "=", participantId).where("a.withdrawn_at", "is", null);
  query = supportPersonId === null ? query.where("a.support_person_id", "is", null) : query.where("a.support_person_id", "=", supportPersonId);
  return query.orderBy("a.agreed_at", "desc").executeTakeFirst();
}

function toView(row: NonNullable<Awaited<ReturnType<typeof currentAgreement>>>): FamilyAgreementView {
  return {
    id: row.id, supportPersonId: row.support_person_id, sharePhone: row.share_phone === 1, shareEmail: row.share_email === 1,
    agreedAt: row.agreed_at, agreedByKind: agreedByKind(row.agreed_by), agreedByName: row.staff_name ?? null,
  };
}

/** Records an agreement, or changes what a current one shares: one current agreement per person. */
async function storeAgreement(trx: Trx, participantId: string, supportPersonId: string | null, share: Share, by: string, at: Date): Promise<void> {
  const current = await currentAgreement(trx, participantId, supportPersonId);
  if (current) {
    await trx.updateTable("family_agreements").set({ share_phone: share.sharePhone ? 1 : 0, share_email: share.shareEmail ? 1 : 0 }).where("id", "=", current.id).execute();
    return;
  }
  await trx.insertInto("family_agreements").values({
    id: randomUUID(), participant_id: participantId, support_person_id: supportPersonId, share_phone: share.sharePhone ? 1 : 0, share_email: share.shareEmail ? 1 : 0,
    agreed_at: at.toISOString(), agreed_by: by, withdrawn_at: null, withdrawn_by: null,
  }).execute();
}

/**
 * Withdraws the current agreement and ends every introduction that rested on it:
 * a support person's own, or all of a participant's supports' when the participant
 * withdraws. Returns null when there was nothing to withdraw.
 */
async function endAgreement(trx: Trx, participantId: string, supportPersonId: string | null, by: string, at: Date): Promise<number | null> {
  const current = await currentAgreement(trx, participantId, supportPersonId);
  if (!current) return null;
  const now = at.toISOString();
  await trx.updateTable("family_agreements").set({ withdrawn_at: now, withdrawn_by: by }).where("id", "=", current.id).execute();
  const ended = await trx.updateTable("family_introductions").set({ ended_at: now }).where("ended_at", "is", null)
    .where((eb) => supportPersonId === null
      ? eb.or([eb("first_participant_id", "=", participantId), eb("second_participant_id", "=", participantId)])
      : eb.or([eb("first_support_person_id", "=", supportPersonId), eb("second_support_person_id", "=", supportPersonId)]))
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

/** A support person of this participant who is still on the network, or undefined. */
async function supportPersonOf(db: Db | Trx, participantId: string, supportPersonId: string) {
  return db.selectFrom("support_persons").select(["id", "name", "status", "ended_at", "phone", "email"])
    .where("id", "=", supportPersonId).where("participant_id", "=", participantId).where("ended_at", "is", null).executeTakeFirst();
}

async function introductionsOfParticipant(db: Db | Trx, participantIds: readonly string[]): Promise<FamilyIntroductionView[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom("family_introductions as i")
    .innerJoin("support_persons as a", "a.id", "i.first_support_person_id")
    .innerJoin("support_persons as b", "b.id", "i.second_support_person_id")
    .select(["i.id", "i.introduced_at", "i.note", "i.first_participant_id", "i.first_support_person_id", "i.second_participant_id", "i.second_support_person_id", "a.name as first_name", "b.name as second_name"])
    .where("i.ended_at", "is", null)
    .where((eb) => eb.or([eb("i.first_participant_id", "in", participantIds), eb("i.second_participant_id", "in", participantIds)]))
    .orderBy("i.introduced_at", "desc").orderBy("i.id").execute();
  return rows.map((r) => ({
    id: r.id, introducedAt: r.introduced_at, note: r.note,
    first: { participantId: r.first_participant_id, supportPersonId: r.first_support_person_id, name: r.first_name },
    second: { participantId: r.second_participant_id, supportPersonId: r.second_support_person_id, name: r.second_name },
  }));
}

export interface FamiliesOnRecord {
  participantAgreement: FamilyAgreementView | null;
  people: { supportPersonId: string; name: string; agreement: FamilyAgreementView | null }[];
  introductions: FamilyIntroductionView[];
  canRecord: boolean;
}

/** The agreements on a participant's record and the introductions of their supports, for staff; audited with the record read. */
export async function readFamilies(db: Db, access: AuthorizedParticipant, meta: RequestMeta): Promise<FamiliesOnRecord | null> {
  const can = familyActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  const participantId = access.participant.id;
  return db.transaction().execute(async (trx) => {
    const own = await currentAgreement(trx, participantId, null);
    const people = await trx.selectFrom("support_persons").select(["id", "name"]).where("participant_id", "=", participantId).where("ended_at", "is", null)
      .orderBy("name").orderBy("id").execute();
    const withAgreements = [];
    for (const p of people) {
      const agreement = await currentAgreement(trx, participantId, p.id);
      withAgreements.push({ supportPersonId: p.id, name: p.name, agreement: agreement ? toView(agreement) : null });
    }
    const introductions = await introductionsOfParticipant(trx, [participantId]);
    await recordAudit(trx, { actor: access.actor, action: "participant.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return { participantAgreement: own ? toView(own) : null, people: withAgreements, introductions, canRecord: can.record };
  });
}

export type AgreementResult = { ok: true } | { ok: false; reason: "not_found" };

/** Staff record the answer the participant or one of their supports gave them (in person, on the phone, on paper). */
export async function answerFamilyAgreement(db: Db, access: AuthorizedParticipant, input: FamilyAgreementAnswer, meta: RequestMeta, at = new Date()): Promise<AgreementResult> {
  return input.answer === "yes" ? recordFamilyAgreement(db, access, input, meta, at) : withdrawFamilyAgreement(db, access, input.subject, meta, at);
}

async function recordFamilyAgreement(db: Db, access: AuthorizedParticipant, input: FamilyAgreementAnswer, meta: RequestMeta, at: Date): Promise<AgreementResult> {
  const reason = changeAllowed(access, familyActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" };
  const participantId = access.participant.id;
  return db.transaction().execute(async (trx) => {
    const supportPersonId = input.subject === "participant" ? null : input.subject;
    if (supportPersonId !== null && !(await supportPersonOf(trx, participantId, supportPersonId))) {
      await recordRefusal(trx, access.actor, { action: "agree:family", entityType: "support_person", entityId: supportPersonId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    const share = supportPersonId === null ? NO_SHARE : { sharePhone: input.sharePhone, shareEmail: input.shareEmail };
    await storeAgreement(trx, participantId, supportPersonId, share, access.actor.userId, at);
    await recordAudit(trx, {
      actor: access.actor, action: "family.agree", entityType: supportPersonId ? "support_person" : "participant", entityId: supportPersonId ?? participantId, participantId, reason,
      details: { subject: supportPersonId ? "support_person" : "participant", supportPersonId, ...share }, meta,
    });
    return { ok: true };
  });
}

/** The participant or a support person no longer agrees; the introductions that rested on it end at once. */
async function withdrawFamilyAgreement(db: Db, access: AuthorizedParticipant, subject: string, meta: RequestMeta, at: Date): Promise<AgreementResult> {
  const reason = changeAllowed(access, familyActions(access).record);
  if (!reason) return { ok: false, reason: "not_found" };
  const participantId = access.participant.id;
  const supportPersonId = subject === "participant" ? null : subject;
  return db.transaction().execute(async (trx) => {
    const ended = await endAgreement(trx, participantId, supportPersonId, access.actor.userId, at);
    if (ended === null) {
      await recordRefusal(trx, access.actor, { action: "withdraw:family", entityType: supportPersonId ? "support_person" : "participant", entityId: supportPersonId ?? participantId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    await recordAudit(trx, {
      actor: access.actor, action: "family.withdraw", entityType: supportPersonId ? "support_person" : "participant", entityId: supportPersonId ?? participantId, participantId, reason,
      details: { subject: supportPersonId ? "support_person" : "participant", supportPersonId, introductionsEnded: ended }, meta,
    });
    return { ok: true };
  });
}

/** A support person's own agreement, for their page. */
export async function ownFamilyAgreement(db: Db | Trx, actor: SupportPersonActor | ParticipantActor): Promise<FamilyAgreementView | null> {
  const row = await currentAgreement(db, actor.participantId, actor.kind === "support_person" ? actor.supportPersonId : null);
  return row ? toView(row) : null;
}

function selfLabel(actor: SupportPersonActor | ParticipantActor): string {
  return actor.kind === "support_person" ? `support_person:${actor.supportPersonId}` : `participant:${actor.participantId}`;
}

/** The person's own answer on their page. */
export async function answerForMyself(db: Db, actor: SupportPersonActor | ParticipantActor, input: FamilyOwnAnswer, meta: RequestMeta, at = new Date()): Promise<void> {
  return input.answer === "yes" ? agreeForMyself(db, actor, input, meta, at) : withdrawForMyself(db, actor, meta, at);
}

/** Yes: a support person with what they share, the participant for their supports. */
async function agreeForMyself(db: Db, actor: SupportPersonActor | ParticipantActor, input: FamilyOwnAnswer, meta: RequestMeta, at: Date): Promise<void> {
  const supportPersonId = actor.kind === "support_person" ? actor.supportPersonId : null;
  const share = supportPersonId === null ? NO_SHARE : { sharePhone: input.sharePhone, shareEmail: input.shareEmail };
  await db.transaction().execute(async (trx) => {
    await storeAgreement(trx, actor.participantId, supportPersonId, share, selfLabel(actor), at);
    await recordAudit(trx, {
      actor, action: "family.agree", entityType: actor.kind, entityId: supportPersonId ?? actor.participantId, participantId: actor.participantId, reason: "own page",
      details: { subject: actor.kind, supportPersonId, ...share }, meta,
    });
  });
}

/** Stop: nothing happens when there was nothing to withdraw. */
async function withdrawForMyself(db: Db, actor: SupportPersonActor | ParticipantActor, meta: RequestMeta, at: Date): Promise<void> {
  const supportPersonId = actor.kind === "support_person" ? actor.supportPersonId : null;
  await db.transaction().execute(async (trx) => {
    const ended = await endAgreement(trx, actor.participantId, supportPersonId, selfLabel(actor), at);
    if (ended === null) return;
    await recordAudit(trx, {
      actor, action: "family.withdraw", entityType: actor.kind, entityId: supportPersonId ?? actor.participantId, participantId: actor.participantId, reason: "own page",
      details: { subject: actor.kind, supportPersonId, introductionsEnded: ended }, meta,
    });
  });
}

function personFacts(row: { id: string; status: string; ended_at: string | null }): PersonFacts {
  return { id: row.id, status: row.status as RelationshipStatus, endedAt: row.ended_at };
}

/**
 * The families this support person was introduced to, each shown with only what
 * the other agreed to share, as it stands now. Read inside the support page's own
 * audited read; the introduction itself was audited as the disclosure.
 */
export async function introductionsForSupportPerson(db: Db | Trx, actor: SupportPersonActor, at = new Date()): Promise<IntroducedFamily[]> {
  const rows = await db.selectFrom("family_introductions").selectAll().where("ended_at", "is", null)
    .where((eb) => eb.or([eb("first_support_person_id", "=", actor.supportPersonId), eb("second_support_person_id", "=", actor.supportPersonId)]))
    .orderBy("introduced_at", "desc").orderBy("id").execute();
  const shown: IntroducedFamily[] = [];
  for (const row of rows) {
    const mine = row.first_support_person_id === actor.supportPersonId;
    const otherId = mine ? row.second_support_person_id : row.first_support_person_id;
    const otherParticipantId = mine ? row.second_participant_id : row.first_participant_id;
    const other = await db.selectFrom("support_persons").select(["id", "name", "status", "ended_at", "phone", "email"]).where("id", "=", otherId).executeTakeFirstOrThrow();
    const agreement = await currentAgreement(db, otherParticipantId, otherId);
    if (!agreement || !introductionShown({ endedAt: row.ended_at }, personFacts(other), at)) continue;
    shown.push({ introductionId: row.id, introducedAt: row.introduced_at, note: row.note, ...sharedContact(other, { sharePhone: agreement.share_phone === 1, shareEmail: agreement.share_email === 1 }) });
  }
  return shown;
}

/** Someone staff may introduce: a support person who agreed, of a participant who agreed, on a record the staff member may change. */
export interface IntroductionCandidate {
  supportPersonId: string;
  name: string;
  participantId: string;
  participantName: string;
}

/** The "Introduce families" page: who may be introduced now, and the introductions on the records within reach. */
export async function listIntroductionCandidates(db: Db, actor: StaffActor, at = new Date()): Promise<{ candidates: IntroductionCandidate[]; introductions: FamilyIntroductionView[] }> {
  const rows = await db.selectFrom("family_agreements as a")
    .innerJoin("support_persons as sp", "sp.id", "a.support_person_id")
    .innerJoin("participants as p", "p.id", "a.participant_id")
    .innerJoin("users as s", "s.id", "p.specialist_id")
    .innerJoin("family_agreements as pa", (join) => join.onRef("pa.participant_id", "=", "a.participant_id").on("pa.support_person_id", "is", null).on("pa.withdrawn_at", "is", null))
    .select(["sp.id", "sp.name", "sp.status", "sp.ended_at", "p.id as participant_id", "p.first_name", "p.last_name", "p.specialist_id", "s.team_id"])
    .where("a.withdrawn_at", "is", null).where("p.archived_at", "is", null)
    .orderBy("sp.name").orderBy("sp.id").execute();
  const candidates = rows
    .filter((r) => participantReach(actor, { specialistId: r.specialist_id, teamId: r.team_id }).update && introductionShown({ endedAt: null }, personFacts(r), at))
    .map((r) => ({ supportPersonId: r.id, name: r.name, participantId: r.participant_id, participantName: `${r.first_name} ${r.last_name}` }));
  const open = await db.selectFrom("family_introductions").select(["first_participant_id", "second_participant_id"]).where("ended_at", "is", null).execute();
  const involved = [...new Set(open.flatMap((i) => [i.first_participant_id, i.second_participant_id]))];
  const inReach = involved.length === 0 ? [] : await db.selectFrom("participants as p").innerJoin("users as s", "s.id", "p.specialist_id")
    .select(["p.id", "p.specialist_id", "s.team_id"]).where("p.id", "in", involved).execute();
  const reachable = inReach.filter((p) => participantReach(actor, { specialistId: p.specialist_id, teamId: p.team_id }).read).map((p) => p.id);
  const introductions = (await introductionsOfParticipant(db, reachable))
    .filter((i) => reachable.includes(i.first.participantId) && reachable.includes(i.second.participantId));
  return { candidates, introductions };
}

export type IntroductionResult = { ok: true; introductionId: string } | { ok: false; reason: IntroductionRefusal };

/**
 * Introduces two support persons of two different participants. Each side's name,
 * and the phone or email they chose to share, goes to the other: two disclosures,
 * audited each on the participant whose supporter was named.
 */
export async function introduceFamilies(db: Db, actor: StaffActor, input: FamilyIntroductionInput, meta: RequestMeta, at = new Date()): Promise<IntroductionResult> {
  return db.transaction().execute(async (trx) => {
    const sideOf = async (supportPersonId: string) => {
      const row = await trx.selectFrom("support_persons as sp").innerJoin("participants as p", "p.id", "sp.participant_id").innerJoin("users as s", "s.id", "p.specialist_id")
        .select(["sp.id", "sp.name", "sp.status", "sp.ended_at", "sp.phone", "sp.email", "p.id as participant_id", "p.specialist_id", "s.team_id"])
        .where("sp.id", "=", supportPersonId).where("p.archived_at", "is", null).executeTakeFirst();
      if (!row) return null;
      const place = { specialistId: row.specialist_id, teamId: row.team_id };
      const personAgreement = await currentAgreement(trx, row.participant_id, row.id);
      const side: IntroductionSide = {
        participantId: row.participant_id, person: personFacts(row), inReach: participantReach(actor, place).update,
        personAgreed: personAgreement !== undefined, participantAgreed: (await currentAgreement(trx, row.participant_id, null)) !== undefined,
      };
      return { row, side, share: { sharePhone: personAgreement?.share_phone === 1, shareEmail: personAgreement?.share_email === 1 }, reason: participantPermissions(actor, place).update };
    };
    const first = await sideOf(input.firstSupportPersonId);
    const second = await sideOf(input.secondSupportPersonId);
    const refusal = first && second ? introductionRefusal(actor, first.side, second.side, at) : "not_found";
    if (refusal === "not_found" || !first || !second) {
      const missing = !first ? input.firstSupportPersonId : input.secondSupportPersonId;
      await recordRefusal(trx, actor, { action: "introduce:family", entityType: "support_person", entityId: first && second ? input.firstSupportPersonId : missing, participantId: null, reason: first && second ? "not_permitted" : "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    if (refusal) return { ok: false, reason: refusal };
    const already = await trx.selectFrom("family_introductions").select("id").where("ended_at", "is", null)
      .where((eb) => eb.or([
        eb.and([eb("first_support_person_id", "=", first.row.id), eb("second_support_person_id", "=", second.row.id)]),
        eb.and([eb("first_support_person_id", "=", second.row.id), eb("second_support_person_id", "=", first.row.id)]),
      ])).executeTakeFirst();
    if (already) return { ok: true, introductionId: already.id };
    const id = randomUUID();
    await trx.insertInto("family_introductions").values({
      id, first_participant_id: first.side.participantId, first_support_person_id: first.row.id, second_participant_id: second.side.participantId, second_support_person_id: second.row.id,
      note: input.note, introduced_by: actor.userId, introduced_at: at.toISOString(), ended_at: null,
    }).execute();
    for (const [named, reader] of [[first, second], [second, first]] as const) {
      const shared = sharedContact(named.row, named.share);
      await recordAudit(trx, {
        actor, action: "family.introduce", entityType: "family_introduction", entityId: id, participantId: named.side.participantId, reason: named.reason ?? "update:participant",
        details: {
          introductionId: id, supportPersonId: named.row.id,
          shared: [...["name" as const], ...(shared.phone ? ["phone" as const] : []), ...(shared.email ? ["email" as const] : [])],
          disclosure: { readerKind: "support_person", readerId: reader.row.id, categories: [] },
        },
        meta,
      });
    }
    return { ok: true, introductionId: id };
  });
}

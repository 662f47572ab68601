import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import { queueHelpClaimed, queueMeetingAnswer, cancelQueuedMessages } from "../messages/outbox.server.ts";
import type { Disclosure } from "../audit/events.ts";
import type { RequestMeta, SupportPersonActor } from "../auth/actor.ts";
import { disclosedCategories, disclosesOf, type DisclosurePiece } from "../consent/disclosure.ts";
import type { ConsentHistory, RevocationFacts } from "../consent/check.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { OwnContactInput } from "../network/model.ts";
import type { ContactChannel, RelationshipStatus, SupportKind } from "../network/vocabulary.ts";
import { STEPPED_OUT, type CommitmentReport, type RsvpInput, type SupportPage } from "./model.ts";
import { mayAnswerMeeting, mayClaimHelp, mayShow, mayShowCommitment, mayShowMeeting, mayShowWin, WORK_GOAL_PIECE, type SupportReader } from "./policy.ts";

/**
 * The support person's own page (decision 0022). Every read and command takes
 * the `SupportPersonActor` a personal link signed in, works only inside that
 * person's participant, and is audited as a disclosure to that person, naming
 * the consent categories of what it showed or touched.
 */

export async function loadReader(db: Db | Trx, actor: SupportPersonActor): Promise<SupportReader & { row: { name: string; phone: string | null; email: string | null; preferred_channel: string | null } }> {
  const row = await db.selectFrom("support_persons").selectAll()
    .where("id", "=", actor.supportPersonId).where("participant_id", "=", actor.participantId).executeTakeFirstOrThrow();
  const grants = await db.selectFrom("consent_grants").selectAll()
    .where("participant_id", "=", actor.participantId).where("support_person_id", "=", actor.supportPersonId).execute();
  const revocations = grants.length === 0 ? [] : await db.selectFrom("consent_revocations").select(["grant_id", "category", "revoked_at"])
    .where("grant_id", "in", grants.map((g) => g.id)).execute();
  const history: ConsentHistory = {
    grants: grants.map((g) => ({
      id: g.id, supportPersonId: g.support_person_id, categories: JSON.parse(g.categories) as ConsentCategory[],
      mayAttendMeetings: g.may_attend_meetings === 1, mayReceivePlan: g.may_receive_plan === 1, mayBeContacted: g.may_be_contacted === 1,
      startsOn: g.starts_on, expiresOn: g.expires_on, recordedAt: g.recorded_at, endedAt: g.ended_at,
    })),
    revocations: revocations.map((r): RevocationFacts => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at })),
  };
  return {
    person: { id: row.id, status: row.status as RelationshipStatus, endedAt: row.ended_at, helpKinds: JSON.parse(row.help_kinds) as SupportKind[] },
    history,
    row,
  };
}

function disclosureTo(actor: SupportPersonActor, pieces: readonly DisclosurePiece[]): Disclosure {
  return { readerKind: "support_person", readerId: actor.supportPersonId, categories: disclosedCategories(pieces) };
}

function envelope(actor: SupportPersonActor, entityType: string, entityId: string, meta: RequestMeta) {
  return { actor, entityType, entityId, participantId: actor.participantId, reason: "personal link", meta };
}

/** Everything the page shows, each piece through the consent gate at this moment. Audited as `support_page.read`. */
export async function getSupportPage(db: Db, actor: SupportPersonActor, meta: RequestMeta, at = new Date()): Promise<SupportPage> {
  return db.transaction().execute(async (trx) => {
    const reader = await loadReader(trx, actor);
    const participant = await trx.selectFrom("participants as p").innerJoin("users as s", "s.id", "p.specialist_id")
      .select(["p.first_name", "p.preferred_name", "p.work_goal", "p.school_goal", "s.name as specialist_name", "s.email as specialist_email", "s.phone as specialist_phone"])
      .where("p.id", "=", actor.participantId).executeTakeFirstOrThrow();
    const goalsShown = mayShow(reader, WORK_GOAL_PIECE, "receivePlan", at);
    const shownGoal = participant.work_goal && goalsShown ? participant.work_goal : null;
    // Work or school (decision 0036): the same consent covers both goals.
    const shownSchoolGoal = participant.school_goal && goalsShown ? participant.school_goal : null;

    const meetingRows = await trx.selectFrom("meeting_invitees as i").innerJoin("meetings as m", "m.id", "i.meeting_id")
      .select(["m.id", "m.title", "m.scheduled_at", "m.duration_minutes", "m.place", "m.status", "m.sequence", "m.discloses", "i.response", "i.response_note"])
      .where("m.participant_id", "=", actor.participantId).where("i.support_person_id", "=", actor.supportPersonId)
      .orderBy("m.scheduled_at").execute();
    const meetings = meetingRows
      .map((m) => ({ row: m, piece: { categories: disclosesOf(m.discloses), scheduledAt: m.scheduled_at, status: m.status, invited: true } }))
      .filter(({ piece }) => mayShowMeeting(reader, piece, at));

    const itemRows = await trx.selectFrom("plan_items").selectAll()
      .where("participant_id", "=", actor.participantId).where("support_person_id", "=", actor.supportPersonId).orderBy("created_at").execute();
    const commitments = itemRows
      .map((i) => ({ row: i, piece: { categories: disclosesOf(i.discloses), supportPersonId: i.support_person_id, sharedWithSupports: i.shared_with_supports === 1, status: i.status, dismissedAt: i.dismissed_at } }))
      .filter(({ piece }) => mayShowCommitment(reader, piece, at));

    const winRows = await trx.selectFrom("milestones").selectAll().where("participant_id", "=", actor.participantId).orderBy("occurred_on", "desc").limit(50).execute();
    const wins = winRows
      .map((w) => ({ row: w, piece: { categories: disclosesOf(w.discloses), celebrateWith: JSON.parse(w.celebrate_with) as string[] } }))
      .filter(({ piece }) => mayShowWin(reader, piece, at)).slice(0, 10);

    const helpRows = await trx.selectFrom("help_requests").selectAll().where("participant_id", "=", actor.participantId).where("status", "=", "open").orderBy("needed_on").execute();
    const helpRequests = helpRows
      .map((h) => ({ row: h, piece: { categories: disclosesOf(h.discloses), kind: h.kind as SupportKind, status: h.status, neededOn: h.needed_on } }))
      .filter(({ piece }) => mayClaimHelp(reader, piece, at));

    const pieces: DisclosurePiece[] = [
      ...(shownGoal || shownSchoolGoal ? [WORK_GOAL_PIECE] : []),
      ...meetings.map((m) => m.piece), ...commitments.map((c) => c.piece), ...wins.map((w) => w.piece), ...helpRequests.map((h) => h.piece),
    ];
    await recordAudit(trx, {
      ...envelope(actor, "support_person", actor.supportPersonId, meta), action: "support_page.read",
      details: {
        disclosure: disclosureTo(actor, pieces),
        shown: { workGoal: shownGoal !== null, schoolGoal: shownSchoolGoal !== null, meetings: meetings.map((m) => m.row.id), commitments: commitments.map((c) => c.row.id), wins: wins.map((w) => w.row.id), helpRequests: helpRequests.map((h) => h.row.id) },
      },
    });
    return {
      person: { id: actor.supportPersonId, name: reader.row.name, phone: reader.row.phone, email: reader.row.email, preferredChannel: reader.row.preferred_channel as ContactChannel | null },
      participant: { firstName: participant.preferred_name ?? participant.first_name },
      specialist: { name: participant.specialist_name, email: participant.specialist_email, phone: participant.specialist_phone },
      workGoal: shownGoal,
      schoolGoal: shownSchoolGoal,
      meetings: meetings.map(({ row }) => ({
        id: row.id, title: row.title, scheduledAt: row.scheduled_at, durationMinutes: row.duration_minutes, place: row.place, response: row.response, responseNote: row.response_note,
        status: row.status === "cancelled" ? "cancelled" as const : "planned" as const,
        // The calendar SEQUENCE rises with each change to what the invitation says (meetings.server.ts), so above 0 it was changed.
        changed: Number(row.sequence) > 0 && row.status !== "cancelled",
      })),
      commitments: commitments.map(({ row }) => ({
        id: row.id, kind: row.kind as SupportKind, description: row.description, frequency: row.frequency, startsOn: row.starts_on, endsOn: row.ends_on,
        report: row.support_report as CommitmentReport | null, reportAt: row.support_report_at, reminderAt: row.reminder_at,
      })),
      wins: wins.map(({ row }) => ({ id: row.id, kind: row.kind, occurredOn: row.occurred_on, note: row.note })),
      helpRequests: helpRequests.map(({ row }) => ({ id: row.id, kind: row.kind as SupportKind, description: row.description, neededOn: row.needed_on, neededTime: row.needed_time })),
    };
  });
}

/**
 * A refusal on a partner page: the id was not one this person may see (another
 * participant's, a meeting they are not invited to, a piece consent does not
 * cover). Recorded, and answered exactly like a missing record.
 */
async function refuse(trx: Trx, actor: SupportPersonActor, action: string, entityType: string, entityId: string, meta: RequestMeta): Promise<{ ok: false }> {
  await recordAudit(trx, {
    actor, action: "access.refused", entityType, entityId, participantId: actor.participantId, reason: "refused: not_permitted",
    details: { action, entityType, reason: "not_permitted" }, meta,
  });
  return { ok: false };
}

/** Yes, no or maybe to a meeting they are invited to and may see, with a note. */
export async function answerInvitation(db: Db, actor: SupportPersonActor, meetingId: string, input: RsvpInput, meta: RequestMeta, at = new Date()): Promise<{ ok: boolean }> {
  return db.transaction().execute(async (trx) => {
    const reader = await loadReader(trx, actor);
    const meeting = await trx.selectFrom("meeting_invitees as i").innerJoin("meetings as m", "m.id", "i.meeting_id")
      .select(["i.id as invitee_id", "m.scheduled_at", "m.status", "m.discloses"])
      .where("m.id", "=", meetingId).where("m.participant_id", "=", actor.participantId).where("i.support_person_id", "=", actor.supportPersonId).executeTakeFirst();
    const piece = meeting && { categories: disclosesOf(meeting.discloses), scheduledAt: meeting.scheduled_at, status: meeting.status, invited: true };
    if (!meeting || !piece || !mayAnswerMeeting(reader, piece, at)) return refuse(trx, actor, "respond:meeting", "meeting", meetingId, meta);
    await trx.updateTable("meeting_invitees").set({ response: input.response, response_note: input.note, responded_at: at.toISOString() }).where("id", "=", meeting.invitee_id).execute();
    await recordAudit(trx, {
      ...envelope(actor, "meeting", meetingId, meta), action: "support_page.respond",
      details: { meetingId, response: input.response, disclosure: disclosureTo(actor, [piece]) },
    });
    await queueMeetingAnswer(trx, actor.participantId, meetingId, actor.supportPersonId, input.response, at);
    return { ok: true };
  });
}

/** "Done" or "can't this week" on one of their own commitments; the specialist sees it on the plan page. */
export async function reportCommitment(db: Db, actor: SupportPersonActor, planItemId: string, report: CommitmentReport, meta: RequestMeta, at = new Date()): Promise<{ ok: boolean }> {
  return db.transaction().execute(async (trx) => {
    const reader = await loadReader(trx, actor);
    const item = await trx.selectFrom("plan_items").selectAll().where("id", "=", planItemId).where("participant_id", "=", actor.participantId).executeTakeFirst();
    const piece = item && { categories: disclosesOf(item.discloses), supportPersonId: item.support_person_id, sharedWithSupports: item.shared_with_supports === 1, status: item.status, dismissedAt: item.dismissed_at };
    if (!item || !piece || !mayShowCommitment(reader, piece, at)) return refuse(trx, actor, "report:plan_item", "plan_item", planItemId, meta);
    await trx.updateTable("plan_items").set({ support_report: report, support_report_at: at.toISOString() }).where("id", "=", planItemId).execute();
    await recordAudit(trx, {
      ...envelope(actor, "plan_item", planItemId, meta), action: "support_page.commitment",
      details: { planItemId, report, disclosure: disclosureTo(actor, [piece]) },
    });
    return { ok: true };
  });
}

/**
 * A note of encouragement for the participant. It is not sent anywhere: it waits
 * on the participant's wins page for the specialist or the participant to pass on.
 * It tells the specialist only what the sender wrote, so it discloses nothing.
 */
export async function sendEncouragement(db: Db, actor: SupportPersonActor, text: string, meta: RequestMeta): Promise<{ ok: boolean }> {
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await trx.insertInto("encouragement_notes").values({
      id, participant_id: actor.participantId, milestone_id: null, support_person_id: actor.supportPersonId, from_label: actor.name, text,
      created_by: `support_person:${actor.supportPersonId}`, created_at: new Date().toISOString(), discloses: "[]",
    }).execute();
    await recordAudit(trx, { ...envelope(actor, "encouragement_note", id, meta), action: "support_page.encourage", details: { disclosure: disclosureTo(actor, []) } });
    return { ok: true };
  });
}

/**
 * Claims an open help request this person may see. The request becomes a plan
 * item with them as the helper, shared with them, telling what the request told.
 * Two people claiming at once: the first wins, the second is told it is taken.
 */
export async function claimHelpRequest(db: Db, actor: SupportPersonActor, requestId: string, meta: RequestMeta, at = new Date()): Promise<{ ok: true; planItemId: string } | { ok: false; reason: "not_found" | "taken" }> {
  return db.transaction().execute(async (trx) => {
    const reader = await loadReader(trx, actor);
    const request = await trx.selectFrom("help_requests").selectAll().where("id", "=", requestId).where("participant_id", "=", actor.participantId).executeTakeFirst();
    if (request && request.status === "claimed") return { ok: false as const, reason: "taken" as const };
    const piece = request && { categories: disclosesOf(request.discloses), kind: request.kind as SupportKind, status: request.status, neededOn: request.needed_on };
    if (!request || !piece || !mayClaimHelp(reader, piece, at)) {
      await refuse(trx, actor, "claim:help_request", "help_request", requestId, meta);
      return { ok: false as const, reason: "not_found" as const };
    }
    const now = at.toISOString();
    const planItemId = randomUUID();
    const claimed = await trx.updateTable("help_requests").set({ status: "claimed", claimed_by: actor.supportPersonId, claimed_at: now, plan_item_id: null })
      .where("id", "=", requestId).where("status", "=", "open").executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { ok: false as const, reason: "taken" as const };
    const by = `support_person:${actor.supportPersonId}`;
    const item = {
      id: planItemId, participant_id: actor.participantId, kind: request.kind, description: request.description, provider: "support_person",
      support_person_id: actor.supportPersonId, frequency: request.needed_time, starts_on: request.needed_on, ends_on: request.needed_on, status: "agreed",
      notes: null, shared_with_supports: 1, source_entry_id: null, version: 1, created_by: by, created_at: now, updated_at: now, discloses: request.discloses,
    };
    await trx.insertInto("plan_items").values(item).execute();
    await trx.insertInto("plan_item_versions").values({
      id: randomUUID(), plan_item_id: planItemId, version: 1, changed_fields: JSON.stringify(["created"]), snapshot: JSON.stringify(item), changed_by: by, changed_at: now,
    }).execute();
    await trx.updateTable("help_requests").set({ plan_item_id: planItemId }).where("id", "=", requestId).execute();
    await recordAudit(trx, {
      ...envelope(actor, "help_request", requestId, meta), action: "support_page.claim",
      details: { helpRequestId: requestId, planItemId, disclosure: disclosureTo(actor, [piece]) },
    });
    await queueHelpClaimed(trx, actor.participantId, requestId, actor.supportPersonId, at);
    return { ok: true as const, planItemId };
  });
}

/** Their own contact details and the names their pages use: what the contact and step-out forms start from. Not a disclosure. */
export async function ownContact(db: Db, actor: SupportPersonActor) {
  const row = await db.selectFrom("support_persons as sp").innerJoin("participants as p", "p.id", "sp.participant_id").innerJoin("users as s", "s.id", "p.specialist_id")
    .select(["sp.phone", "sp.email", "sp.preferred_channel", "p.first_name", "p.preferred_name", "s.name as specialist_name"])
    .where("sp.id", "=", actor.supportPersonId).where("sp.participant_id", "=", actor.participantId).executeTakeFirstOrThrow();
  return {
    phone: row.phone, email: row.email, preferredChannel: row.preferred_channel,
    participant: row.preferred_name ?? row.first_name, specialist: row.specialist_name,
  };
}

/** Their own phone, email and preferred way of contact, corrected by themselves. Versioned like a staff edit. */
export async function updateOwnContact(db: Db, actor: SupportPersonActor, input: OwnContactInput, meta: RequestMeta): Promise<{ ok: boolean }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("support_persons").selectAll().where("id", "=", actor.supportPersonId).where("participant_id", "=", actor.participantId).executeTakeFirstOrThrow();
    const fields = (["phone", "email", "preferredChannel"] as const).filter((f) => {
      const stored = f === "preferredChannel" ? before.preferred_channel : before[f];
      return (stored ?? null) !== (input[f] ?? null);
    });
    const now = new Date().toISOString();
    await trx.updateTable("support_persons")
      .set({ phone: input.phone, email: input.email, preferred_channel: input.preferredChannel, version: before.version + 1, updated_at: now })
      .where("id", "=", before.id).execute();
    const after = await trx.selectFrom("support_persons").selectAll().where("id", "=", before.id).executeTakeFirstOrThrow();
    await trx.insertInto("support_person_versions").values({
      id: randomUUID(), support_person_id: before.id, version: after.version, change: "update", snapshot: JSON.stringify(after),
      changed_by: `support_person:${before.id}`, changed_at: now,
    }).execute();
    await recordAudit(trx, { ...envelope(actor, "support_person", before.id, meta), action: "support_page.contact", details: { fields, disclosure: disclosureTo(actor, []) } });
    return { ok: true };
  });
}

/**
 * Steps out of the participant's network, by their own choice. Their place
 * ends (reason "stepped_out", shown on the network page), their links stop,
 * and so does this session: the link checks the person is still on the network.
 */
export async function stepOutOfNetwork(db: Db, actor: SupportPersonActor, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("support_persons").selectAll().where("id", "=", actor.supportPersonId).where("participant_id", "=", actor.participantId).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await trx.updateTable("support_persons")
      .set({ ended_at: now, ended_reason: STEPPED_OUT, first_call: 0, version: before.version + 1, updated_at: now })
      .where("id", "=", before.id).execute();
    const after = await trx.selectFrom("support_persons").selectAll().where("id", "=", before.id).executeTakeFirstOrThrow();
    await trx.insertInto("support_person_versions").values({
      id: randomUUID(), support_person_id: before.id, version: after.version, change: "end", snapshot: JSON.stringify(after),
      changed_by: `support_person:${before.id}`, changed_at: now,
    }).execute();
    const live = await trx.selectFrom("personal_links").select("id").where("support_person_id", "=", before.id).where("revoked_at", "is", null).execute();
    if (live.length > 0) {
      await trx.updateTable("personal_links").set({ revoked_at: now, revoked_by: `support_person:${before.id}`, revoked_reason: STEPPED_OUT }).where("id", "in", live.map((l) => l.id)).execute();
      await trx.deleteFrom("partner_sessions").where("link_id", "in", live.map((l) => l.id)).execute();
    }
    await recordAudit(trx, { ...envelope(actor, "support_person", before.id, meta), action: "support_page.step_out", details: { disclosure: disclosureTo(actor, []) } });
    await cancelQueuedMessages(trx, { supportPersonId: before.id });
  });
}

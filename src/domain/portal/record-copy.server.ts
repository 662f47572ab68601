import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import type { OwnRecord, RecordCopyFormat } from "./model.ts";
import { ownRecordActions } from "./policy.ts";

type Row = Record<string, unknown>;

/** Columns that say how the program stores things, not anything about the person. */
const INTERNAL = new Set(["search_name", "client_key", "version", "content_base64", "participant_id"]);
/** Columns stored as JSON text, given back as what they hold. */
const JSON_COLUMNS = new Set(["past_jobs", "help_kinds", "categories", "checklist", "agenda", "celebrate_with", "discloses", "prior_trial_work_months", "request", "result"]);

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** One stored row as the copy gives it: readable names, JSON as JSON, storage details left out. */
function readable(row: Row): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (INTERNAL.has(column)) continue;
    out[camel(column)] = JSON_COLUMNS.has(column) && typeof value === "string" ? safeJson(value) : value;
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The whole record, section by section: what the JSON copy holds and the PDF copy prints. */
export interface RecordCopy {
  generatedAt: string;
  participant: Row;
  specialist: { name: string; email: string };
  supportPeople: Row[];
  consentGrants: (Row & { revocations: Row[] })[];
  meetings: (Row & { invitees: Row[]; entries: Row[] })[];
  concerns: Row[];
  plan: Row[];
  wins: Row[];
  encouragement: Row[];
  benefits: { profile: Row | null; referrals: Row[]; payStubs: Row[]; earningsReports: Row[]; sharedEstimates: Row[] };
  documents: Row[];
  /** People the participant asked to add. */
  suggestions: Row[];
}

async function gather(trx: Trx, participantId: string): Promise<Omit<RecordCopy, "generatedAt" | "specialist">> {
  type ParticipantTable = "support_persons" | "consent_grants" | "meetings" | "concerns" | "plan_items" | "milestones" | "encouragement_notes"
    | "benefits_referrals" | "pay_stubs" | "earnings_reports" | "benefits_estimate_shares" | "support_suggestions";
  // Every one of these tables has a participant_id column; Kysely cannot type a query over a union of tables, so one stands for all.
  const of = (table: ParticipantTable) =>
    trx.selectFrom(table as "pay_stubs").selectAll().where("participant_id", "=", participantId).execute() as Promise<unknown> as Promise<Row[]>;
  const participant = await trx.selectFrom("participants").selectAll().where("id", "=", participantId).executeTakeFirstOrThrow();
  const grants = await of("consent_grants");
  const revocations = grants.length === 0 ? [] : await trx.selectFrom("consent_revocations").select(["id", "grant_id", "category", "revoked_at", "reason"])
    .where("grant_id", "in", grants.map((g) => String(g.id))).orderBy("revoked_at").execute();
  const meetings = await of("meetings");
  const meetingIds = meetings.map((m) => String(m.id));
  const invitees = meetingIds.length === 0 ? [] : await trx.selectFrom("meeting_invitees").selectAll().where("meeting_id", "in", meetingIds).execute();
  const entries = meetingIds.length === 0 ? [] : await trx.selectFrom("meeting_entries").selectAll().where("meeting_id", "in", meetingIds).orderBy("created_at").execute();
  const documents = await trx.selectFrom("documents").select(["id", "kind", "filename", "content_type", "size", "uploaded_at"]).where("participant_id", "=", participantId).execute();
  const profile = await trx.selectFrom("benefits_profiles").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  return {
    participant: readable(participant as unknown as Row),
    supportPeople: (await of("support_persons")).map(readable),
    consentGrants: grants.map((g) => ({ ...readable(g), revocations: revocations.filter((r) => r.grant_id === g.id).map((r) => readable(r as unknown as Row)) })),
    meetings: meetings.map((m) => ({
      ...readable(m),
      invitees: invitees.filter((i) => i.meeting_id === m.id).map((i) => readable(i as unknown as Row)),
      entries: entries.filter((e) => e.meeting_id === m.id).map((e) => readable(e as unknown as Row)),
    })),
    concerns: (await of("concerns")).map(readable),
    plan: (await of("plan_items")).map(readable),
    wins: (await of("milestones")).map(readable),
    encouragement: (await of("encouragement_notes")).map(readable),
    benefits: {
      profile: profile ? readable(profile as unknown as Row) : null,
      referrals: (await of("benefits_referrals")).map(readable),
      payStubs: (await of("pay_stubs")).map(readable),
      earningsReports: (await of("earnings_reports")).map(readable),
      sharedEstimates: (await of("benefits_estimate_shares")).map(readable),
    },
    documents: documents.map((d) => readable(d as unknown as Row)),
    suggestions: (await of("support_suggestions")).map(readable),
  };
}

/**
 * A copy of the participant's whole record, for them to keep (HIPAA right of
 * access, 45 CFR 164.524): everything the program holds about them, substance
 * use included, as the stored rows say it. Audited with the format taken.
 */
export async function getMyRecordCopy(db: Db, own: OwnRecord, format: RecordCopyFormat, meta: RequestMeta, at = new Date()): Promise<RecordCopy | null> {
  if (!ownRecordActions(own.actor, own.participant).copyRecord) return null;
  const participantId = own.participant.id;
  return db.transaction().execute(async (trx) => {
    const record = await gather(trx, participantId);
    await recordAudit(trx, {
      actor: own.actor, action: "own_record.export", entityType: "participant", entityId: participantId, participantId,
      reason: "own record: right of access", details: { format }, meta,
    });
    return { generatedAt: at.toISOString(), specialist: { name: own.participant.specialistName, email: own.participant.specialistEmail }, ...record };
  });
}

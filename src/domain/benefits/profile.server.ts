import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import type { BenefitsProfileTable, BenefitsReferralTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { recordRefusal } from "../access/access.server.ts";
import { benefitsActions, type BenefitsActions } from "./policy.ts";
import { monthlyTotals, ssdiWorkHistory, ssiReportingMonths, studentExclusionUsedThisYear, trialWorkMonthsFromLog } from "./earnings.ts";
import { loadEarningsLog } from "./earnings.server.ts";
import type { BenefitYear } from "./parameters.ts";
import {
  monthReportView, ssdiSummaryView, toDollars, todayOf,
  type BenefitsOverview, type BenefitsProfile, type BenefitsProfileInput, type Referral, type ReferralInput, type ReferralOutcome, type ReferralUpdate,
} from "./records.ts";
import { storedBenefitYears } from "./years.server.ts";

/** The benefits profile, the benefits counselor referrals, and the overview the benefits page and API show. */

const money = (cents: number | null) => (cents === null ? null : toDollars(Number(cents)));

function toProfile(participantId: string, row: (BenefitsProfileTable & { updated_by_name: string | null }) | undefined): BenefitsProfile {
  if (!row) {
    return {
      participantId, hasSsi: false, hasSsdi: false, hasMedicaid: false, hasMedicare: false, hasHousingAssistance: false, hasSnap: false,
      ssiMonthly: null, ssdiMonthly: null, otherUnearned: null, irweMonthly: null, blind: false, student: false, birthYear: null,
      priorTrialWorkMonths: [], notes: null, version: 0, updatedAt: null, updatedBy: null,
    };
  }
  return {
    participantId,
    hasSsi: row.has_ssi === 1,
    hasSsdi: row.has_ssdi === 1,
    hasMedicaid: row.has_medicaid === 1,
    hasMedicare: row.has_medicare === 1,
    hasHousingAssistance: row.has_housing_assistance === 1,
    hasSnap: row.has_snap === 1,
    ssiMonthly: money(row.ssi_monthly_cents),
    ssdiMonthly: money(row.ssdi_monthly_cents),
    otherUnearned: money(row.other_unearned_cents),
    irweMonthly: money(row.irwe_monthly_cents),
    blind: row.blind === 1,
    student: row.student === 1,
    birthYear: row.birth_year === null ? null : Number(row.birth_year),
    priorTrialWorkMonths: JSON.parse(row.prior_trial_work_months) as string[],
    notes: row.notes,
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by_name,
  };
}

async function loadProfile(db: Db | Trx, participantId: string): Promise<BenefitsProfile> {
  const row = await db.selectFrom("benefits_profiles as b").leftJoin("users as u", "u.id", "b.updated_by")
    .selectAll("b").select("u.name as updated_by_name").where("b.participant_id", "=", participantId).executeTakeFirst();
  return toProfile(participantId, row);
}

function toReferral(row: BenefitsReferralTable): Referral {
  return {
    id: row.id, referredOn: row.referred_on, counselorName: row.counselor_name, organization: row.organization,
    outcome: row.outcome as ReferralOutcome, outcomeOn: row.outcome_on, notes: row.notes, version: Number(row.version),
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/**
 * The whole benefits picture of one participant at a moment: profile, referrals,
 * earnings log, monthly totals, SSI months to report (with SSI) and the trial work
 * and EPE months (with SSDI). For a caller that audits its read.
 */
export async function loadBenefitsOverview(db: Db | Trx, access: AuthorizedParticipant, at: Date, extraYears?: readonly BenefitYear[]): Promise<BenefitsOverview & { studentExclusionUsed: number }> {
  const participantId = access.participant.id;
  const years = extraYears ?? await storedBenefitYears(db);
  const profile = await loadProfile(db, participantId);
  const referralRows = await db.selectFrom("benefits_referrals").selectAll().where("participant_id", "=", participantId)
    .orderBy("referred_on", "desc").orderBy("created_at", "desc").execute();
  const log = await loadEarningsLog(db, access);
  const totals = monthlyTotals(log.facts);
  const today = todayOf(at);
  const thisMonth = today.slice(0, 7);
  const trialWorkMonths = new Set(trialWorkMonthsFromLog(totals, years).months);
  const history = profile.hasSsdi
    ? ssdiWorkHistory(totals, { priorTrialWorkMonths: profile.priorTrialWorkMonths, blind: profile.blind, irweCents: Math.round((profile.irweMonthly ?? 0) * 100) }, thisMonth, years)
    : null;
  return {
    today,
    profile,
    referrals: referralRows.map(toReferral),
    payStubs: log.payStubs,
    reports: log.reports,
    monthlyTotals: totals.map((t) => ({ month: t.month, paid: toDollars(t.paidCents), earned: toDollars(t.earnedCents), trialWorkMonth: profile.hasSsdi && trialWorkMonths.has(t.month) })),
    ssiReporting: profile.hasSsi ? ssiReportingMonths(totals, log.reportFacts, today).map(monthReportView) : [],
    ssdi: history ? ssdiSummaryView(history) : null,
    studentExclusionUsed: studentExclusionUsedThisYear(totals, thisMonth, years),
  };
}

export interface BenefitsView {
  participant: AuthorizedParticipant["participant"];
  canUpdate: boolean;
  can: BenefitsActions;
  overview: BenefitsOverview & { studentExclusionUsed: number };
}

/** Reads a participant's benefits record for the page or the API, audited as one read. */
export async function getBenefitsOverview(db: Db, access: AuthorizedParticipant, meta: RequestMeta, at: Date = new Date()): Promise<BenefitsView | null> {
  const { actor, participant: { id: participantId } } = access;
  const can = benefitsActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const overview = await loadBenefitsOverview(trx, access, at);
    await recordAudit(trx, { actor, action: "benefits.read", entityType: "participant", entityId: participantId, participantId, reason, meta });
    return { participant: access.participant, canUpdate: can.updateProfile, can, overview };
  });
}

export type ProfileSaveResult =
  | { ok: true; profile: BenefitsProfile }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: BenefitsProfile };

const PROFILE_FIELDS = [
  "hasSsi", "hasSsdi", "hasMedicaid", "hasMedicare", "hasHousingAssistance", "hasSnap", "ssiMonthly", "ssdiMonthly", "otherUnearned",
  "irweMonthly", "blind", "student", "birthYear", "priorTrialWorkMonths", "notes",
] as const;

/**
 * Saves the profile over the version the person read (0 for the first save). When
 * someone saved in between, nothing is written and the current profile comes back.
 */
export async function saveBenefitsProfile(db: Db, access: AuthorizedParticipant, input: BenefitsProfileInput, meta: RequestMeta): Promise<ProfileSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).updateProfile);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const before = await loadProfile(trx, participantId);
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before } as const;
    const now = new Date().toISOString();
    const columns = {
      has_ssi: input.hasSsi ? 1 : 0,
      has_ssdi: input.hasSsdi ? 1 : 0,
      has_medicaid: input.hasMedicaid ? 1 : 0,
      has_medicare: input.hasMedicare ? 1 : 0,
      has_housing_assistance: input.hasHousingAssistance ? 1 : 0,
      has_snap: input.hasSnap ? 1 : 0,
      ssi_monthly_cents: input.ssiMonthly,
      ssdi_monthly_cents: input.ssdiMonthly,
      other_unearned_cents: input.otherUnearned,
      irwe_monthly_cents: input.irweMonthly,
      blind: input.blind ? 1 : 0,
      student: input.student ? 1 : 0,
      birth_year: input.birthYear,
      prior_trial_work_months: JSON.stringify(input.priorTrialWorkMonths),
      notes: input.notes,
      version: input.version + 1,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (input.version === 0) {
      // Two first saves at once: the primary key lets only one in; the other is a conflict.
      const inserted = await trx.insertInto("benefits_profiles").values({ participant_id: participantId, created_at: now, ...columns })
        .onConflict((oc) => oc.column("participant_id").doNothing()).returning("participant_id").executeTakeFirst();
      if (!inserted) return { ok: false, reason: "conflict", current: await loadProfile(trx, participantId) } as const;
    } else {
      const updated = await trx.updateTable("benefits_profiles").set(columns)
        .where("participant_id", "=", participantId).where("version", "=", input.version).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: await loadProfile(trx, participantId) } as const;
    }
    const profile = await loadProfile(trx, participantId);
    const fields = PROFILE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(profile[f]));
    await recordAudit(trx, {
      actor, action: "benefits_profile.update", entityType: "benefits_profile", entityId: participantId, participantId,
      reason, details: { fields, fromVersion: input.version }, meta,
    });
    return { ok: true, profile } as const;
  });
}

export type ReferralSaveResult =
  | { ok: true; referral: Referral }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: Referral };

function referralColumns(input: ReferralInput) {
  return {
    referred_on: input.referredOn, counselor_name: input.counselorName, organization: input.organization,
    outcome: input.outcome, outcome_on: input.outcomeOn, notes: input.notes,
  };
}

/** Records a referral to a certified benefits planner (CWIC at a WIPA project). */
export async function createReferral(db: Db, access: AuthorizedParticipant, input: ReferralInput, meta: RequestMeta): Promise<ReferralSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).refer);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx.insertInto("benefits_referrals").values({
      id, participant_id: participantId, ...referralColumns(input), version: 1, created_by: actor.userId, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, {
      actor, action: "benefits_referral.create", entityType: "benefits_referral", entityId: id, participantId, reason,
      details: { outcome: input.outcome }, meta,
    });
    return { ok: true, referral: toReferral(await trx.selectFrom("benefits_referrals").selectAll().where("id", "=", id).executeTakeFirstOrThrow()) } as const;
  });
}

/** Saves a referral's outcome (or corrects it) over the version read. */
export async function updateReferral(db: Db, access: AuthorizedParticipant, referralId: string, input: ReferralUpdate, meta: RequestMeta): Promise<ReferralSaveResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, benefitsActions(access).refer);
  if (!reason) return { ok: false, reason: "not_found" } as const;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("benefits_referrals").selectAll().where("id", "=", referralId).where("participant_id", "=", participantId).executeTakeFirst();
    if (!row) {
      await recordRefusal(trx, actor, { action: "update:benefits_referral", entityType: "benefits_referral", entityId: referralId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" } as const;
    }
    const before = toReferral(row);
    if (before.version !== input.version) return { ok: false, reason: "conflict", current: before } as const;
    const updated = await trx.updateTable("benefits_referrals")
      .set({ ...referralColumns(input), version: input.version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", referralId).where("version", "=", input.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before } as const;
    const referral = toReferral(await trx.selectFrom("benefits_referrals").selectAll().where("id", "=", referralId).executeTakeFirstOrThrow());
    const fields = (["referredOn", "counselorName", "organization", "outcome", "outcomeOn", "notes"] as const).filter((f) => before[f] !== referral[f]);
    await recordAudit(trx, {
      actor, action: "benefits_referral.update", entityType: "benefits_referral", entityId: referralId, participantId, reason,
      details: { fields, outcome: referral.outcome }, meta,
    });
    return { ok: true, referral } as const;
  });
}

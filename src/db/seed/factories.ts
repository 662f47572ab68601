import { randomUUID } from "node:crypto";
import type { Db } from "../index.ts";
import type { Trx } from "../../domain/audit/audit.server.ts";
import { hashPassword } from "../../domain/auth/password.ts";
import { totpStep } from "../../domain/auth/two-factor.ts";
import { sealTotpSecret } from "../../domain/auth/two-factor-seal.ts";
import type { Role } from "../../domain/auth/permissions.ts";
import { searchName } from "../../domain/participants/search-name.ts";
import type { ParticipantInput, SituationFlag } from "../../domain/participants/model.ts";

/**
 * Factories shared by the demo data, `allies seed` and the tests: each builds one
 * record with sensible defaults and returns it. They write directly (no audit
 * row), as data loading does; the caller records one audit row for the load.
 */
type Conn = Db | Trx;
const now = () => new Date().toISOString();

export async function buildTeam(db: Conn, overrides: { id?: string; name?: string } = {}) {
  const team = { id: overrides.id ?? randomUUID(), name: overrides.name ?? `Team ${randomUUID().slice(0, 8)}`, created_at: now() };
  await db.insertInto("teams").values(team).execute();
  return team;
}

export interface UserOverrides {
  id?: string;
  email?: string;
  name?: string;
  role?: Role;
  teamId?: string | null;
  password?: string;
  passwordHash?: string;
  active?: boolean;
  /** Two-factor already on, with this authenticator secret (sealed with this password, decision 0019). */
  twoFactor?: { secret: string; password: string };
}

export async function buildUser(db: Conn, overrides: UserOverrides = {}) {
  const id = overrides.id ?? randomUUID();
  const user = {
    id,
    email: (overrides.email ?? `user-${id.slice(0, 8)}@example.org`).toLowerCase(),
    name: overrides.name ?? `User ${id.slice(0, 4)}`,
    role: overrides.role ?? "specialist",
    team_id: overrides.teamId ?? null,
    password_hash: overrides.passwordHash ?? (overrides.password ? await hashPassword(overrides.password) : null),
    active: overrides.active === false ? 0 : 1,
    version: 1,
    created_at: now(),
    updated_at: now(),
    totp_secret_sealed: overrides.twoFactor ? await sealTotpSecret(overrides.twoFactor.secret, overrides.twoFactor.password) : null,
    totp_enabled_at: overrides.twoFactor ? now() : null,
    // The step before now: a code of the current step still signs in straight after loading.
    totp_last_step: overrides.twoFactor ? totpStep(new Date()) - 2 : null,
  };
  await db.insertInto("users").values(user).execute();
  return user;
}

export const buildSpecialist = (db: Conn, o: UserOverrides = {}) => buildUser(db, { ...o, role: "specialist" });
export const buildSupervisor = (db: Conn, o: UserOverrides = {}) => buildUser(db, { ...o, role: "supervisor" });
export const buildAdmin = (db: Conn, o: UserOverrides = {}) => buildUser(db, { ...o, role: "admin" });

const FLAG_COLUMN: Record<SituationFlag, string> = {
  youngAdult: "flag_young_adult",
  justiceInvolvement: "flag_justice_involvement",
  homelessnessHistory: "flag_homelessness_history",
  substanceUseHistory: "flag_substance_use_history",
  lostTouchWithFamily: "flag_lost_touch_with_family",
  fosterCare: "flag_foster_care",
};

export async function buildParticipant(db: Conn, specialistId: string, overrides: Partial<ParticipantInput> & { id?: string; status?: "active" | "archived" } = {}) {
  const id = overrides.id ?? randomUUID();
  const firstName = overrides.firstName ?? "Sam";
  const lastName = overrides.lastName ?? `Rivera-${id.slice(0, 4)}`;
  const preferredName = overrides.preferredName ?? null;
  const flags = overrides.situationFlags ?? [];
  const archived = overrides.status === "archived";
  const row = {
    id,
    specialist_id: specialistId,
    first_name: firstName,
    last_name: lastName,
    preferred_name: preferredName,
    search_name: searchName({ firstName, lastName, preferredName }),
    phone: overrides.phone ?? null,
    email: overrides.email ?? null,
    preferred_language: overrides.preferredLanguage ?? "en",
    message_channel: null, remind_meetings: 1, remind_commitments: 1, remind_ssi_report: 0,
    status: archived ? "archived" : "active",
    work_goal: overrides.workGoal ?? null,
    school_goal: overrides.schoolGoal ?? null,
    job_preferences: overrides.jobPreferences ?? null,
    strengths: overrides.strengths ?? null,
    interests: overrides.interests ?? null,
    past_jobs: JSON.stringify(overrides.pastJobs ?? []),
    education: overrides.education ?? null,
    flag_young_adult: 0,
    flag_justice_involvement: 0,
    flag_homelessness_history: 0,
    flag_substance_use_history: 0,
    flag_lost_touch_with_family: 0,
    flag_foster_care: 0,
    ...Object.fromEntries(flags.map((f) => [FLAG_COLUMN[f], 1])),
    version: 1,
    created_at: now(),
    updated_at: now(),
    archived_at: archived ? now() : null,
  };
  await db.insertInto("participants").values(row).execute();
  return row;
}

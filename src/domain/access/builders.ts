import type { ParticipantActor, StaffActor, SupportPersonActor } from "../auth/actor.ts";
import { ROLE_PERMISSIONS, type Role } from "../auth/permissions.ts";
import type { GrantStatus } from "../consent/check.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import type { CaseloadPlace } from "../participants/policy.ts";
import type { ParticipantScope } from "./model.ts";

/**
 * In-memory builders for policy tests: actors per role and the facts of the
 * records a policy looks at, with no database. The seed and integration tests
 * build stored records with the factories of `src/db/seed/factories.ts`.
 */

export function buildStaffActor(role: Role, overrides: { userId?: string; teamId?: string | null; permissions?: readonly string[] } = {}): StaffActor {
  const userId = overrides.userId ?? `${role}-1`;
  return {
    kind: "staff", userId, email: `${userId}@example.org`, name: userId, role,
    teamId: overrides.teamId === undefined ? "team-1" : overrides.teamId,
    permissions: overrides.permissions ?? ROLE_PERMISSIONS[role], locale: "en",
  };
}

export function buildSupportPersonActor(overrides: Partial<Omit<SupportPersonActor, "kind">> = {}): SupportPersonActor {
  return { kind: "support_person", supportPersonId: "support-1", participantId: "participant-1", name: "Gloria", locale: "en", ...overrides };
}

export function buildParticipantActor(overrides: Partial<Omit<ParticipantActor, "kind">> = {}): ParticipantActor {
  return { kind: "participant", participantId: "participant-1", name: "Ana", locale: "en", ...overrides };
}

export function buildPlace(overrides: Partial<CaseloadPlace> = {}): CaseloadPlace {
  return { specialistId: "specialist-a", teamId: "team-1", ...overrides };
}

/** The people every per-role policy test asks about, and the two caseloads they stand to. */
export function buildPolicyCast() {
  const ownCaseload = buildPlace({ specialistId: "specialist-a", teamId: "team-1" });
  const otherTeamCaseload = buildPlace({ specialistId: "specialist-z", teamId: "team-2" });
  const actors = {
    specialistOwn: buildStaffActor("specialist", { userId: "specialist-a", teamId: "team-1" }),
    specialistOther: buildStaffActor("specialist", { userId: "specialist-b", teamId: "team-1" }),
    supervisorOwnTeam: buildStaffActor("supervisor", { userId: "supervisor-1", teamId: "team-1" }),
    supervisorOtherTeam: buildStaffActor("supervisor", { userId: "supervisor-2", teamId: "team-2" }),
    admin: buildStaffActor("admin", { userId: "admin-1", teamId: null }),
    supportPerson: buildSupportPersonActor(),
    participant: buildParticipantActor(),
  };
  const scope = (actor: (typeof actors)[keyof typeof actors], participant: CaseloadPlace = ownCaseload): ParticipantScope => ({ actor, participant });
  return { actors, ownCaseload, otherTeamCaseload, scope };
}

export function buildSupport(overrides: { endedAt?: string | null; status?: RelationshipStatus } = {}) {
  return { endedAt: overrides.endedAt ?? null, status: overrides.status ?? ("supportive" as RelationshipStatus) };
}

export function buildConsentGrant(overrides: { status?: GrantStatus; hasScan?: boolean } = {}) {
  return { status: overrides.status ?? ("active" as GrantStatus), hasScan: overrides.hasScan ?? false };
}

export function buildPayStub(overrides: { voidedAt?: string | null } = {}) {
  return { voidedAt: overrides.voidedAt ?? null };
}

import type { Insertable } from "kysely";
import type { Db } from "../index.ts";
import { localeFor } from "../../i18n/index.ts";
import type {
  ConsentGrantTable, Database, JobTable, MeetingInviteeTable, MeetingTable, PlanItemTable, PlanItemVersionTable, SupportPersonTable, SupportPersonVersionTable,
} from "../schema.ts";
import { recordAuditRows, type AuditEvent, type Trx } from "../../domain/audit/audit.server.ts";
import type { AuditEventBody } from "../../domain/audit/events.ts";
import type { StaffActor, RequestMeta } from "../../domain/auth/actor.ts";
import type { ConsentCategory } from "../../domain/consent/model.ts";
import { USUAL_DISCLOSURE, type PlanItem, type PlanStatus, type Provider } from "../../domain/plans/model.ts";
import { toSupportPerson } from "../../domain/network/network.server.ts";
import type { Closeness, RelationshipKind, SupportKind } from "../../domain/network/vocabulary.ts";
import { seededRandom, stableId, type Random } from "./random.ts";

/**
 * What every generated participant gets on top of the people `seedScale` makes,
 * so a benchmark reads pages as full as a real caseload's (issue 5: about 4
 * supports, 2 meetings, 6 plan items, 3 consent grants and 50 audit rows each).
 * Each area is one step in EXTRA_STEPS; every step gets the same batch of
 * participants and transaction.
 */
export interface ExtrasPerParticipant {
  supports: number;
  grants: number;
  meetings: number;
  planItems: number;
  auditRows: number;
}

export const EXTRAS_PER_PARTICIPANT: ExtrasPerParticipant = { supports: 4, grants: 3, meetings: 2, planItems: 6, auditRows: 50 };

export interface ExtrasOptions {
  perParticipant?: ExtrasPerParticipant;
  /** Participants per transaction; larger is faster, smaller holds the write lock for less. */
  batchSize?: number;
  /** Called after each batch with the number of participants done so far. */
  onProgress?: (done: number) => void;
}

export interface ExtrasSummary {
  participants: number;
  supportPersons: number;
  consentGrants: number;
  meetings: number;
  planItems: number;
  jobs: number;
  auditRows: number;
}

/** One participant as the steps see it: its place in the seed order and its caseload. */
interface SeededParticipant {
  index: number;
  id: string;
  firstName: string;
  lastName: string;
  specialist: StaffActor;
  random: Random;
  supportIds: string[];
  /** What the steps created, as the audit events the app writes when a specialist creates them. */
  created: Creation[];
}

type Creation = { entityType: string; entityId: string } & AuditEventBody;

interface StepContext {
  trx: Trx;
  per: ExtrasPerParticipant;
  now: string;
  summary: ExtrasSummary;
}

type ExtraStep = (ctx: StepContext, batch: SeededParticipant[]) => Promise<void>;

const FIRST = ["Ana", "Bill", "Chris", "Dolores", "Eddie", "Fran", "Gus", "Hope", "Ivan", "June", "Kofi", "Lena", "Manny", "Nora", "Otis", "Pearl"];
const LAST = ["Baker", "Cruz", "Diaz", "Evans", "Foster", "Gray", "Hughes", "Ibarra", "James", "Kim", "Lopez", "Mills", "Nash", "Owens", "Price", "Reyes"];
const RELATIONSHIPS: RelationshipKind[] = ["relative", "relative", "friend", "partner", "neighbour", "mentor", "past_coworker", "clergy"];
const CLOSENESS: Closeness[] = ["inner", "inner", "friends", "community"];
const HELP: SupportKind[] = ["rides", "wake_up_calls", "reminders", "encouragement", "clothes", "budgeting", "after_hard_day"];
const GRANT_CATEGORIES: ConsentCategory[][] = [["employment_goals", "job_details"], ["employment_goals", "work_schedule"], ["job_details", "benefits_income"]];

/** A day of a year, as ISO date text, chosen by the participant's generator. */
function isoDay(random: Random, year: number): string {
  return `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
}

const supportPersons: ExtraStep = async ({ trx, per, now, summary }, batch) => {
  const rows: SupportPersonTable[] = [];
  const versions: Insertable<SupportPersonVersionTable>[] = [];
  for (const p of batch) {
    for (let k = 0; k < per.supports; k++) {
      const n = p.index * per.supports + k;
      const id = stableId("scale-support", n);
      p.supportIds.push(id);
      const firstCall = k === 0;
      rows.push({
        id, participant_id: p.id,
        name: `${p.random.pick(FIRST)} ${p.random.pick(LAST)}`,
        relationship_kind: p.random.pick(RELATIONSHIPS), relationship_other: null, organization: null,
        closeness: p.random.pick(CLOSENESS),
        // Everyone a grant goes to must be reachable; the rest vary as real networks do.
        status: k < per.grants ? "supportive" : p.random.pick(["supportive", "lost_touch", "wants_to_reconnect"]),
        phone: `555-02${String(p.random.int(0, 99)).padStart(2, "0")}`, email: null,
        preferred_channel: p.random.pick(["phone", "text", "in_person"]), preferred_language: null, remind_meetings: 1, remind_commitments: 1,
        help_kinds: JSON.stringify([...new Set([p.random.pick(HELP), p.random.pick(HELP)])]), help_other: null,
        notes: p.random.chance(0.5) ? "Knows the bus routes; free most mornings." : null,
        first_call: firstCall ? 1 : 0, discovered_from: null, ended_at: null, ended_reason: null,
        version: 1, created_by: p.specialist.userId, created_at: now, updated_at: now,
      });
      const person = toSupportPerson(rows[rows.length - 1]!);
      versions.push({
        id: stableId("scale-support-version", n), support_person_id: id, version: 1, change: "create",
        snapshot: JSON.stringify(person), changed_by: p.specialist.userId, changed_at: now,
      });
      p.created.push({ entityType: "support_person", entityId: id, action: "support_person.create", details: { discoveredFrom: null, status: person.status } });
    }
  }
  await insertInChunks(trx, "support_persons", rows);
  await insertInChunks(trx, "support_person_versions", versions);
  summary.supportPersons += rows.length;
};

const consentGrants: ExtraStep = async ({ trx, per, now, summary }, batch) => {
  const rows: Insertable<ConsentGrantTable>[] = [];
  for (const p of batch) {
    for (let k = 0; k < Math.min(per.grants, p.supportIds.length); k++) {
      const startsOn = isoDay(p.random, 2025);
      const id = stableId("scale-grant", p.index * per.grants + k);
      const supportPersonId = p.supportIds[k]!;
      const categories = GRANT_CATEGORIES[k % GRANT_CATEGORIES.length]!;
      rows.push({
        id, participant_id: p.id, support_person_id: supportPersonId,
        categories: JSON.stringify(categories),
        purpose: "To help with the job search and the first months at work",
        may_attend_meetings: 1, may_receive_plan: k === 0 ? 1 : 0, may_be_contacted: 1,
        starts_on: startsOn, expires_on: `${Number(startsOn.slice(0, 4)) + 1}${startsOn.slice(4)}`, expiry_event: null,
        signed_method: "in_app", signature_name: `${p.firstName} ${p.lastName}`, signed_on: startsOn, participant_confirmed: 1,
        scan_document_id: null, recorded_by: p.specialist.userId, recorded_at: now,
      });
      p.created.push({ entityType: "consent_grant", entityId: id, action: "consent.grant", details: { supportPersonId, categories, signedMethod: "in_app" } });
    }
  }
  await insertInChunks(trx, "consent_grants", rows);
  summary.consentGrants += rows.length;
};

const AGENDA = ["Welcome", "What is going well", "Worries", "Ideas", "Who will do what", "Next steps"];

/** One support meeting held last year and one planned, with the supports whose grant lets them attend. */
const meetings: ExtraStep = async ({ trx, per, now, summary }, batch) => {
  const rows: Insertable<MeetingTable>[] = [];
  const invitees: Insertable<MeetingInviteeTable>[] = [];
  for (const p of batch) {
    for (let k = 0; k < per.meetings; k++) {
      const n = p.index * per.meetings + k;
      const id = stableId("scale-meeting", n);
      const held = k < per.meetings - 1;
      const scheduledAt = `${isoDay(p.random, held ? 2025 : 2027)}T${String(p.random.int(9, 16)).padStart(2, "0")}:00:00.000Z`;
      const kind = k === 0 ? "support" : p.random.pick(["support", "reconnection", "benefits"] as const);
      rows.push({
        id, participant_id: p.id, kind,
        title: held ? "First support meeting" : "Checking in after the first weeks", scheduled_at: scheduledAt, duration_minutes: 45,
        place: p.random.pick(["The agency's small meeting room", "Public library, study room 2", "Video call"]),
        checklist: JSON.stringify({ refreshments: "Coffee and water", seating: null }), agenda: JSON.stringify(AGENDA), separate_permission: null,
        status: held ? "held" : "planned", current_step: held ? AGENDA.length - 1 : 0, held_at: held ? scheduledAt : null,
        version: 1, created_by: p.specialist.userId, created_at: now, updated_at: now, discloses: JSON.stringify(["employment_goals"]),
      });
      // Supports with a grant (the first `grants` of them) may attend meetings.
      const invited = p.supportIds.slice(0, per.grants);
      for (const [j, supportId] of invited.entries()) {
        invitees.push({
          id: stableId("scale-invitee", n * per.supports + j), meeting_id: id, support_person_id: supportId,
          response: held ? "yes" : p.random.pick(["pending", "yes", "maybe"]), responded_at: held ? now : null, response_note: null, invited_at: now,
        });
      }
      p.created.push({ entityType: "meeting", entityId: id, action: "meeting.create", details: { kind, invitees: invited } });
    }
  }
  await insertInChunks(trx, "meetings", rows);
  await insertInChunks(trx, "meeting_invitees", invitees);
  summary.meetings += rows.length;
};

const PLAN_DESCRIPTIONS: Record<string, string> = {
  rides: "A ride to the early shift on Mondays and Thursdays",
  wake_up_calls: "A wake-up call at 6:30 on work days",
  reminders: "A text the evening before each interview",
  encouragement: "A call after the first week to hear how it went",
  clothes: "Help picking an interview outfit",
  budgeting: "Going over the first paycheck together",
};
const PLAN_KINDS = Object.keys(PLAN_DESCRIPTIONS) as (keyof typeof PLAN_DESCRIPTIONS & PlanItem["kind"])[];

/** A job support plan: most items from a support person, the rest from the specialist or the participant. */
const planItems: ExtraStep = async ({ trx, per, now, summary }, batch) => {
  const rows: Insertable<PlanItemTable>[] = [];
  const versions: PlanItemVersionTable[] = [];
  for (const p of batch) {
    for (let k = 0; k < per.planItems; k++) {
      const n = p.index * per.planItems + k;
      const id = stableId("scale-plan-item", n);
      const kind = PLAN_KINDS[k % PLAN_KINDS.length]!;
      const provider: Provider = k < 4 && p.supportIds.length > 0 ? "support_person" : p.random.pick(["specialist", "participant"]);
      const supportPersonId = provider === "support_person" ? p.supportIds[k % Math.min(per.grants, p.supportIds.length)]! : null;
      const status: PlanStatus = p.random.pick(["agreed", "active", "active", "proposed", "done"]);
      const item: PlanItem = {
        id, participantId: p.id, kind, description: PLAN_DESCRIPTIONS[kind]!, provider, supportPersonId, providerName: null,
        frequency: p.random.chance(0.5) ? "Every week" : null, startsOn: isoDay(p.random, 2025), endsOn: null, status,
        notes: null, sharedWithSupports: p.random.chance(0.7), discloses: [...USUAL_DISCLOSURE[kind]], sourceEntryId: null, version: 1, createdAt: now, updatedAt: now,
      };
      p.created.push({ entityType: "plan_item", entityId: id, action: "plan_item.create", details: { kind, provider, sourceEntryId: null } });
      rows.push({
        id, participant_id: p.id, kind, description: item.description, provider, support_person_id: supportPersonId,
        frequency: item.frequency, starts_on: item.startsOn, ends_on: null, status, notes: null,
        shared_with_supports: item.sharedWithSupports ? 1 : 0, source_entry_id: null, version: 1,
        created_by: p.specialist.userId, created_at: now, updated_at: now, discloses: JSON.stringify(item.discloses),
      });
      versions.push({
        id: stableId("scale-plan-item-version", n), plan_item_id: id, version: 1, changed_fields: JSON.stringify(["created"]),
        snapshot: JSON.stringify(item), changed_by: p.specialist.userId, changed_at: now,
      });
    }
  }
  await insertInChunks(trx, "plan_items", rows);
  await insertInChunks(trx, "plan_item_versions", versions);
  summary.planItems += rows.length;
};

/**
 * The audit trail a participant's year leaves: the creations above, then mostly
 * reads. Written through recordAuditRows, so the hash chain is the real one.
 */
const auditTrail: ExtraStep = async ({ trx, per, summary }, batch) => {
  const events: AuditEvent[] = [];
  const meta: RequestMeta = { ip: "127.0.0.1", requestId: null };
  for (const p of batch) {
    const trail: AuditEvent[] = p.created.map((creation) => ({ actor: p.specialist, participantId: p.id, reason: "update:participant:own", meta, ...creation }));
    const onRecord = (event: AuditEventBody) =>
      trail.push({ actor: p.specialist, entityType: "participant", entityId: p.id, participantId: p.id, reason: "update:participant:own", meta, ...event });
    while (trail.length < per.auditRows) {
      const roll = p.random.next();
      if (roll < 0.5) onRecord({ action: "participant.read" });
      else if (roll < 0.7) onRecord({ action: "network.read" });
      else if (roll < 0.8) onRecord({ action: "consent.read", details: { supportPersonId: null } });
      else if (roll < 0.9) onRecord({ action: "plan.read" });
      else if (roll < 0.95) onRecord({ action: "meeting.read" });
      else onRecord({ action: "participant.update", details: { fields: ["workGoal"], fromVersion: 1 } });
    }
    events.push(...trail.slice(0, per.auditRows));
  }
  await recordAuditRows(trx, events);
  summary.auditRows += events.length;
};

const EMPLOYERS = ["Corner Bakery", "City Parks", "Green Grocers", "Lakeside Hotel", "Metro Transit", "Riverside Library"];
const JOB_TITLES = ["Stock clerk", "Groundskeeper", "Cashier", "Housekeeper", "Bus washer", "Library aide"];

/**
 * About half the participants hold a job started in 2024 or 2025, most of them
 * competitive: the reports (issue 15) then count job starts and people working
 * over a year as a real program's would.
 */
const jobs: ExtraStep = async ({ trx, now, summary }, batch) => {
  const rows: Insertable<JobTable>[] = [];
  for (const p of batch) {
    if (!p.random.chance(0.5)) continue;
    const competitive = p.random.chance(0.8);
    const id = stableId("scale-job", p.index);
    rows.push({
      id, participant_id: p.id, employer: p.random.pick(EMPLOYERS), title: p.random.pick(JOB_TITLES),
      started_on: isoDay(p.random, p.random.chance(0.5) ? 2024 : 2025), ended_on: null,
      hours_hundredths: p.random.int(10, 30) * 100, hourly_wage_cents: p.random.int(1500, 2200),
      competitive: competitive ? 1 : 0, integrated: competitive ? 1 : 0, end_reason: null, end_note: null, follow_up_concern_id: null,
      version: 1, created_by: p.specialist.userId, created_at: now, updated_by: p.specialist.userId, updated_at: now,
    });
    p.created.push({ entityType: "job", entityId: id, action: "job.create", details: { competitive, integrated: competitive } });
  }
  await insertInChunks(trx, "jobs", rows);
  summary.jobs += rows.length;
};

const EXTRA_STEPS: ExtraStep[] = [supportPersons, consentGrants, meetings, planItems, jobs, auditTrail];

// SQLite allows 32766 bound values per statement; 20 columns x 500 rows stays well under.
async function insertInChunks<T extends keyof Database>(trx: Trx, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto(table).values(rows.slice(i, i + 500)).execute();
  }
}

/**
 * Adds the extras to every participant already in the database, in a stable
 * order and from a seeded generator, so two runs over the same seed give the
 * same people and grants. Run it once, right after the scale seed.
 */
export async function seedExtras(db: Db, options: ExtrasOptions): Promise<ExtrasSummary> {
  const per = options.perParticipant ?? EXTRAS_PER_PARTICIPANT;
  const batchSize = options.batchSize ?? 250;
  const summary: ExtrasSummary = { participants: 0, supportPersons: 0, consentGrants: 0, meetings: 0, planItems: 0, jobs: 0, auditRows: 0 };

  const specialists = new Map<string, StaffActor>();
  const staff = await db.selectFrom("users").select(["id", "email", "name", "role", "team_id", "locale"]).execute();
  const permissions = await db.selectFrom("role_permissions").select(["role", "permission"]).execute();
  for (const user of staff) {
    specialists.set(user.id, {
      kind: "staff", userId: user.id, email: user.email, name: user.name, role: user.role as StaffActor["role"], teamId: user.team_id,
      permissions: permissions.filter((p) => p.role === user.role).map((p) => p.permission), locale: localeFor(user.locale),
    });
  }

  let after = "";
  let index = 0;
  for (;;) {
    const page = await db.selectFrom("participants").select(["id", "first_name", "last_name", "specialist_id"])
      .where("id", ">", after).orderBy("id").limit(batchSize).execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const batch: SeededParticipant[] = page.map((row) => {
      const specialist = specialists.get(row.specialist_id);
      if (!specialist) throw new Error(`participant ${row.id} has no specialist`);
      const position = index++;
      return {
        index: position, id: row.id, firstName: row.first_name, lastName: row.last_name, specialist,
        random: seededRandom(0x5ca1e + position), supportIds: [], created: [],
      };
    });
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      for (const step of EXTRA_STEPS) await step({ trx, per, now, summary }, batch);
    });
    summary.participants += batch.length;
    options.onProgress?.(summary.participants);
  }
  return summary;
}

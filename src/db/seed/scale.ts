import type { Insertable } from "kysely";
import type { Db } from "../index.ts";
import type { Database, ParticipantTable, TeamTable, UserTable } from "../schema.ts";
import { recordAudit, type Trx } from "../../domain/audit/audit.server.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { hashPassword } from "../../domain/auth/password.ts";
import type { Role } from "../../domain/auth/permissions.ts";
import type { PastJob } from "../../domain/participants/model.ts";
import { searchName } from "../../domain/participants/search-name.ts";
import { seededRandom, stableId, type Random } from "./random.ts";
import { seedExtras, type ExtrasSummary } from "./scale-extras.ts";

/**
 * `allies seed --scale N`: a program the size of a large agency, for benchmarks.
 * Teams of 8 specialists and one supervisor, 20 participants per specialist, one
 * admin. Everything (ids, names, times) is derived from the participant's or staff
 * member's number, so two runs give the same rows, and participant k is the same
 * person whatever N is.
 *
 * Records that hang off each participant (supports, consent grants, meetings,
 * plan items, audit trail) are added by `seedExtras` in scale-extras.ts, one step
 * per area, over the participants this seed makes.
 */
export const BENCH_PASSWORD = "allies-bench";
export const SCALE_ADMIN_EMAIL = "admin@example.org";
export const PARTICIPANTS_PER_SPECIALIST = 20;
export const SPECIALISTS_PER_TEAM = 8;

export interface ScalePlan {
  participants: number;
  specialists: number;
  teams: number;
}

export function scalePlan(participants: number): ScalePlan {
  const specialists = Math.ceil(participants / PARTICIPANTS_PER_SPECIALIST);
  return { participants, specialists, teams: Math.ceil(specialists / SPECIALISTS_PER_TEAM) };
}

export interface ScaleSummary extends ScalePlan {
  users: number;
  extras: ExtrasSummary;
  adminEmail: string;
  supervisorEmails: string[];
  specialistEmails: string[];
}

export const supervisorEmail = (team: number) => `supervisor${team}@example.org`;
export const specialistEmail = (specialist: number) => `specialist${specialist}@example.org`;

// A fixed clock, so the rows are the same on every run; participant k joins 7 minutes after k-1.
const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);
const at = (minutes: number) => new Date(EPOCH + minutes * 60_000).toISOString();

const FIRST = [
  "Alex", "Jordan", "Maria", "DeShawn", "Keisha", "Luis", "Tanya", "Robert", "Aisha", "Kevin", "Rosa", "Marcus", "Linh", "Emily",
  "Jamal", "Carmen", "Tyler", "Nadia", "Andre", "Grace", "Omar", "Brianna", "Hector", "Mei", "Darnell", "Sofia", "Travis", "Fatima",
  "Cody", "Imani", "Wes", "Yolanda", "Ray", "Quinn", "Paula", "Nikhil", "Terrence", "Ingrid", "Dmitri", "Lupe",
];
const LAST = [
  "Johnson", "Garcia", "Nguyen", "Williams", "Brown", "Martinez", "Lee", "Davis", "Lopez", "Wilson", "Anderson", "Thomas", "Hernandez",
  "Moore", "Jackson", "Ramirez", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
  "Torres", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips", "Campbell",
  "Parker", "Evans", "Edwards", "Collins", "Stewart", "Sanchez", "Morris", "Rogers", "Reed", "Cook", "Morgan", "Bell", "Murphy",
  "Bailey", "Rivera", "Cooper", "Richardson", "Cox", "Howard", "Ward",
];
const GOALS = [
  "Work in a warehouse, day shift, about 20 hours a week", "Cook in a restaurant kitchen", "Help customers at a pet store",
  "Drive for a delivery company", "Work outdoors in landscaping", "Office work: filing, data entry, answering phones",
  "Care for older adults as a home aide", "Stock shelves at a grocery store, early mornings", "Fix bikes at a repair shop",
  "Work in a library or a bookstore",
];
const STRENGTHS = ["Reliable and on time", "Good with people", "Likes physical work", "Careful and detail-minded", "Learns fast by doing", "Calm under pressure"];
const INTERESTS = ["Cooking", "Animals", "Music", "Cars", "Gardening", "Video games", "Basketball", "Drawing", "Fixing things"];
const PREFERENCES = ["Part-time to start", "Near a bus line", "No night shifts", "Quiet place to work", "Working with a team", "Outside if possible"];
const EDUCATION = ["High school diploma", "GED", "Some high school", "Some community college", "Certificate in food handling"];
const JOBS: PastJob[] = [
  { title: "Dishwasher", employer: "Main Street Diner", years: "2019-2020", notes: null },
  { title: "Cashier", employer: "Quick Mart", years: "2021", notes: null },
  { title: "Janitor", employer: "City Schools", years: "2016-2018", notes: "Mornings were hard" },
  { title: "Warehouse picker", employer: "North Logistics", years: "2022", notes: null },
];

function staffRows(plan: ScalePlan, passwordHash: string): { teams: TeamTable[]; users: Insertable<UserTable>[] } {
  const created = at(0);
  const user = (n: number, email: string, name: string, role: Role, teamId: string | null): Insertable<UserTable> => ({
    id: stableId("scale-user", n), email, name, role, team_id: teamId, password_hash: passwordHash,
    active: 1, version: 1, created_at: created, updated_at: created,
  });
  const teams: TeamTable[] = [];
  const users: Insertable<UserTable>[] = [user(0, SCALE_ADMIN_EMAIL, "Avery Admin", "admin", null)];
  for (let t = 1; t <= plan.teams; t++) {
    const team = { id: stableId("scale-team", t), name: `Team ${t}`, created_at: created };
    teams.push(team);
    users.push(user(plan.specialists + t, supervisorEmail(t), `Supervisor ${t}`, "supervisor", team.id));
  }
  for (let s = 1; s <= plan.specialists; s++) {
    const random = seededRandom(0x57aff + s);
    const teamId = teams[Math.floor((s - 1) / SPECIALISTS_PER_TEAM)]!.id;
    users.push(user(s, specialistEmail(s), `${random.pick(FIRST)} ${random.pick(LAST)}`, "specialist", teamId));
  }
  return { teams, users };
}

/** Participant k (from 0), on specialist k / 20. */
function participantRow(k: number): ParticipantTable {
  const random: Random = seededRandom(0x9a27 + k);
  const firstName = random.pick(FIRST);
  const lastName = random.pick(LAST);
  const preferredName = random.chance(0.1) ? random.pick(["Sunny", "Red", "Mo", "Dee", "T"]) : null;
  const hasProfile = random.chance(0.8);
  const archived = random.chance(0.05);
  const created = at(k * 7);
  const flag = (p: number) => (random.chance(p) ? 1 : 0);
  return {
    id: stableId("scale-participant", k),
    external_id: null,
    specialist_id: stableId("scale-user", Math.floor(k / PARTICIPANTS_PER_SPECIALIST) + 1),
    first_name: firstName,
    last_name: lastName,
    preferred_name: preferredName,
    search_name: searchName({ firstName, lastName, preferredName }),
    phone: `555-${String(random.int(0, 9999)).padStart(4, "0")}`,
    email: random.chance(0.3) ? `${firstName}.${lastName}.${k}@example.net`.toLowerCase() : null,
    preferred_language: random.chance(0.2) ? "es" : "en",
    message_channel: null, remind_meetings: 1, remind_commitments: 1, remind_ssi_report: 0,
    status: archived ? "archived" : "active",
    work_goal: hasProfile ? random.pick(GOALS) : null,
    school_goal: null,
    job_preferences: hasProfile ? `${random.pick(PREFERENCES)}. ${random.pick(PREFERENCES)}.` : null,
    strengths: hasProfile ? `${random.pick(STRENGTHS)}. ${random.pick(STRENGTHS)}.` : null,
    interests: hasProfile ? `${random.pick(INTERESTS)}, ${random.pick(INTERESTS)}` : null,
    past_jobs: JSON.stringify(hasProfile ? JOBS.filter(() => random.chance(0.3)) : []),
    education: hasProfile ? random.pick(EDUCATION) : null,
    flag_young_adult: flag(0.2),
    flag_justice_involvement: flag(0.15),
    flag_homelessness_history: flag(0.15),
    flag_substance_use_history: flag(0.2),
    flag_lost_touch_with_family: flag(0.15),
    flag_foster_care: flag(0.05),
    version: 1,
    created_at: created,
    updated_at: created,
    archived_at: archived ? at(k * 7 + 30 * 24 * 60) : null,
  };
}

// SQLite binds at most 32766 values per statement; 500 rows of 26 columns stay well under.
const CHUNK = 500;

async function insertInChunks<T extends keyof Database>(trx: Trx, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto(table).values(rows.slice(i, i + CHUNK)).execute();
}

/**
 * Loads the scale world into an empty database: the people in one transaction,
 * with one `data.seed` audit row, then the extras in transactions of a few
 * hundred participants. The password is hashed once for everyone: argon2id per
 * user would take minutes at N = 20,000.
 */
export async function seedScale(db: Db, participants: number, actorLabel = "system (cli)", onProgress?: (done: number) => void): Promise<ScaleSummary> {
  const plan = scalePlan(participants);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const { teams, users } = staffRows(plan, passwordHash);
  await db.transaction().execute(async (trx) => {
    await insertInChunks(trx, "teams", teams);
    await insertInChunks(trx, "users", users);
    for (let k = 0; k < plan.participants; k += CHUNK) {
      const rows: ParticipantTable[] = [];
      for (let j = k; j < Math.min(k + CHUNK, plan.participants); j++) rows.push(participantRow(j));
      await trx.insertInto("participants").values(rows).execute();
    }
    await recordAudit(trx, {
      actor: { userId: null, label: actorLabel }, action: "data.seed", entityType: "database",
      reason: "benchmark data for a new database", details: { scale: plan.participants, teams: plan.teams, users: users.length }, meta: systemMeta,
    });
  });
  const extras = await seedExtras(db, { onProgress });
  return {
    ...plan,
    users: users.length,
    extras,
    adminEmail: SCALE_ADMIN_EMAIL,
    supervisorEmails: teams.map((_, i) => supervisorEmail(i + 1)),
    specialistEmails: users.filter((u) => u.role === "specialist").map((u) => u.email),
  };
}

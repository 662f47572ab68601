import { addDemoTeamPractice } from "./demo-team-practice.ts";
import { addDemoContactNotes } from "./demo-contacts.ts";
import { addDemoFamilies } from "./demo-families.ts";
import type { Db } from "../index.ts";
import { recordAudit } from "../../domain/audit/audit.server.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { hashPassword } from "../../domain/auth/password.ts";
import { SITUATION_FLAGS, type PastJob, type SituationFlag } from "../../domain/participants/model.ts";
import { DEMO_TOTP_SECRET } from "./authenticator.ts";
import { buildParticipant, buildTeam, buildUser } from "./factories.ts";
import { addDemoStories, type DemoStories } from "./demo-stories.ts";
import { seededRandom, stableId, type Random } from "./random.ts";

export const DEMO_PASSWORD = "allies-demo";

/** The demo sign-ins printed at start and listed in the README. */
export const DEMO_LOGINS = [
  { email: "admin@example.org", role: "admin", note: "all teams, users, audit log" },
  { email: "supervisor@example.org", role: "supervisor", note: "team 1 (Riverside)" },
  { email: "specialist@example.org", role: "specialist", note: "team 1 (Riverside)" },
  { email: "specialist2@example.org", role: "specialist", note: "team 2 (Hillcrest)" },
] as const;

const FIRST = ["Alex", "Jordan", "Maria", "DeShawn", "Keisha", "Luis", "Tanya", "Robert", "Aisha", "Kevin", "Rosa", "Marcus", "Linh", "Emily", "Jamal", "Carmen", "Tyler", "Nadia", "Andre", "Grace", "Omar", "Brianna", "Hector", "Mei", "Darnell", "Sofia", "Travis", "Fatima", "Cody", "Imani"];
const LAST = ["Johnson", "Garcia", "Nguyen", "Williams", "Brown", "Martinez", "Lee", "Davis", "Lopez", "Wilson", "Anderson", "Thomas", "Hernandez", "Moore", "Jackson", "Ramirez", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill", "Green"];
const GOALS = [
  "Work in a warehouse, day shift, about 20 hours a week",
  "Cook in a restaurant kitchen",
  "Help customers at a pet store",
  "Drive for a delivery company once my license is back",
  "Work outdoors in landscaping",
  "Office work: filing, data entry, answering phones",
  "Care for older adults as a home aide",
  "Stock shelves at a grocery store, early mornings",
  "Fix bikes at a repair shop",
  "Work in a library or a bookstore",
];
const STRENGTHS = ["Reliable and on time", "Good with people", "Strong and likes physical work", "Careful and detail-minded", "Learns fast by doing", "Calm under pressure", "Friendly and funny", "Good with tools"];
const INTERESTS = ["Cooking", "Animals", "Music", "Cars", "Gardening", "Video games", "Basketball", "Drawing", "Church choir", "Fixing things"];
const PREFERENCES = ["Part-time to start", "Near a bus line", "No night shifts", "Quiet place to work", "Working with a team", "Outside if possible"];
const JOBS: PastJob[] = [
  { title: "Dishwasher", employer: "Main Street Diner", years: "2019-2020", notes: "Liked the team; left after a hospital stay" },
  { title: "Cashier", employer: "Quick Mart", years: "2021", notes: null },
  { title: "Janitor", employer: "City Schools", years: "2016-2018", notes: "Steady work; mornings were hard" },
  { title: "Warehouse picker", employer: "North Logistics", years: "2022", notes: null },
  { title: "Lawn care helper", employer: "Green Yards", years: "Summers 2018-2019", notes: "Enjoyed being outside" },
];
// "Work or school": some people also want a class or training. Picked by number, not by the
// seeded random draws, so every other demo value stays as it was.
const SCHOOL_GOALS = ["Finish my GED", "A forklift certificate", "A cooking class at the community college", "Learn to use a computer for work"];
const EDUCATION = ["High school diploma", "GED", "Some high school", "Some community college", "Certificate in food handling"];

function demoParticipant(random: Random, n: number) {
  const flags = SITUATION_FLAGS.filter(() => random.chance(0.25)) as SituationFlag[];
  const hasProfile = random.chance(0.8);
  return {
    id: stableId("participant", n),
    firstName: random.pick(FIRST),
    lastName: random.pick(LAST),
    preferredName: random.chance(0.15) ? random.pick(["Sunny", "Red", "Mo", "Dee", "T"]) : null,
    phone: `555-01${String(random.int(0, 99)).padStart(2, "0")}`,
    email: null,
    preferredLanguage: random.chance(0.2) ? ("es" as const) : ("en" as const),
    workGoal: hasProfile ? random.pick(GOALS) : null,
    schoolGoal: hasProfile && n % 5 === 0 ? SCHOOL_GOALS[(n / 5) % SCHOOL_GOALS.length]! : null,
    jobPreferences: hasProfile ? `${random.pick(PREFERENCES)}. ${random.pick(PREFERENCES)}.` : null,
    strengths: hasProfile ? `${random.pick(STRENGTHS)}. ${random.pick(STRENGTHS)}.` : null,
    interests: hasProfile ? `${random.pick(INTERESTS)}, ${random.pick(INTERESTS)}` : null,
    education: hasProfile ? random.pick(EDUCATION) : null,
    pastJobs: hasProfile ? JOBS.filter(() => random.chance(0.3)) : [],
    situationFlags: flags,
    status: random.chance(0.05) ? ("archived" as const) : ("active" as const),
  };
}

/**
 * The demo world: an admin, two teams each with a supervisor and three
 * specialists, about twenty participants per specialist. Same data every time.
 */
export async function loadDemoData(db: Db): Promise<DemoStories> {
  const random = seededRandom(2026);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const teams = [
      await buildTeam(trx, { id: stableId("team", 1), name: "Riverside" }),
      await buildTeam(trx, { id: stableId("team", 2), name: "Hillcrest" }),
    ];
    await buildUser(trx, {
      id: stableId("user", 1), email: "admin@example.org", name: "Avery Admin", role: "admin", passwordHash,
      twoFactor: { secret: DEMO_TOTP_SECRET, password: DEMO_PASSWORD },
    });
    const staff = [
      { team: 0, email: "supervisor@example.org", name: "Sandra Okafor", role: "supervisor" as const },
      { team: 0, email: "specialist@example.org", name: "Sam Patel", role: "specialist" as const },
      { team: 0, email: "specialist3@example.org", name: "Dana Whitfield", role: "specialist" as const },
      { team: 0, email: "specialist4@example.org", name: "Miguel Santos", role: "specialist" as const },
      { team: 1, email: "supervisor2@example.org", name: "Harold Chen", role: "supervisor" as const },
      { team: 1, email: "specialist2@example.org", name: "Rita Morales", role: "specialist" as const },
      { team: 1, email: "specialist5@example.org", name: "Priya Shah", role: "specialist" as const },
      { team: 1, email: "specialist6@example.org", name: "Ben Carter", role: "specialist" as const },
    ];
    let n = 0;
    for (const [i, member] of staff.entries()) {
      const user = await buildUser(trx, { id: stableId("user", i + 2), email: member.email, name: member.name, role: member.role, teamId: teams[member.team]!.id, passwordHash });
      if (member.role !== "specialist") continue;
      const count = random.int(18, 22);
      for (let k = 0; k < count; k++) await buildParticipant(trx, user.id, demoParticipant(random, ++n));
    }
    // A specialist who left (issue 14): deactivated with a few participants still on their caseload,
    // ready for the administrator or Riverside's supervisor to move (/admin/users/:id/caseload).
    const left = await buildUser(trx, {
      id: stableId("user", staff.length + 2), email: "specialist7@example.org", name: "Jordan Reyes", role: "specialist", teamId: teams[0]!.id, passwordHash, active: false,
    });
    for (let k = 0; k < 3; k++) await buildParticipant(trx, left.id, demoParticipant(random, ++n));
    await recordAudit(trx, {
      actor: { userId: null, label: "system" }, action: "data.seed", entityType: "database",
      reason: "demo data for a new embedded database", details: { participants: n }, meta: systemMeta,
    });
  });
  const stories = await addDemoStories(db);
  await addDemoTeamPractice(db);
  await addDemoContactNotes(db);
  await addDemoFamilies(db);
  return stories;
}

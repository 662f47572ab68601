import type { Db } from "../../src/db/index.ts";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/authenticator.ts";
import { buildParticipant, buildTeam, buildUser } from "../../src/db/seed/factories.ts";
import type { StaffActor } from "../../src/domain/auth/actor.ts";
import { hashPassword } from "../../src/domain/auth/password.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";

export const TEST_PASSWORD = "correct horse battery";

/**
 * A small program: two teams, each with a supervisor and two specialists with
 * participants; and an admin. Everyone's password is TEST_PASSWORD; the admin has
 * two-factor on with DEMO_TOTP_SECRET (the sign-in helpers type its code).
 */
export async function buildWorld(db: Db) {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const team1 = await buildTeam(db, { name: "Team One" });
  const team2 = await buildTeam(db, { name: "Team Two" });
  const admin = await buildUser(db, { role: "admin", email: "admin@test.org", name: "Ada Admin", passwordHash, twoFactor: { secret: DEMO_TOTP_SECRET, password: TEST_PASSWORD } });
  const supervisor1 = await buildUser(db, { role: "supervisor", teamId: team1.id, email: "sup1@test.org", name: "Sue One", passwordHash });
  const supervisor2 = await buildUser(db, { role: "supervisor", teamId: team2.id, email: "sup2@test.org", name: "Sue Two", passwordHash });
  const specialist1 = await buildUser(db, { role: "specialist", teamId: team1.id, email: "spec1@test.org", name: "Spec One", passwordHash });
  const specialist1b = await buildUser(db, { role: "specialist", teamId: team1.id, email: "spec1b@test.org", name: "Spec OneB", passwordHash });
  const specialist2 = await buildUser(db, { role: "specialist", teamId: team2.id, email: "spec2@test.org", name: "Spec Two", passwordHash });
  const participant1 = await buildParticipant(db, specialist1.id, { firstName: "Pat", lastName: "Quinn", workGoal: "Baker" });
  const participant1b = await buildParticipant(db, specialist1b.id, { firstName: "Lee", lastName: "Morgan" });
  const participant2 = await buildParticipant(db, specialist2.id, { firstName: "Kim", lastName: "Ortiz" });
  const actor = async (id: string): Promise<StaffActor> => {
    const found = await loadActor(db, id);
    if (!found) throw new Error("test actor missing");
    return found;
  };
  return {
    teams: { team1, team2 },
    users: { admin, supervisor1, supervisor2, specialist1, specialist1b, specialist2 },
    participants: { participant1, participant1b, participant2 },
    actors: {
      admin: await actor(admin.id),
      supervisor1: await actor(supervisor1.id),
      supervisor2: await actor(supervisor2.id),
      specialist1: await actor(specialist1.id),
      specialist1b: await actor(specialist1b.id),
      specialist2: await actor(specialist2.id),
    },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

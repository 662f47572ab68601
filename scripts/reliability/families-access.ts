import { randomUUID } from "node:crypto";
import { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import { ROLES, buildSubject, type ReliabilityWorld, type RoleKey } from "./world.ts";

const AREA = "access";

/**
 * Introducing two families (decision 0044) names two support persons, not one
 * participant in the address: two subjects of the specialist's caseload with all
 * four agreements recorded. Those who may change both records introduce them
 * (201, the same introduction each time); everyone else gets "not found", the
 * same as for support persons nobody has; signed out, 401.
 */
export async function checkFamilyIntroductionOperation(results: Results, database: string, world: ReliabilityWorld, callers: Record<RoleKey, Caller>): Promise<void> {
  const problems: string[] = [];
  const owner = callers.specialistOwn;
  const first = await buildSubject(owner, "FamiliesFirst");
  const second = await buildSubject(owner, "FamiliesSecond");
  for (const subject of [first, second]) {
    for (const who of ["participant", subject.records.personId]) {
      const answer = await owner.api("POST", `/participants/${subject.records.id}/family-agreements`, { subject: who, answer: "yes", sharePhone: true, shareEmail: false });
      if (answer.status !== 200) problems.push(`recording an agreement answered ${answer.status}`);
    }
  }
  const body = { firstSupportPersonId: first.records.personId, secondSupportPersonId: second.records.personId };
  for (const role of ROLES) {
    const answer = await callers[role.key].api("POST", "/family-introductions", body);
    const expected = role.allowed ? 201 : 404;
    if (answer.status !== expected) problems.push(`${role.label}: answered ${answer.status}, not ${expected}`);
    const nobody = await callers[role.key].api("POST", "/family-introductions", { firstSupportPersonId: randomUUID(), secondSupportPersonId: randomUUID() });
    if (nobody.status !== 404) problems.push(`${role.label}: support persons nobody has answered ${nobody.status}`);
  }
  const introductions = await world.database.db.selectFrom("family_introductions").select("id")
    .where("first_support_person_id", "in", [first.records.personId, second.records.personId]).execute();
  if (introductions.length !== 1) problems.push(`${introductions.length} introductions stored, not 1`);
  const anonymous = await new Caller(callers.admin.baseUrl, "nobody").api("POST", "/family-introductions", body);
  if (anonymous.status !== 401) problems.push(`signed out: answered ${anonymous.status}`);
  results.record(AREA, database, "API POST /family-introductions", problems.length === 0,
    problems.slice(0, 3).join("; ") || "those who may change both records introduce; everyone else gets not-found; signed out 401");
}

import type { Db } from "../../db/index.ts";
import { readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { planActions } from "../plans/policy.ts";
import type { CommitmentReport } from "./model.ts";

/** What support persons said on their own page about their commitments, for the plan page: by plan item. */
export async function listSupportReports(db: Db, access: AuthorizedParticipant): Promise<Record<string, { report: CommitmentReport; at: string; name: string }>> {
  if (!readAllowed(access, planActions(access).read)) return {};
  const rows = await db.selectFrom("plan_items as i").innerJoin("support_persons as s", "s.id", "i.support_person_id")
    .select(["i.id", "i.support_report", "i.support_report_at", "s.name"])
    .where("i.participant_id", "=", access.participant.id).where("i.support_report", "is not", null).execute();
  return Object.fromEntries(rows.filter((r) => r.support_report && r.support_report_at)
    .map((r) => [r.id, { report: r.support_report as CommitmentReport, at: r.support_report_at!, name: r.name }]));
}

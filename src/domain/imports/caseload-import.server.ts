import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta, StaffActor } from "../auth/actor.ts";
import { insertSupportPerson, reviseSupportPerson, toSupportPerson } from "../network/network.server.ts";
import { insertParticipant, selectParticipant, toColumns, toParticipant } from "../participants/participants.server.ts";
import type { SupportPerson } from "../network/model.ts";
import type { Participant } from "../participants/model.ts";
import { planCaseloadImport, readCaseloadCsv, summarize, type ImportError, type ImportLookups, type ImportPlan } from "./caseload-csv.ts";
import { mayImportCaseload } from "./policy.ts";

export type ImportOutcome =
  | { ok: false; reason: "not_allowed" }
  | { ok: false; reason: "invalid"; errors: ImportError[]; lineCount: number }
  | { ok: true; dryRun: boolean; plan: ImportPlan; summary: ReturnType<typeof summarize> };

/** Thrown inside the import's transaction to undo every line when one participant changed under it. */
class ChangedMeanwhile extends Error {}

/**
 * Checks a caseload file and, unless it is a dry run, writes it: every line or
 * none, in one transaction. The same file imported twice changes nothing the
 * second time. Audited as `caseload.import`, and each participant and support
 * person written has its own create or update row.
 */
export async function importCaseload(db: Db, actor: StaffActor, csv: string, options: { dryRun: boolean }, meta: RequestMeta): Promise<ImportOutcome> {
  if (!mayImportCaseload(actor)) return { ok: false, reason: "not_allowed" };
  const read = readCaseloadCsv(csv);
  if (!read.ok) return { ok: false, reason: "invalid", errors: read.errors, lineCount: 0 };
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = planCaseloadImport(read.columns, read.lines, await lookupsFor(trx, read.lines.map((l) => (l.cells.external_id ?? "").trim())));
      if (plan.errors.length > 0) return { ok: false as const, reason: "invalid" as const, errors: plan.errors, lineCount: plan.lineCount };
      const summary = summarize(plan);
      if (!options.dryRun) await apply(trx, actor, plan, meta);
      await recordAudit(trx, {
        actor, action: "caseload.import", entityType: "participant", reason: "import:participant:any",
        details: { dryRun: options.dryRun, lines: plan.lineCount, ...summary }, meta,
      });
      return { ok: true as const, dryRun: options.dryRun, plan, summary };
    });
  } catch (error) {
    if (error instanceof ChangedMeanwhile) {
      return { ok: false, reason: "invalid", errors: [{ line: 0, column: null, message: "import.changedMeanwhile" }], lineCount: read.lines.length };
    }
    throw error;
  }
}

async function lookupsFor(trx: Trx, externalIds: string[]): Promise<ImportLookups> {
  const specialists = await trx.selectFrom("users").select(["id", "email"]).where("role", "=", "specialist").where("active", "=", 1).execute();
  const ids = [...new Set(externalIds.filter((id) => id !== ""))];
  const existing = new Map<string, { participant: Participant; supportPersons: SupportPerson[] }>();
  // In slices, so a file of thousands of lines stays within every database's limit on parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await selectParticipant(trx).select("p.external_id").where("p.external_id", "in", slice).execute();
    if (rows.length === 0) continue;
    const people = await trx.selectFrom("support_persons").selectAll().where("participant_id", "in", rows.map((r) => r.id)).where("ended_at", "is", null).execute();
    for (const row of rows) {
      existing.set(row.external_id!, { participant: toParticipant(row), supportPersons: people.filter((p) => p.participant_id === row.id).map(toSupportPerson) });
    }
  }
  return { specialists: new Map(specialists.map((s) => [s.email.toLowerCase(), s.id])), existing };
}

async function apply(trx: Trx, actor: StaffActor, plan: ImportPlan, meta: RequestMeta): Promise<void> {
  const reason = "import:participant:any";
  for (const item of plan.participants) {
    let participantId = item.participantId;
    if (item.action === "create") {
      participantId = (await insertParticipant(trx, actor, item.input, item.specialistId, meta, { externalId: item.externalId, reason })).id;
    } else if (item.fields.length > 0) {
      const current = await selectParticipant(trx).where("p.id", "=", participantId!).executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const updated = await trx.updateTable("participants")
        .set({ ...toColumns(item.input), specialist_id: item.specialistId, version: current.version + 1, updated_at: now })
        .where("id", "=", participantId!).where("version", "=", current.version).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new ChangedMeanwhile();
      await recordAudit(trx, {
        actor, action: "participant.update", entityType: "participant", entityId: participantId!, participantId: participantId!,
        reason, details: { fields: item.fields, fromVersion: Number(current.version) }, meta,
      });
    }
    for (const change of item.supportChanges) {
      if (change.kind === "add") await insertSupportPerson(trx, actor, participantId!, change.input, reason, meta);
      else if (!(await reviseSupportPerson(trx, actor, change.person, change.input, change.fields, reason, meta))) throw new ChangedMeanwhile();
    }
  }
}

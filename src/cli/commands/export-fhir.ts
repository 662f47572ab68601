import { writeFileSync } from "node:fs";
import { loadConfig } from "../../config.ts";
import { migrateToLatest, openDatabase } from "../../db/index.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { loadActorByEmail } from "../../domain/auth/sessions.server.ts";
import { exportParticipantFhir } from "../../domain/fhir/export.server.ts";
import { fhirExportRequestSchema } from "../../domain/fhir/model.ts";

const FHIR_USAGE = `Usage: allies export fhir --participant ID --as EMAIL [--out FILE] [--part2-consent-signed-on YYYY-MM-DD]

fhir   writes the participant's record as a FHIR R4 Bundle (JSON) for the program's
       own health record, to FILE or standard output. --as names the staff member
       who exports it: the same rules as the page apply to them, and the audit log
       records the export as a disclosure. Substance use information is left out
       unless --part2-consent-signed-on gives the day the participant signed a
       consent naming the health record.`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export async function exportFhir(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const participantId = option(rest, "--participant");
  const asEmail = option(rest, "--as");
  const out = option(rest, "--out");
  const request = fhirExportRequestSchema.safeParse({ part2ConsentSignedOn: option(rest, "--part2-consent-signed-on") ?? "" });
  if (kind !== "fhir" || !participantId || !asEmail || participantId.startsWith("--") || asEmail.startsWith("--") || out?.startsWith("--") || !request.success) {
    console.error(FHIR_USAGE);
    return 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const actor = await loadActorByEmail(db, asEmail);
    if (!actor) {
      console.error(`There is no active account with the email ${asEmail}.`);
      return 2;
    }
    const meta = { ...systemMeta, requestId: "cli" };
    const access = await authorizeParticipant(db, actor, participantId, "update", meta);
    const exported = access ? await exportParticipantFhir(db, access, request.data, meta) : null;
    if (!exported) {
      // The same answer for a participant who does not exist and one out of reach; the audit log tells them apart.
      console.error(`No participant ${participantId} that ${asEmail} may export.`);
      return 1;
    }
    const json = `${JSON.stringify(exported.bundle, null, 2)}\n`;
    if (out) writeFileSync(out, json, { mode: 0o600 });
    else process.stdout.write(json);
    const { part2, unreviewed } = exported.leftOut;
    console.error(`Exported ${exported.bundle.entry.length} resources${out ? ` to ${out}` : ""}; left out ${part2} substance use item(s) with no consent naming the health record and ${unreviewed} plan item(s) not yet reviewed.`);
    return 0;
  } finally {
    await database.close();
  }
}

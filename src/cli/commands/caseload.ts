import { loadConfig } from "../../config.ts";
import { migrateToLatest, openDatabase, type Db } from "../../db/index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { loadActor } from "../../domain/auth/sessions.server.ts";
import { caseloadMoveSchema } from "../../domain/caseload/model.ts";
import { moveCaseload } from "../../domain/caseload/move.server.ts";

const USAGE = `Usage: allies caseload move FROM_EMAIL TO_EMAIL --as EMAIL [--participant ID]...

move   moves the participants of the specialist FROM_EMAIL to the active specialist
       TO_EMAIL in one step: all of them, or only each --participant ID given.
       --as names the administrator or supervisor who decides it: the same rules as
       the page apply to them, and the audit log names them.`;

async function userIdOf(db: Db, email: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}

export async function caseload(args: string[]): Promise<number> {
  const [action, fromEmail, toEmail, ...rest] = args;
  const asAt = rest.indexOf("--as");
  const asEmail = asAt >= 0 ? rest[asAt + 1] : undefined;
  const participantIds = rest.flatMap((value, i) => (rest[i - 1] === "--participant" ? [value] : []));
  if (action !== "move" || !fromEmail || !toEmail || !asEmail || fromEmail.startsWith("--") || toEmail.startsWith("--")) {
    console.error(USAGE);
    return 2;
  }
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const [fromId, toId, actorId] = [await userIdOf(db, fromEmail), await userIdOf(db, toEmail), await userIdOf(db, asEmail)];
    const actor = actorId ? await loadActor(db, actorId) : null;
    if (!actor) {
      console.error(`There is no active account with the email ${asEmail}.`);
      return 2;
    }
    if (!fromId || !toId) {
      console.error(`There is no account with the email ${!fromId ? fromEmail : toEmail}.`);
      return 2;
    }
    const move = caseloadMoveSchema.parse({ toSpecialistId: toId, which: participantIds.length ? "chosen" : "all", participantIds });
    const result = await moveCaseload(db, actor, fromId, move, { ...systemMeta, requestId: "cli" });
    if (result.ok) {
      console.log(`Moved ${result.moved.length} participant(s) from ${fromEmail} to ${toEmail}; ${result.messagesReaddressed} waiting message(s) now go to ${toEmail}.`);
      return 0;
    }
    const why = {
      not_found: `${asEmail} may not move the participants of ${fromEmail}.`,
      invalid_target: `${toEmail} cannot take them: it must be another active specialist within ${asEmail}'s reach.`,
      nothing_to_move: `Nothing was moved: ${fromEmail} has no participants, or a --participant given is not on their caseload.`,
    }[result.reason];
    console.error(why);
    return 1;
  } finally {
    await database.close();
  }
}

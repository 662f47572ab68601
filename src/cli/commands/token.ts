import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { createApiToken } from "../../domain/auth/api-tokens.server.ts";
import { loadActor } from "../../domain/auth/sessions.server.ts";

const USAGE = `Usage: allies token create --user EMAIL --name NAME

Makes a personal API token for an active staff account, as its profile page does,
and prints it once, on the last line. Send it as "Authorization: Bearer <token>".`;

const inputSchema = z.object({
  user: z.string().trim().toLowerCase().email({ error: "--user needs the email address of a staff account" }),
  name: z.string().trim().min(1, { error: "--name needs a name for the token, e.g. where it is used" }).max(100, { error: "--name is too long (at most 100 characters)" }),
});

export async function token(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "create") {
    console.error(USAGE);
    return subcommand === "--help" || subcommand === "help" ? 0 : 2;
  }
  let values: { user?: string; name?: string };
  try {
    values = parseArgs({ args: rest, options: { user: { type: "string" }, name: { type: "string" } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const input = inputSchema.safeParse({ user: values.user ?? "", name: values.name ?? "" });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(issue.message);
    return 2;
  }

  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    const user = await database.db.selectFrom("users").select("id")
      .where("email", "=", input.data.user).where("active", "=", 1).executeTakeFirst();
    const actor = user ? await loadActor(database.db, user.id) : null;
    if (!actor) {
      console.error(`There is no active staff account with the email ${input.data.user}.`);
      return 2;
    }
    const created = await createApiToken(database.db, actor, input.data.name, systemMeta);
    console.log(`API token "${input.data.name}" for ${actor.email}. It is shown only now; keep it somewhere safe:`);
    console.log(created.token);
    return 0;
  } finally {
    await database.close();
  }
}

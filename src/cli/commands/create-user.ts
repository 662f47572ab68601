import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { translate } from "../../i18n/index.ts";
import { loadConfig } from "../../config.ts";
import { migrateToLatest, openDatabase, type Db } from "../../db/index.ts";
import { createUserDirect } from "../../domain/users/users.server.ts";
import { createUserSchema } from "../../domain/users/model.ts";
import { readStdin } from "../stdin.ts";

const USAGE = `Usage: allies create-user --email E --name N --role specialist|supervisor|admin [--team "Team name"] [--password-stdin]

Makes a staff account directly, e.g. the first admin. Specialists and supervisors
need a team; a team that does not exist yet is created. With --password-stdin the
password is read from standard input; otherwise a random one is printed once.`;

const OPTION_OF_FIELD: Record<string, string> = { email: "--email", name: "--name", role: "--role", teamId: "--team", password: "password" };


/** The team by id or name, created when there is none, as `allies create-user` promises. */
async function ensureTeam(db: Db, team: string): Promise<{ created: string | null }> {
  const found = await db.selectFrom("teams").select("id").where((eb) => eb.or([eb("id", "=", team), eb("name", "=", team)])).executeTakeFirst();
  if (found) return { created: null };
  const id = randomUUID();
  await db.insertInto("teams").values({ id, name: team, created_at: new Date().toISOString() }).execute();
  return { created: id };
}

export async function createUser(args: string[]): Promise<number> {
  let values: { email?: string; name?: string; role?: string; team?: string; "password-stdin"?: boolean };
  try {
    values = parseArgs({
      args,
      options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, team: { type: "string" }, "password-stdin": { type: "boolean" } },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let password: string;
  let generated = false;
  if (values["password-stdin"]) {
    if (process.stdin.isTTY) console.error("Type the password and end with Ctrl-D:");
    // One trailing newline is how `echo` and most password managers end it, not part of the password.
    password = (await readStdin()).replace(/\r?\n$/, "");
  } else {
    password = randomBytes(18).toString("base64url");
    generated = true;
  }

  const input = { email: values.email ?? "", name: values.name ?? "", role: values.role ?? "", teamId: values.team ?? null, password };
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      console.error(`${OPTION_OF_FIELD[String(issue.path[0])] ?? String(issue.path[0])}: ${translate("en", issue.message)}`);
    }
    console.error(`\n${USAGE}`);
    return 2;
  }
  const valid = parsed.data;

  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(database.db);
    const team = valid.teamId ? await ensureTeam(database.db, valid.teamId) : { created: null };
    const result = await createUserDirect(database.db, input);
    if (!result.ok) {
      if (team.created) await database.db.deleteFrom("teams").where("id", "=", team.created).execute();
      if (result.reason === "invalid") {
        for (const problem of result.problems) console.error(`${OPTION_OF_FIELD[problem.field] ?? problem.field}: ${translate("en", problem.message)}`);
      } else if (result.reason === "email_taken") {
        console.error(`There is already an account with the email ${valid.email}.`);
      } else {
        console.error(`--team: ${translate("en", "admin.team.invalid")}`);
      }
      return 2;
    }
    const { user } = result;
    if (team.created) console.log(`Created team "${user.teamName}".`);
    console.log(`Created ${user.role} ${user.email} (${user.name})${user.teamName ? ` in team "${user.teamName}"` : ""}.`);
    if (generated) console.log(`Password, shown only now (change it on the profile page after signing in):\n${password}`);
    return 0;
  } finally {
    await database.close();
  }
}

import { localeFromEnvironment, translate } from "../../i18n/index.ts";
import { loadConfig } from "../../config.ts";
import { migrateToLatest, openDatabase } from "../../db/index.ts";
import { issuePasswordResetByCommand, setPasswordByCommand } from "../../domain/auth/credentials.server.ts";
import { readStdin } from "../stdin.ts";

const USAGE = `Usage: allies user password EMAIL      new password on standard input
       allies user reset-link EMAIL [--base-url https://allies.example.org]

password    sets a staff member's password without the old one (a forgotten
            password, a locked-out administrator). Every session of theirs ends
            and two-factor sign-in goes off until they set it up again.
reset-link  prints a one-time link (24 hours) for them to choose a password
            themselves; a newer link stops older ones working.`;

export async function user(args: string[]): Promise<number> {
  const [action, email, ...rest] = args;
  if ((action !== "password" && action !== "reset-link") || !email || email.startsWith("--")) {
    console.error(USAGE);
    return 2;
  }
  const baseUrlAt = rest.indexOf("--base-url");
  const baseUrl = baseUrlAt >= 0 ? rest[baseUrlAt + 1] : undefined;
  if (baseUrlAt >= 0 && !baseUrl) {
    console.error(USAGE);
    return 2;
  }

  let password = "";
  if (action === "password") {
    if (process.stdin.isTTY) console.error("Type the new password and end with Ctrl-D:");
    // One trailing newline is how `echo` and most password managers end it, not part of the password.
    password = (await readStdin()).replace(/\r?\n$/, "");
  }

  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(database.db);
    if (action === "password") {
      const result = await setPasswordByCommand(database.db, email, password);
      if (!result.ok) {
        if (result.reason === "not_found") console.error(`There is no account with the email ${email}.`);
        else for (const problem of result.problems) console.error(`password: ${translate(localeFromEnvironment(process.env), problem)}`);
        return 2;
      }
      console.log(`Password set for ${email}. Sessions ended: ${result.sessionsEnded}.${result.twoFactorOff ? " Two-factor sign-in is off until they set it up again." : ""}`);
      return 0;
    }
    const issued = await issuePasswordResetByCommand(database.db, email);
    if (!issued.ok) {
      console.error(`There is no active account with the email ${email}.`);
      return 2;
    }
    console.log(`Reset link for ${email}, working once until ${issued.expiresAt}:`);
    console.log(baseUrl ? new URL(issued.path, baseUrl).toString() : issued.path);
    return 0;
  } finally {
    await database.close();
  }
}

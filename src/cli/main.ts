#!/usr/bin/env node
import { serve } from "./commands/serve.ts";
import { migrate } from "./commands/migrate.ts";

const USAGE = `Usage: allies <command>

  serve [--dev] [--workers N]   run the web app (migrates first), one worker per core by default
  migrate                       apply pending database migrations
  seed [--demo] [--scale N]     load demo data, or N generated participants
  create-user --email E --name N --role R [--team T] [--password-stdin]
  user password EMAIL           set a password, read from standard input
  user reset-link EMAIL         print a one-time password reset link
  token create --user EMAIL --name NAME
  caseload move FROM TO --as EMAIL [--participant ID]...   move a specialist's participants to another
  backup FILE [--passphrase-stdin | --key-file K]   consistent copy while it runs (0600, optionally encrypted)
  restore FILE                  replace the database with a backup
  audit verify                  check the audit log against its key and signed checkpoints
  audit checkpoint              append a signed checkpoint of the audit log's end
  db grant-app-role ROLE        PostgreSQL: let ROLE run the app, never change the audit log
  benefits estimate             JSON estimate request on stdin, JSON estimate on stdout
  messages work --once          send every message due now (the server does this itself)
  messages schedule --once      queue the reminders due now (the server does this itself)
  import FILE --as EMAIL [--dry-run]   import a caseload CSV file (all lines or none)
  export fhir --participant ID --as EMAIL [--out FILE] [--part2-consent-signed-on DAY]
                                a participant's record as FHIR R4 for the program's health record

The database is chosen by DATABASE_URL (default file:./data/allies.db). The audit
key comes from ALLIES_AUDIT_KEY (required on PostgreSQL) or, on SQLite, a key file
made beside the database; see the README's "Running in production".`;

type Command = (args: string[]) => Promise<number | void>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => serve,
  migrate: async () => migrate,
  seed: async () => (await import("./commands/seed.ts")).seed,
  "create-user": async () => (await import("./commands/create-user.ts")).createUser,
  user: async () => (await import("./commands/user.ts")).user,
  token: async () => (await import("./commands/token.ts")).token,
  caseload: async () => (await import("./commands/caseload.ts")).caseload,
  backup: async () => (await import("./commands/backup.ts")).backup,
  restore: async () => (await import("./commands/backup.ts")).restore,
  audit: async () => (await import("./commands/audit.ts")).audit,
  db: async () => (await import("./commands/db.ts")).db,
  benefits: async () => (await import("./commands/benefits.ts")).benefits,
  import: async () => (await import("./commands/import.ts")).importFile,
  export: async () => (await import("./commands/export.ts")).exportRecord,
  messages: async () => (await import("./commands/messages.ts")).messages,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`Unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  const code = await (await load())(args);
  return typeof code === "number" ? code : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== "serve") process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

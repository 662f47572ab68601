import { translate } from "../../i18n/index.ts";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/index.ts";
import { estimate } from "../../domain/benefits/estimate.ts";
import { estimateRequestSchemaFor } from "../../domain/benefits/model.ts";
import type { BenefitYear } from "../../domain/benefits/parameters.ts";
import { storedBenefitYears } from "../../domain/benefits/years.server.ts";
import { fieldErrors } from "../../server/api/errors.ts";
import { readStdin } from "../stdin.ts";

const USAGE = `Usage: allies benefits estimate < request.json

Reads one estimate request (JSON) on standard input and writes the estimate (JSON)
on standard output: the same schema and numbers as POST /api/v1/benefits/estimate,
with the benefit years an administrator added in the database (DATABASE_URL).
For a request that is not valid JSON or not a valid estimate request, writes
{"errors":[{"path","message"}]} on standard output and exits with status 2.`;

interface CliError {
  path: string;
  message: string;
}


function writeJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The years an administrator stored, read once and the connection closed before the estimate. */
async function readStoredYears(): Promise<BenefitYear[]> {
  const database = openDatabase(loadConfig().DATABASE_URL);
  try {
    return await storedBenefitYears(database.db);
  } finally {
    await database.close();
  }
}

function fail(errors: CliError[]): number {
  // The list goes to standard output, like a result, so a script reads one stream either way; the exit status tells them apart.
  writeJson({ errors });
  console.error(`The estimate request has ${errors.length === 1 ? "a problem" : `${errors.length} problems`}; see the list on standard output.`);
  return 2;
}

export async function benefits(args: string[]): Promise<number> {
  const [subcommand] = args;
  if (subcommand !== "estimate") {
    console.error(USAGE);
    return subcommand === "--help" || subcommand === "help" ? 0 : 2;
  }
  if (process.stdin.isTTY) console.error("Reading the JSON request from standard input (end with Ctrl-D)...");

  let body: unknown;
  try {
    body = JSON.parse(await readStdin());
  } catch {
    return fail([{ path: "(body)", message: translate("en", "benefits.request.invalidJson") }]);
  }
  let extraYears: BenefitYear[];
  try {
    extraYears = await readStoredYears();
  } catch (error) {
    console.error(`Could not read the benefit years from the database (is DATABASE_URL right, and has "allies migrate" run?): ${(error as Error).message}`);
    return 1;
  }
  const request = estimateRequestSchemaFor(extraYears).safeParse(body);
  if (!request.success) return fail(fieldErrors(request.error).map(({ path, message }) => ({ path, message })));
  writeJson(estimate(request.data, { extraYears }));
  return 0;
}

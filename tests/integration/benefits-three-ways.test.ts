import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/index.ts";
import { createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { estimate } from "../../src/domain/benefits/estimate.ts";
import { estimateRequestSchema, estimateRequestSchemaFor, type EstimateRequestInput } from "../../src/domain/benefits/model.ts";
import { parametersFor, type BenefitYear } from "../../src/domain/benefits/parameters.ts";
import { addBenefitYear, storedBenefitYears } from "../../src/domain/benefits/years.server.ts";
import { freshDatabase } from "../support/db.ts";
import { Client, startTestServer } from "../support/server.ts";
import { buildWorld, TEST_PASSWORD, type World } from "../support/world.ts";

// The estimator three ways (the engine, `allies benefits estimate`, POST /api/v1/benefits/estimate)
// must give the same numbers and the same sentences for the same request.
const root = path.resolve(import.meta.dirname, "../..");
let database: DbHandle;
let world: World;
let server: Awaited<ReturnType<typeof startTestServer>>;
let specialist: Client;

beforeAll(async () => {
  database = await freshDatabase();
  world = await buildWorld(database.db);
  server = await startTestServer(database);
  specialist = new Client(server.url);
  await specialist.signIn("spec1@test.org", TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

function cli(stdin: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["src/cli/main.ts", "benefits", "estimate"], { cwd: root, env: { ...process.env, DATABASE_URL: database.url } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const REQUESTS: EstimateRequestInput[] = [
  { year: 2026, scenarios: [{ monthlyGross: 1300 }] },
  { year: 2026, scenarios: [10, 20, 30].map((hoursPerWeek) => ({ hoursPerWeek, hourlyWage: 15 })) },
  { year: 2025, unearnedIncome: 10, irwe: 40.33, scenarios: [{ monthlyGross: 500 }, { hoursPerWeek: 17.5, hourlyWage: 12.34 }] },
  { year: 2026, student: true, age: 19, studentExclusionUsedThisYear: 9000, scenarios: [{ monthlyGross: 1500 }, { monthlyGross: 2500 }] },
  { year: 2025, ssdiMonthly: 500, twpMonthsUsed: 4, scenarios: [{ monthlyGross: 600 }, { monthlyGross: 1160.01 }] },
  {
    year: 2026, ssdiMonthly: 800, twpMonthsUsed: 9, inEpe: true, graceMonthsLeft: 2, blind: true, blindWorkExpenses: 75, pass: 20.5,
    scenarios: [{ monthlyGross: 1800 }, { monthlyGross: 2830.01 }, { hoursPerWeek: 40, hourlyWage: 22 }, { monthlyGross: 0 }],
  },
  { year: 2026, ssi: false, ssdiMonthly: 1400, twpMonthsUsed: 9, inEpe: true, irwe: 150, scenarios: [{ monthlyGross: 1800 }, { monthlyGross: 1900 }] },
];

describe("the same estimate three ways", () => {
  it.each(REQUESTS.map((request, i) => [i, request] as const))("request %i gives identical results from the engine, the CLI and the API", async (_i, request) => {
    const direct = estimate(estimateRequestSchema.parse(request), { locale: "en" });
    const [fromCli, fromApi] = await Promise.all([cli(JSON.stringify(request)), specialist.api("POST", "/benefits/estimate", request)]);
    expect(fromCli.status).toBe(0);
    expect(JSON.parse(fromCli.stdout)).toEqual(direct);
    expect(fromApi.status).toBe(200);
    expect(await fromApi.json()).toEqual(direct);
  });

  it("gives the issue's numbers through the API with a personal API token", async () => {
    const { token } = await createApiToken(database.db, world.actors.specialist1, "estimator", systemMeta);
    const response = await fetch(`${server.url}/api/v1/benefits/estimate`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ year: 2026, scenarios: [{ monthlyGross: 1300 }] }),
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.scenarios[0]).toMatchObject({ ssi: { countableEarned: 607.5, payment: 386.5 }, totalMonthlyIncome: 1686.5, changeFromBaseline: 692.5 });
  });

  it("reports the same problems for an invalid request: 400 from the API, exit status 2 from the CLI", async () => {
    const request = { year: 2024, age: -3, scenarios: [{ hoursPerWeek: 20 }, { monthlyGross: -5 }] };
    const [fromCli, fromApi] = await Promise.all([cli(JSON.stringify(request)), specialist.api("POST", "/benefits/estimate", request)]);
    expect(fromCli.status).toBe(2);
    expect(fromApi.status).toBe(400);
    const apiFields = (await fromApi.json()).error.fields.map(({ path, message }: { path: string; message: string }) => ({ path, message }));
    expect(JSON.parse(fromCli.stdout)).toEqual({ errors: apiFields });
    expect(apiFields.map((field: { path: string }) => field.path)).toEqual(["year", "age", "scenarios.0", "scenarios.1.monthlyGross"]);
    expect(apiFields[0].message).toBe("We do not have benefit figures for that year. An administrator can add them.");
  });

  it("refuses text that is not JSON both ways", async () => {
    const fromCli = await cli("{ year: 2026");
    expect(fromCli.status).toBe(2);
    expect(JSON.parse(fromCli.stdout)).toEqual({ errors: [{ path: "(body)", message: "The request is not valid JSON." }] });
    const fromApi = await specialist.fetch("/api/v1/benefits/estimate", {
      method: "POST", body: "{ year: 2026", headers: { "content-type": "application/json", "x-csrf-token": specialist.csrf, origin: server.url },
    });
    expect(fromApi.status).toBe(400);
    expect((await fromApi.json()).error.code).toBe("invalid_json");
  });

  it("uses a year an administrator added in the database, the same way through the CLI and the API", async () => {
    const request = { year: 2027, scenarios: [{ monthlyGross: 1300 }, { hoursPerWeek: 20, hourlyWage: 16 }] };
    const before = await cli(JSON.stringify(request));
    expect(before.status).toBe(2);
    expect(JSON.parse(before.stdout).errors[0].path).toBe("year");

    const built2026 = parametersFor(2026)!;
    const year2027: BenefitYear = {
      year: 2027,
      figures: { ...built2026.figures, ssiFederalBenefitRateIndividual: { amount: 1020, source: "Test figures for 2027", verified: false } },
    };
    expect(await addBenefitYear(database.db, world.actors.admin, year2027, false, systemMeta)).toMatchObject({ ok: true });

    const extraYears = await storedBenefitYears(database.db);
    const direct = estimate(estimateRequestSchemaFor(extraYears).parse(request), { extraYears, locale: "en" });
    // (1300 - 20 - 65) / 2 = 607.50 countable, from the added year's rate of 1020.
    expect(direct.scenarios[0]!.ssi.payment).toBe(412.5);
    const [fromCli, fromApi] = await Promise.all([cli(JSON.stringify(request)), specialist.api("POST", "/benefits/estimate", request)]);
    expect(fromCli.status, fromCli.stderr).toBe(0);
    expect(JSON.parse(fromCli.stdout)).toEqual(direct);
    expect(fromApi.status).toBe(200);
    expect(await fromApi.json()).toEqual(direct);
  });

  it("needs a signed-in person or an API token", async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.api("POST", "/benefits/estimate", REQUESTS[0])).status).toBe(401);
  });

  it("is in the OpenAPI document with its request and result schemas", async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    const operation = doc.paths["/benefits/estimate"].post;
    expect(operation.requestBody.content["application/json"].schema.required).toEqual(["year", "scenarios"]);
    expect(operation.responses["200"].content["application/json"].schema.properties.scenarios.items.properties.ssdi.properties.status.enum)
      .toEqual(["none", "twp", "epe-paid", "epe-suspended", "grace"]);
  });
});

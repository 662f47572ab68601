import type { Db } from "../../src/db/index.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../src/db/seed/authenticator.ts";
import { SIGN_IN_DELAYS } from "../../src/domain/auth/sign-in-delays.ts";
import { cookieFrom } from "./harness.ts";
import { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import { PASSWORD, type ReliabilityWorld } from "./world.ts";

const AREA = "web security";

async function participantCount(db: Db): Promise<number> {
  const row = await db.selectFrom("participants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The attributes of one Set-Cookie line, lower-cased, without the name=value pair. */
function attributes(setCookies: string[], name: string): string[] | null {
  const line = setCookies.find((l) => l.startsWith(`${name}=`));
  return line ? line.split(";").slice(1).map((a) => a.trim().toLowerCase()) : null;
}

export async function signInAttempt(baseUrl: string, email: string, password: string, ip: string, code = ""): Promise<number> {
  const page = await fetch(`${baseUrl}/sign-in`, { headers: { "x-forwarded-for": ip } });
  const csrf = cookieFrom(page.headers.getSetCookie(), "allies_csrf") ?? "";
  await page.arrayBuffer();
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST", redirect: "manual",
    body: new URLSearchParams({ _csrf: csrf, email, password, code }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, cookie: `allies_csrf=${csrf}`, "x-forwarded-for": ip },
  });
  await response.arrayBuffer();
  return response.status;
}

export async function checkWebSecurity(results: Results, database: string, baseUrl: string, world: ReliabilityWorld, caller: Caller, assetPath: string | null): Promise<void> {
  const db = world.database.db;

  // Cookie flags: the session must not be readable by scripts, sent cross-site, or sent over plain http.
  const page = await fetch(`${baseUrl}/sign-in`);
  const csrf = cookieFrom(page.headers.getSetCookie(), "allies_csrf") ?? "";
  await page.arrayBuffer();
  const signedIn = await fetch(`${baseUrl}/sign-in`, {
    method: "POST", redirect: "manual", body: new URLSearchParams({ _csrf: csrf, email: world.people.specialistOwn.email, password: PASSWORD }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, cookie: `allies_csrf=${csrf}` },
  });
  const setCookies = signedIn.headers.getSetCookie();
  const session = attributes(setCookies, "allies_session");
  const csrfCookie = attributes(page.headers.getSetCookie(), "allies_csrf");
  for (const [name, attrs] of [["allies_session", session], ["allies_csrf", csrfCookie]] as const) {
    const missing = attrs === null ? ["the cookie itself"] : [
      attrs.includes("httponly") ? null : "HttpOnly",
      attrs.includes("secure") ? null : "Secure",
      attrs.some((a) => a === "samesite=lax" || a === "samesite=strict") ? null : "SameSite=Lax or Strict",
      attrs.includes("path=/") ? null : "Path=/",
    ].filter((x): x is string => x !== null);
    results.record(AREA, database, `${name} cookie flags`, missing.length === 0, missing.length ? `missing ${missing.join(", ")}` : (attrs ?? []).join("; "));
  }

  // CSRF: a form or a cookie-authenticated API change without the token, or from another site, is refused and stores nothing.
  const before = await participantCount(db);
  const fields = { firstName: "Csrf", lastName: "Probe" };
  const attempts: [string, () => Promise<number>][] = [
    ["form post with a wrong _csrf", async () => (await caller.form("/participants/new", fields, { csrf: "x".repeat(43) })).status],
    ["form post without _csrf", async () => (await caller.raw("/participants/new", {
      method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    })).status],
    ["API change by cookie without X-CSRF-Token", async () => (await caller.raw("/api/v1/participants", {
      method: "POST", body: JSON.stringify(fields), headers: { "content-type": "application/json", origin: baseUrl },
    })).status],
    ["API change by cookie with a wrong X-CSRF-Token", async () => (await caller.raw("/api/v1/participants", {
      method: "POST", body: JSON.stringify(fields), headers: { "content-type": "application/json", origin: baseUrl, "x-csrf-token": "y".repeat(43) },
    })).status],
    ["form post from another origin (Origin header)", async () => (await caller.raw("/participants/new", {
      method: "POST", body: new URLSearchParams({ _csrf: caller.csrf, ...fields }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://attacker.invalid" },
    })).status],
    ["API change marked cross-site (Sec-Fetch-Site)", async () => (await caller.raw("/api/v1/participants", {
      method: "POST", body: JSON.stringify(fields),
      headers: { "content-type": "application/json", "x-csrf-token": caller.csrf, "sec-fetch-site": "cross-site" },
    })).status],
  ];
  for (const [name, attempt] of attempts) {
    const status = await attempt();
    results.record(AREA, database, `CSRF: ${name}`, status === 403, `answered ${status}`);
  }
  const after = await participantCount(db);
  results.record(AREA, database, "CSRF: refused changes stored nothing", after === before, `participants ${before} -> ${after}`);

  // Progressive sign-in delays (decision 0019), per account and per address (loopback addresses stand in
  // for clients behind the proxy): failures make the next attempt wait; the right password with the right
  // two-factor code always gets in, so nobody can keep a person out by failing on purpose.
  const delayed = world.people.rateLimited.email;
  const accountFailures = SIGN_IN_DELAYS.freePerAccount + 1;
  const statuses: number[] = [];
  for (let i = 0; i < accountFailures; i++) statuses.push(await signInAttempt(baseUrl, delayed, "wrong password", "127.0.0.21"));
  const afterFailures = await signInAttempt(baseUrl, delayed, PASSWORD, "127.0.0.22");
  results.record(AREA, database, `sign-in delay per account (${accountFailures} failures)`,
    statuses.every((s) => s === 401) && afterFailures === 429, `failures answered ${[...new Set(statuses)].join("/")}, the right password (no two-factor) next answered ${afterFailures}`);
  const addressFailures = SIGN_IN_DELAYS.freePerAddress + 1;
  const ipStatuses: number[] = [];
  for (let i = 0; i < addressFailures; i++) ipStatuses.push(await signInAttempt(baseUrl, `nobody${i}@reliability.test`, "wrong password", "127.0.0.23"));
  const passwordOnly = await signInAttempt(baseUrl, world.people.specialistOwn.email, PASSWORD, "127.0.0.23");
  results.record(AREA, database, `sign-in delay per address (${addressFailures} failures)`,
    ipStatuses.every((s) => s === 401) && passwordOnly === 429, `failures answered ${[...new Set(ipStatuses)].join("/")}, a right password without two-factor from there next answered ${passwordOnly}`);
  const withSecondFactor = await signInAttempt(baseUrl, world.people.admin.email, PASSWORD, "127.0.0.23", await nextTotpCode(DEMO_TOTP_SECRET, world.people.admin.email));
  results.record(AREA, database, "the right password and two-factor code get in during a delay", withSecondFactor === 302, `an administrator from the delayed address answered ${withSecondFactor}`);
  const elsewhere = await signInAttempt(baseUrl, world.people.specialistOwn.email, PASSWORD, "127.0.0.24");
  results.record(AREA, database, "the delay holds back only the delayed address", elsewhere === 302, `a sign-in from another address answered ${elsewhere}`);

  // Security headers on every kind of response a browser might render.
  const targets: [string, () => Promise<Headers>][] = [
    ["sign-in page", async () => (await caller.raw("/sign-in", { headers: { cookie: "" } })).headers],
    ["caseload page", async () => (await caller.page("/participants")).headers],
    ["missing page (404)", async () => (await caller.page("/no-such-page")).headers],
    ["API JSON", async () => (await caller.api("GET", "/participants")).headers],
    ["API error", async () => (await new Caller(baseUrl, "nobody").api("GET", "/participants")).headers],
    ["OpenAPI document", async () => (await caller.raw("/api/v1/openapi.json")).headers],
  ];
  if (assetPath) targets.push(["static script", async () => (await caller.raw(assetPath)).headers]);
  for (const [name, get] of targets) {
    const headers = await get();
    const problems = headerProblems(headers);
    results.record(AREA, database, `security headers: ${name}`, problems.length === 0, problems.join("; ") || "CSP (nonce scripts only, no plugins, base-uri), frame-ancestors, nosniff, referrer policy");
  }
}

export function headerProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const csp = headers.get("content-security-policy");
  if (!csp) problems.push("no Content-Security-Policy");
  else {
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!.toLowerCase(), d.slice(1)]));
    const scripts = directives.get("script-src") ?? directives.get("default-src");
    if (!scripts) problems.push("CSP has no script-src or default-src");
    else if (scripts.includes("'unsafe-inline'")) problems.push("CSP allows unsafe-inline scripts");
    if (scripts?.includes("'unsafe-eval'")) problems.push("CSP allows unsafe-eval");
    // Any host, any scheme or data: URLs would let an injected <script src> run all the same.
    const loose = scripts?.filter((source) => ["*", "data:", "http:", "https:", "blob:"].includes(source) || source.includes("*"));
    if (loose?.length) problems.push(`CSP script sources too wide: ${loose.join(" ")}`);
    const objects = directives.get("object-src") ?? directives.get("default-src");
    if (!objects?.includes("'none'")) problems.push("CSP allows plugins (object-src is not 'none')");
    if (!directives.get("base-uri")) problems.push("CSP has no base-uri (an injected <base> could move every script)");
    const frames = directives.get("frame-ancestors");
    if (!frames || !(frames.includes("'none'") || frames.includes("'self'"))) problems.push("CSP has no frame-ancestors 'none' or 'self'");
  }
  if (headers.get("x-content-type-options")?.toLowerCase() !== "nosniff") problems.push("no X-Content-Type-Options: nosniff");
  const referrer = headers.get("referrer-policy")?.toLowerCase();
  if (!referrer || !["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(referrer)) problems.push(`Referrer-Policy is ${referrer ?? "missing"}`);
  return problems;
}

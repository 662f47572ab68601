import fc from "fast-check";
import { TABLES_IN_DEPENDENCY_ORDER } from "../../src/db/schema.ts";
import type { Db } from "../../src/db/index.ts";
import type { Answer, Caller } from "./http.ts";
import { core, fillPath, isObject, validBody, validates, type JsonSchema, type Operation, type PathRecords } from "./openapi.ts";
import type { Results } from "./report.ts";

const AREA = "bad input";

/** Payloads that have broken other apps: SQL, markup, template syntax, and awkward Unicode. */
export const NASTY_STRINGS = [
  "'; DROP TABLE participants; --", "\" OR 1=1 --", "1'; SELECT pg_sleep(5); --", "Robert'); DELETE FROM audit_log;--", "%' OR '%'='",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "</textarea><b>bold</b>",
  "{{constructor.constructor('alert(1)')()}}", "${7*7}", "__proto__", "\u0000", "a\u0000b", "\u202eevil", "\ufeffbom", "😀👩‍👩‍👧‍👦", "𝕏𝔸𝕃", "Zalgo: Z̴̡̪a̵l̶g̷o̸",
  "مرحبا", "שלום", "日本語テキスト", "\r\n\t", "\\", "%00", "../../etc/passwd", " leading and trailing ",
];

/** Tried first on every operation, before the generated ones. */
const ALWAYS_TRIED = ["\u0000", "a\u0000b", "'; DROP TABLE participants; --", "<script>alert(1)</script>", "😀👩‍👩‍👧‍👦", "\ufeffbom", "%00", "\u202eevil"];

/** Percent-escapes that are not UTF-8, sent as they are. */
export const UNDECODABLE = ["%E0%A4%A", "%", "%C0%AF", "%ZZ"];

export const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
);

/** Values of every JSON type, for putting the wrong one in a field. */
const anyJson = fc.oneof(
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), nasty,
  fc.array(nasty, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 3 }), fc.constant({}), fc.constant([]),
);

function trimDeep(value: unknown): unknown {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(trimDeep);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimDeep(v)]));
  return value;
}

/**
 * Invalid by the document however the server reads it: the handlers trim text and
 * coerce some numbers (a version may come from a form as "3"), so values those
 * would rescue never count as wrong.
 */
function surelyInvalid(schema: JsonSchema, value: unknown): boolean {
  return !validates(schema, value) && !validates(schema, trimDeep(value));
}

function coercibleToNumber(value: unknown): boolean {
  if (typeof value === "boolean" || value === null) return true;
  if (typeof value === "string") return value.trim() === "" || Number.isFinite(Number(value));
  if (Array.isArray(value)) return value.length <= 1 && coercibleToNumber(value[0] ?? "");
  return false;
}

function wrongValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const numeric = ["number", "integer"].includes(String(core(schema).type));
  return anyJson.filter((v) => surelyInvalid(schema, v) && !(numeric && coercibleToNumber(v)));
}

/** A string over the field's limit, in characters of every width. */
function tooLong(max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom("x", "é", "語", "😀", "<b>"), fc.integer({ min: 1, max: 500 }))
    .map(([unit, extra]) => `x${unit.repeat(max + extra)}`);
}

export interface BadBody {
  label: string;
  body?: unknown;
  raw?: string;
}

function freeTextProperties(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => {
      const c = core(p);
      return c.type === "string" && !c.enum && !("const" in c) && !c.pattern && !c.format && !c.anyOf;
    })
    .map(([name]) => name);
}

/** Bodies the document says are wrong: one mutation of a valid body, with payloads sprinkled in the other fields. */
export function invalidBodies(op: Operation, base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  const schema = op.body!;
  const properties = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const text = freeTextProperties(schema);
  const options: fc.Arbitrary<BadBody>[] = [
    fc.constantFrom<unknown>(...(op.bodyRequired ? [null] : []), [], 42, "text", true, [base]).map((body) => ({ label: "not an object", body })),
    fc.constantFrom("{", "{\"firstName\":", "<xml/>", "'; DROP TABLE participants; --", "{\"a\":1}}").map((raw) => ({ label: "not JSON", raw })),
  ];
  if (required.length) {
    options.push(fc.constantFrom(...required).map((name) => {
      const body = { ...base };
      delete body[name];
      return { label: `missing ${name}`, body };
    }));
  }
  if (schema.additionalProperties === false) {
    const name = fc.oneof(fc.constantFrom("__proto__", "constructor", "id", "participantId", "role", "specialist_id", "isAdmin", "created_by"), fc.string({ minLength: 1, maxLength: 12 }))
      .filter((n) => !properties.includes(n));
    options.push(fc.tuple(name, anyJson).map(([n, v]) => {
      const body: Record<string, unknown> = { ...base };
      Object.defineProperty(body, n, { value: v, enumerable: true, writable: true, configurable: true });
      return { label: `extra field ${JSON.stringify(n)}`, body };
    }));
  }
  if (properties.length) {
    options.push(fc.constantFrom(...properties).chain((name) => wrongValue(schema.properties![name]!).map((v) => ({
      label: `wrong type for ${name}`, body: { ...base, [name]: v },
    }))));
  }
  const limited = properties.filter((name) => core(schema.properties![name]!).maxLength !== undefined);
  if (limited.length) {
    options.push(fc.constantFrom(...limited).chain((name) => tooLong(core(schema.properties![name]!).maxLength!).map((v) => ({
      label: `${name} too long`, body: { ...base, [name]: v },
    }))));
    options.push(fc.constantFrom(...limited).map((name) => ({ label: `${name} over the body limit`, body: { ...base, [name]: "x".repeat(300_000) } })));
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const items = core(property).items;
    if (core(property).type === "array" && items) {
      options.push(wrongValue(items).map((v) => ({ label: `wrong item in ${name}`, body: { ...base, [name]: [v] } })));
    }
  }
  const noise = text.length
    ? fc.dictionary(fc.constantFrom(...text), nasty, { maxKeys: text.length })
    : fc.constant({} as Record<string, string>);
  return fc.tuple(fc.oneof(...options), noise).map(([bad, extra]) => {
    if (!isObject(bad.body)) return bad;
    const body: Record<string, unknown> = { ...bad.body };
    const mutated = /^(?:wrong type for|missing|extra field) "?(\w+)/.exec(bad.label)?.[1];
    for (const [k, v] of Object.entries(extra)) if (k !== mutated && k in body) body[k] = v;
    return { label: bad.label, body };
  }).filter((bad) => bad.raw !== undefined || (bad.body === null && op.bodyRequired) || surelyInvalid(schema, bad.body));
}

/**
 * Rows per table. A request refused on a participant's address (a made-up id) leaves
 * its `access.refused` audit row: that is what a refusal is meant to write, so those
 * rows are not counted.
 */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    const row = table === "audit_log"
      ? await db.selectFrom("audit_log").where("action", "!=", "access.refused").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()
      : await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

function diff(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys(after).filter((t) => after[t] !== before[t]).map((t) => `${t} ${before[t]} -> ${after[t]}`).join(", ");
}

function hasFieldErrors(answer: Answer): boolean {
  return Array.isArray(answer.json?.error?.fields) && answer.json.error.fields.length > 0;
}

const show = (value: unknown) => {
  const text = value === undefined ? "(none)" : JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

interface Failure {
  op: string;
  what: string;
}

/**
 * Every operation of the OpenAPI document, fed with generated bad input: never a
 * 5xx, always a 4xx with field errors for a bad body, nothing stored; payloads in
 * otherwise valid bodies are stored as sent or refused, never a 5xx; bad query
 * values and record ids are refused cleanly.
 */
export async function checkBadInput(results: Results, database: string, db: Db, caller: Caller, operations: Operation[], records: PathRecords, seed: number): Promise<void> {
  const runs = { invalid: 40, payload: 12, query: 25, path: 12 };
  for (const op of operations) {
    // Moving a whole caseload names a specialist, not this participant's records: a
    // valid body would move the world's caseload away. The access area checks who may.
    if (op.pathParams.includes("specialistId")) continue;
    const failures: Failure[] = [];
    const path = `/api/v1${fillPath(op.template, records)}`;
    const apiPath = path.slice("/api/v1".length);
    const send = (body: unknown, raw?: string, at = apiPath) => caller.api(op.method, at, body, raw === undefined ? {} : { rawBody: raw });
    const before = await rowCounts(db);
    let requests = 0;

    if (op.body) {
      const base = validBody(op, records) as Record<string, unknown>;
      await fc.assert(fc.asyncProperty(invalidBodies(op, base), async (bad) => {
        requests++;
        const answer = await send(bad.body, bad.raw);
        const fine = answer.status >= 400 && answer.status < 500 && ![401, 403, 404, 409].includes(answer.status) && hasFieldErrors(answer);
        if (!fine) failures.push({ op: op.operationId, what: `${bad.label}: ${show(bad.raw ?? bad.body)} answered ${answer.status} ${show(answer.json ?? answer.text)}` });
        return true;
      }), { numRuns: runs.invalid, seed });
    }

    // Record ids nobody has: refused as not found, never a 5xx, nothing stored.
    if (op.pathParams.length) {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...op.pathParams), nasty, async (param, value) => {
        requests++;
        const at = fillPath(op.template, { ...records, [param]: value });
        const body = op.body ? validBody(op, records) : undefined;
        const answer = await send(body, undefined, at);
        if (answer.status !== 404) failures.push({ op: op.operationId, what: `{${param}} = ${show(value)} answered ${answer.status} ${show(answer.json ?? answer.text)}` });
        return true;
      }), { numRuns: runs.path, seed, examples: op.pathParams.flatMap((param) => ALWAYS_TRIED.map((v) => [param, v] as [string, string])) });
      // Segments that do not even decode (a stray %), as a hand-typed or cut-off link would have them.
      for (const param of op.pathParams) {
        for (const raw of UNDECODABLE) {
          requests++;
          const at = fillPath(op.template, { ...records, [param]: "RAW" }).replace("RAW", raw);
          const answer = await send(op.body ? validBody(op, records) : undefined, undefined, at);
          if (answer.status !== 404) failures.push({ op: op.operationId, what: `{${param}} = ${raw} (raw) answered ${answer.status} ${show(answer.json ?? answer.text)}` });
        }
      }
    }
    const after = await rowCounts(db);
    const changed = diff(before, after);

    if (op.queryParams.length) {
      const value = fc.oneof(nasty, tooLong(100), fc.integer().map(String), fc.array(nasty, { minLength: 2, maxLength: 3 }));
      await fc.assert(fc.asyncProperty(fc.constantFrom(...op.queryParams.map((q) => q.name)), value, async (name, v) => {
        requests++;
        const query = new URLSearchParams();
        for (const item of Array.isArray(v) ? v : [v]) query.append(name, item);
        const answer = await send(undefined, undefined, `${apiPath}?${query}`);
        // A parameter that names a record (?for=<person>, ?supportPersonId=) may also find nothing: "not found" is a fine answer there.
        const namesRecord = name === "for" || name.endsWith("Id");
        const fine = answer.status === 200 || (answer.status === 400 && hasFieldErrors(answer)) || (namesRecord && answer.status === 404);
        if (!fine) failures.push({ op: op.operationId, what: `?${name}=${show(v)} answered ${answer.status} ${show(answer.json ?? answer.text)}` });
        return true;
      }), { numRuns: runs.query, seed, examples: ALWAYS_TRIED.map((v) => [op.queryParams[0]!.name, v] as [string, string]) });
    }

    // Valid bodies carrying payloads: stored exactly as sent (trimmed), or refused with a 4xx.
    const text = op.body ? freeTextProperties(op.body) : [];
    if (op.method === "POST" && op.body && text.length && !("version" in (op.body.properties ?? {}))) {
      const base = validBody(op, records) as Record<string, unknown>;
      const payloads = fc.dictionary(fc.constantFrom(...text), nasty, { minKeys: 1, maxKeys: text.length });
      await fc.assert(fc.asyncProperty(payloads, async (extra) => {
        requests++;
        const body = { ...base };
        for (const [name, value] of Object.entries(extra)) {
          const max = core(op.body!.properties![name]!).maxLength;
          body[name] = max === undefined ? value : value.slice(0, max);
        }
        const answer = await send(body);
        if (answer.status >= 500 || answer.status < 200 || (answer.status >= 300 && answer.status < 400)) {
          failures.push({ op: op.operationId, what: `payloads ${show(extra)} answered ${answer.status} ${show(answer.json ?? answer.text)}` });
        } else if (answer.status < 300 && isObject(answer.json)) {
          for (const name of Object.keys(extra)) {
            // Null is the handler's choice for a field that does not apply (relationshipOther unless "other").
            if (!(name in answer.json) || answer.json[name] === null) continue;
            const sent = (body[name] as string).trim() || null;
            if (answer.json[name] !== sent) failures.push({ op: op.operationId, what: `${name} was stored as ${show(answer.json[name])}, sent ${show(sent)}` });
          }
        } else if (answer.status === 400 && !hasFieldErrors(answer)) {
          failures.push({ op: op.operationId, what: `payloads ${show(extra)} answered 400 without field errors` });
        }
        return true;
      }), { numRuns: runs.payload, seed, examples: ALWAYS_TRIED.map((v) => [Object.fromEntries(text.map((name) => [name, v]))]) });
    }

    results.record(AREA, database, `${op.method} ${op.template} (${requests} generated requests)`, failures.length === 0 && !changed,
      [changed ? `rows changed by refused requests: ${changed}` : "", failures.length ? `${failures.length} bad answers; first: ${failures[0]!.what}` : ""].filter(Boolean).join("; ")
        || "4xx with field errors every time; nothing stored");
    for (const failure of failures.slice(0, 3)) console.log(`       ${failure.what}`);
  }
}

/** Form field names the pages use, to carry payloads into whichever form a page has. */
const FORM_FIELDS = ["intent", "firstName", "lastName", "name", "email", "password", "text", "description", "title", "notes", "q", "version", "kind", "status", "role", "teamId"];

/**
 * Every page of the route config with bad input where a browser could put it: in
 * each path segment, in the query, and in a form post with the CSRF token. Pages
 * refuse what they cannot use with a 4xx; never a 5xx.
 */
export async function checkBadPageInput(results: Results, database: string, caller: Caller, paths: string[], records: Record<string, string>, seed: number): Promise<void> {
  const failures: string[] = [];
  let requests = 0;
  const fill = (path: string, values: Record<string, string>, raw?: string) =>
    path.replace(/:(\w+)/g, (_, name: string) => (raw !== undefined && name === values.__raw ? raw : encodeURIComponent(values[name] ?? "no-such-record")));
  const check = (what: string, answer: Answer) => {
    requests++;
    if (answer.status >= 500) failures.push(`${what} answered ${answer.status} ${show(answer.text.slice(0, 200))}`);
  };
  for (const path of paths.filter((p) => p !== "/*" && p !== "/sign-out")) {
    const base = fill(path, records);
    const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    if (params.length) {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...params), nasty, async (param, value) => {
        const at = fill(path, { ...records, [param]: value });
        check(`GET ${at}`, await caller.page(at));
        return true;
      }), { numRuns: 6, seed, examples: params.flatMap((param) => ["\u0000", "a\u0000b"].map((v) => [param, v] as [string, string])) });
      for (const param of params) {
        const at = fill(path, { ...records, __raw: param }, UNDECODABLE[0]);
        check(`GET ${at}`, await caller.page(at));
      }
    }
    await fc.assert(fc.asyncProperty(fc.constantFrom("q", "page", "status", "copy", "added", "done", "for", "actor", "from"), fc.oneof(nasty, fc.integer().map(String)), async (name, value) => {
      const at = `${base}?${new URLSearchParams({ [name]: value })}`;
      check(`GET ${at}`, await caller.page(at));
      return true;
    }), { numRuns: 4, seed, examples: [["q", "\u0000"], ["page", "99999999999999999999"]] });
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...FORM_FIELDS), nasty, { minKeys: 1, maxKeys: 6 }), async (fields) => {
      check(`POST ${base} ${show(fields)}`, await caller.form(base, fields));
      return true;
    }), { numRuns: 4, seed, examples: [[{ intent: "\u0000", name: "a\u0000b", firstName: "\u0000" }]] });
  }
  results.record(AREA, database, `every page: bad path segments, queries and form posts (${requests} generated requests)`, failures.length === 0,
    failures.length ? `${failures.length} answered 5xx; first: ${failures[0]}` : "4xx or the page itself every time, never a 5xx");
  for (const failure of failures.slice(0, 3)) console.log(`       ${failure}`);
}

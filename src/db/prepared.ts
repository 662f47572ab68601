import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * A query built and compiled to SQL once per dialect, then run with new values.
 * Kysely otherwise builds the query's operation tree and compiles it again on every
 * execution: on the queries every request runs (the session, the signed-in user, the
 * audit chain's head) that was a tenth of a page's server time (decision 0041).
 *
 * The query is written as usual, taking its values from the second argument
 * (`(db, v: { id: string }) => db.selectFrom(…).where("id", "=", v.id)`). Those
 * places must become bound parameters (a `where`, `set` or `values` value does):
 * the first run checks that every value read did.
 */
export interface PreparedQuery<Values, Row> {
  /** Every row. */
  all(db: Kysely<Database>, values: Values): Promise<Row[]>;
  /** The first row, or undefined. */
  first(db: Kysely<Database>, values: Values): Promise<Row | undefined>;
}

// A value no caller passes: a bound parameter equal to it is the named value's place.
const MARK = "\u0000prepared:";

interface Compiled {
  query: CompiledQuery;
  /** Per bound parameter: the name of the value that goes there, or the constant written in the query. */
  slots: ({ name: string } | { constant: unknown })[];
}

export function prepared<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
): PreparedQuery<Values, Row> {
  // Keyed by the dialect's adapter: one per database connection, shared by its transactions.
  const byAdapter = new WeakMap<object, Compiled>();
  const compiledFor = (db: Kysely<Database>): Compiled => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      const names = new Set<string>();
      // Each value read while building is a mark naming it.
      const marks = new Proxy({}, {
        get: (_target, name) => {
          if (typeof name !== "string") return undefined;
          names.add(name);
          return `${MARK}${name}`;
        },
      }) as Values;
      const query = build(db, marks).compile();
      if (query.sql.includes(MARK)) throw new Error("a prepared query's value was written into its SQL instead of bound");
      const slots = query.parameters.map((p) => (typeof p === "string" && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { constant: p }));
      for (const name of names) {
        if (!slots.some((s) => "name" in s && s.name === name)) throw new Error(`the prepared query's value "${name}" is not a bound parameter`);
      }
      compiled = { query, slots };
      byAdapter.set(adapter, compiled);
    }
    return compiled;
  };
  const all = async (db: Kysely<Database>, values: Values): Promise<Row[]> => {
    const { query, slots } = compiledFor(db);
    const parameters = slots.map((slot) => ("name" in slot ? values[slot.name] : slot.constant));
    const result = await db.executeQuery<Row>({ ...query, parameters } as CompiledQuery<Row>);
    return result.rows;
  };
  return { all, first: async (db, values) => (await all(db, values))[0] };
}

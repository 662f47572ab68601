import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { StaffActor, RequestMeta } from "../auth/actor.ts";
import { mayManageBenefitYears } from "./policy.ts";
import { BUILT_IN_YEARS, benefitYearSchema, mergeYears, type BenefitYear } from "./parameters.ts";

/**
 * Yearly benefit figures an administrator adds (benefits-rules.md: "an admin can
 * add next year's"). Rows are never changed: a correction is a newer row for the
 * same year, and the newest row for a year is the one in force, laid over the
 * built-in years by `mergeYears`.
 */

/** The stored years in force, oldest first. A row that no longer passes the schema is left out rather than used. */
export async function storedBenefitYears(db: Db | Trx): Promise<BenefitYear[]> {
  const rows = await db.selectFrom("benefit_years").select(["year", "figures", "created_at"]).orderBy("year").orderBy("created_at").execute();
  const latest = new Map<number, BenefitYear>();
  for (const row of rows) {
    const parsed = benefitYearSchema.safeParse({ year: Number(row.year), figures: JSON.parse(row.figures) });
    if (parsed.success) latest.set(parsed.data.year, parsed.data);
  }
  return [...latest.values()];
}

export interface BenefitYearListing {
  year: number;
  figures: BenefitYear["figures"];
  /** "built-in" for the figures in the code, "stored" for an administrator's row. */
  origin: "built-in" | "stored";
  /** A stored row that replaced the built-in figures of the same year. */
  replacesBuiltIn: boolean;
  addedBy: string | null;
  addedAt: string | null;
  /** Earlier rows for the same year, newest first. */
  earlier: { addedBy: string; addedAt: string }[];
}

/** Every year with the figures in force and where they came from, newest year first. */
export async function listBenefitYears(db: Db): Promise<BenefitYearListing[]> {
  const rows = await db.selectFrom("benefit_years as y").innerJoin("users as u", "u.id", "y.created_by")
    .select(["y.year", "y.created_at", "u.name"]).orderBy("y.year").orderBy("y.created_at", "desc").execute();
  const stored = await storedBenefitYears(db);
  return mergeYears(stored).reverse().map((year): BenefitYearListing => {
    const history = rows.filter((r) => Number(r.year) === year.year);
    const isStored = stored.some((s) => s.year === year.year);
    return {
      year: year.year,
      figures: year.figures,
      origin: isStored ? "stored" : "built-in",
      replacesBuiltIn: isStored && BUILT_IN_YEARS.some((b) => b.year === year.year),
      addedBy: isStored ? history[0]?.name ?? null : null,
      addedAt: isStored ? history[0]?.created_at ?? null : null,
      earlier: isStored ? history.slice(1).map((r) => ({ addedBy: r.name, addedAt: r.created_at })) : [],
    };
  });
}

export type AddYearResult = { ok: true; year: BenefitYear } | { ok: false; reason: "forbidden" | "exists" };

/**
 * Adds a year's figures (already validated by `benefitYearSchema`). A year that
 * already has figures, built in or stored, is replaced only when `replace` says so.
 */
export async function addBenefitYear(db: Db, actor: StaffActor, year: BenefitYear, replace: boolean, meta: RequestMeta): Promise<AddYearResult> {
  if (!mayManageBenefitYears(actor)) return { ok: false, reason: "forbidden" };
  return db.transaction().execute(async (trx) => {
    const exists = mergeYears(await storedBenefitYears(trx)).some((y) => y.year === year.year);
    if (exists && !replace) return { ok: false, reason: "exists" } as const;
    const id = randomUUID();
    await trx.insertInto("benefit_years").values({
      id, year: year.year, figures: JSON.stringify(year.figures), created_by: actor.userId, created_at: new Date().toISOString(),
    }).execute();
    await recordAudit(trx, {
      actor, action: "benefit_year.create", entityType: "benefit_year", entityId: id, reason: "manage:benefits:any",
      details: { year: year.year, replaced: exists, unverified: Object.entries(year.figures).filter(([, f]) => !f.verified).map(([name]) => name) }, meta,
    });
    return { ok: true, year } as const;
  });
}

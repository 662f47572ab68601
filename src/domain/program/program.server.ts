import type { Db } from "../../db/index.ts";
import { prepared } from "../../db/prepared.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, RequestMeta } from "../auth/actor.ts";
import { detectScanType } from "../consent/scan-type.ts";
import { DEFAULT_PROGRAM_SETTINGS, LOGO_MAX_BYTES, LOGO_TYPES, type LogoType, type ProgramSettings, type ProgramSettingsInput } from "./model.ts";
import { mayManageProgram } from "./policy.ts";
import { DEFAULT_QUIET_HOURS } from "../messages/quiet-hours.ts";

/**
 * The program's settings (decision 0021): one row, read by printouts, pages,
 * calendar files, and later by messages and reports. Not personal information, so
 * reading them needs no actor and leaves no audit row; changing them does both.
 */

const ROW_ID = "program";

// Every page reads it (the root layout shows the program's name) and most read it twice
// (the program's day is in its time zone): compiled once, not on each request (decision 0041).
const settingsRow = prepared((db, _v: Record<string, never>) => db.selectFrom("program_settings")
  .select(["name", "address", "phone", "time_zone", "logo_content_type", "quiet_hours_start", "quiet_hours_end", "participant_passwords", "version", "updated_at"])
  .where("id", "=", ROW_ID));

/** The program's name, address, phone, time zone and whether it has a logo; the defaults until saved. */
export async function getProgramSettings(db: Db | Trx): Promise<ProgramSettings> {
  const row = await settingsRow.first(db, {});
  if (!row) return DEFAULT_PROGRAM_SETTINGS;
  return {
    name: row.name, address: row.address, phone: row.phone, timeZone: row.time_zone,
    hasLogo: row.logo_content_type !== null,
    quietHours: { start: row.quiet_hours_start ?? DEFAULT_QUIET_HOURS.start, end: row.quiet_hours_end ?? DEFAULT_QUIET_HOURS.end },
    participantPasswords: Number(row.participant_passwords) === 1,
    version: Number(row.version), updatedAt: row.updated_at,
  };
}

/**
 * The logo as a data: URL, for pages and printouts to show inline (a printout then
 * needs no second request); null when there is none. Small by rule (LOGO_MAX_BYTES).
 */
export async function getProgramLogo(db: Db | Trx): Promise<string | null> {
  const row = await db.selectFrom("program_settings").select(["logo_content_type", "logo_base64"]).where("id", "=", ROW_ID).executeTakeFirst();
  if (!row?.logo_content_type || !row.logo_base64) return null;
  return `data:${row.logo_content_type as LogoType};base64,${row.logo_base64}`;
}

/** An uploaded logo, checked by its first bytes (never the declared type) and its size. */
export type LogoUpload = { bytes: Uint8Array } | null;

export type LogoProblem = "program.logo.type" | "program.logo.tooLarge";

export function logoProblem(bytes: Uint8Array): LogoProblem | null {
  if (bytes.byteLength > LOGO_MAX_BYTES) return "program.logo.tooLarge";
  const type = detectScanType(bytes);
  return type && (LOGO_TYPES as readonly string[]).includes(type) ? null : "program.logo.type";
}

export type SaveProgramResult =
  | { ok: true; settings: ProgramSettings }
  | { ok: false; reason: "forbidden" }
  | { ok: false; reason: "logo"; problem: LogoProblem }
  | { ok: false; reason: "conflict"; current: ProgramSettings };

/**
 * Saves the settings over the version the administrator started from; when another
 * administrator saved meanwhile nothing is written and their version comes back.
 */
export async function saveProgramSettings(db: Db, actor: Actor, input: ProgramSettingsInput, logo: LogoUpload, meta: RequestMeta): Promise<SaveProgramResult> {
  if (!mayManageProgram(actor) || actor.kind !== "staff") return { ok: false, reason: "forbidden" };
  if (logo) {
    const problem = logoProblem(logo.bytes);
    if (problem) return { ok: false, reason: "logo", problem };
  }
  return db.transaction().execute(async (trx) => {
    const current = await getProgramSettings(trx);
    if (current.version !== input.version) return { ok: false, reason: "conflict", current } as const;
    const now = new Date().toISOString();
    const logoColumns = logo
      ? { logo_content_type: detectScanType(logo.bytes), logo_base64: Buffer.from(logo.bytes).toString("base64") }
      : input.removeLogo ? { logo_content_type: null, logo_base64: null } : {};
    const quietHours = {
      ...(input.quietHoursStart === undefined ? {} : { quiet_hours_start: input.quietHoursStart }),
      ...(input.quietHoursEnd === undefined ? {} : { quiet_hours_end: input.quietHoursEnd }),
    };
    const passwords = input.participantPasswords === undefined ? {} : { participant_passwords: input.participantPasswords ? 1 : 0 };
    const values = { name: input.name, address: input.address, phone: input.phone, time_zone: input.timeZone, ...quietHours, ...passwords, updated_by: actor.userId, updated_at: now };
    if (current.version === 0) {
      await trx.insertInto("program_settings").values({ id: ROW_ID, ...values, logo_content_type: null, logo_base64: null, ...logoColumns, version: 1 })
        // Two first saves at once: the second finds the row and is a conflict.
        .onConflict((oc) => oc.column("id").doNothing()).execute();
    } else {
      await trx.updateTable("program_settings").set({ ...values, ...logoColumns, version: input.version + 1 })
        .where("id", "=", ROW_ID).where("version", "=", input.version).execute();
    }
    const saved = await getProgramSettings(trx);
    if (saved.version !== input.version + 1 || saved.updatedAt !== now) return { ok: false, reason: "conflict", current: saved } as const;
    const fields: string[] = (["name", "address", "phone", "timeZone"] as const).filter((f) => current[f] !== saved[f]);
    if (current.quietHours.start !== saved.quietHours.start || current.quietHours.end !== saved.quietHours.end) fields.push("quietHours");
    if (current.participantPasswords !== saved.participantPasswords) fields.push("participantPasswords");
    await recordAudit(trx, {
      actor, action: "program.update", entityType: "program", entityId: ROW_ID, participantId: null, reason: "manage:program:any",
      details: { fields, logo: logo ? "replaced" : input.removeLogo ? "removed" : "kept", fromVersion: input.version }, meta,
    });
    return { ok: true, settings: saved } as const;
  });
}

import { z } from "zod";
import { optionalText } from "../schema-fields.ts";
import { DEFAULT_QUIET_HOURS, TIME_OF_DAY } from "../messages/quiet-hours.ts";
import { isTimeZone } from "./time-zone.ts";

/** A logo small enough to sit in every printout and page: 200 KB. */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const quietHoursField = z.union([z.literal(""), z.string().trim().regex(TIME_OF_DAY, { error: "texts.quietHours.invalid" })]).nullish()
  .transform((v) => (v === undefined ? undefined : v ? v : null));

/** What an administrator sets on the program settings page, and the API takes. */
export const programSettingsInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: "program.name.required" }).max(200, { error: "common.tooLong" }),
  address: optionalText(500),
  phone: optionalText(50),
  timeZone: z.string().trim().refine(isTimeZone, { error: "program.timeZone.invalid" }),
  /** When texts stop and start again (HH:MM, the program's zone); blank: the default, 21:00 to 08:00; left out (the API): as it was. */
  quietHoursStart: quietHoursField,
  quietHoursEnd: quietHoursField,
  /** Ticked: the logo on file is taken away (a new file replaces it without this). */
  removeLogo: z.union([z.boolean(), z.literal("on"), z.literal("")]).optional().transform((v) => v === true || v === "on"),
  /** "Participants may also sign in with an email and a password" (decision 0031); left out (the API): as it was. */
  participantPasswords: z.union([z.boolean(), z.enum(["on", "off"])]).optional().transform((v) => (v === undefined ? undefined : v === true || v === "on")),
  version: z.coerce.number({ error: "common.version.required" }).int().min(0),
});
export type ProgramSettingsInput = z.infer<typeof programSettingsInputSchema>;

export const programSettingsSchema = z.object({
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** Null until an administrator sets it: calendar files then carry floating local times. */
  timeZone: z.string().nullable(),
  hasLogo: z.boolean(),
  /** Texts wait out this window, in the program's zone (decision 0026). */
  quietHours: z.object({ start: z.string(), end: z.string() }),
  /** Participants may also sign in with their email and a password (decision 0031); off until an administrator turns it on. */
  participantPasswords: z.boolean(),
  /** 0 while nothing has been saved. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** The settings a program starts with, until an administrator saves its own. */
export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  name: "Allies", address: null, phone: null, timeZone: null, hasLogo: false, quietHours: DEFAULT_QUIET_HOURS, participantPasswords: false, version: 0, updatedAt: null,
};

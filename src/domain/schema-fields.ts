import { z } from "zod";

/**
 * Zod pieces every area's model uses for fields that arrive from an HTML form as
 * well as from the JSON API. Errors are message keys (src/i18n), never sentences.
 */

/** Blank means "not given": stored as null, not as an empty string. */
export const optionalText = (max: number, tooLongKey = "common.tooLong") =>
  z.string().trim().max(max, { error: tooLongKey }).nullish().transform((v) => (v ? v : null));

/** A calendar day as YYYY-MM-DD, the value of an <input type="date">. */
export const isoDate = (invalidKey: string) => z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: invalidKey });

/** A day that may be left blank (null). */
export const optionalDate = (invalidKey: string) =>
  z.union([z.literal(""), isoDate(invalidKey)]).nullish().transform((v) => (v ? v : null));

/**
 * A yes/no: a browser sends "on" for a ticked box and nothing for an unticked one;
 * the API sends a boolean.
 */
export const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional()
  .transform((v) => v === true || v === "on" || v === "true");

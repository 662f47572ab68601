import { data } from "react-router";
import type { z } from "zod";
import { fieldErrorsOf, type FieldErrors } from "../../src/domain/validation.ts";

/**
 * The one way a route reads a submitted form: the body is read once here (a test
 * keeps `formData()` out of every other module), turned into a plain object for the
 * area's zod schema, and a failure comes back as message keys per field plus what
 * was sent, so the page can show both again.
 */

/** What was sent, to fill the form again: each field's (first) text. */
export type FormValues = Record<string, string>;

/** What was sent, every value of each field: the ticked boxes of a group sharing one name. */
export type FormChoices = Record<string, string[]>;

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues; chosen: FormChoices }
  | { ok: false; errors: FieldErrors; values: FormValues; chosen: FormChoices };

/** The anti-forgery token is checked by the root middleware and is no business of any schema. */
const NOT_FIELDS = new Set(["_csrf"]);

/**
 * A zod object's keys, and those whose value is a list even when the browser sent
 * that name once or not at all. Other fields a form sends (the anti-forgery token, a
 * button's name) are not handed to the schema: the areas' schemas are strict, for the API.
 */
function keysOf(schema: z.ZodType): { keys: Set<string> | null; lists: Set<string> } {
  let def = schema._zod.def as { type: string; in?: z.ZodType };
  // A schema that ends in a transform (defaults filled in after checking) is a pipe from the object.
  while (def.type === "pipe" && def.in) def = def.in._zod.def as typeof def;
  if (def.type !== "object") return { keys: null, lists: new Set() };
  const shape = (def as unknown as { shape: Record<string, z.ZodType> }).shape;
  return {
    keys: new Set(Object.keys(shape)),
    lists: new Set(Object.entries(shape).filter(([, field]) => isList(field)).map(([name]) => name)),
  };
}

function isList(field: z.ZodType): boolean {
  let def = field._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  // Optional, nullable, default and pipe (transform) wrap the type that says what the value is.
  while (def.innerType || (def.type === "pipe" && def.in)) def = (def.innerType ?? def.in)!._zod.def as typeof def;
  return def.type === "array";
}

export class SubmittedForm {
  private readonly form: FormData;

  constructor(form: FormData) {
    this.form = form;
  }

  /** A text field's value; undefined when it was not sent (an unticked box, a missing field). */
  get(name: string): string | undefined {
    const value = this.form.get(name);
    return typeof value === "string" ? value : undefined;
  }

  getAll(name: string): string[] {
    return this.form.getAll(name).filter((value): value is string => typeof value === "string");
  }

  /** An uploaded file, or null when none was chosen. */
  file(name: string): File | null {
    const value = this.form.get(name);
    return value instanceof File && value.size > 0 ? value : null;
  }

  /** Every text field as sent, the anti-forgery token included: for checks on the raw input. */
  textEntries(): [string, string][] {
    return [...this.form].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  }

  /**
   * Every text field once (only `keys` when given), as a schema expects it: a name sent
   * several times, or one in `lists`, as an array; an unticked checkbox is absent.
   */
  fields(keys: ReadonlySet<string> | null = null, lists: ReadonlySet<string> = new Set()): Record<string, string | string[]> {
    const fields: Record<string, string | string[]> = {};
    for (const name of lists) fields[name] = [];
    for (const [name, value] of this.textEntries()) {
      if (NOT_FIELDS.has(name) || (keys && !keys.has(name))) continue;
      const previous = fields[name];
      if (Array.isArray(previous)) previous.push(value);
      else if (previous !== undefined) fields[name] = [previous, value];
      else fields[name] = value;
    }
    return fields;
  }

  /**
   * Runs the schema over the fields it knows, or over what `shape` makes of them when
   * a form's fields differ from the schema's (one select standing for two values).
   */
  parse<S extends z.ZodType>(schema: S, shape?: (form: SubmittedForm, fields: Record<string, string | string[]>) => unknown): FormResult<z.output<S>> {
    const { keys, lists } = keysOf(schema);
    const fields = this.fields(keys, lists);
    const values: FormValues = {};
    const chosen: FormChoices = {};
    for (const [name, value] of this.textEntries()) {
      if (NOT_FIELDS.has(name)) continue;
      values[name] ??= value;
      (chosen[name] ??= []).push(value);
    }
    const parsed = schema.safeParse(shape ? shape(this, fields) : fields);
    if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error), values, chosen };
    return { ok: true, data: parsed.data, values, chosen };
  }
}

/**
 * Reads the request's form body; the only call of `formData()` in the app. The HTTP
 * layer has already held the body to its limit (src/server/bodies.ts); a body that
 * still cannot be read as a form (broken multipart) is the sender's error: 400.
 */
export async function readForm(request: Request): Promise<SubmittedForm> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ message: "error.body.unreadable" }, { status: 400 });
  }
  return new SubmittedForm(form);
}

export async function parseForm<S extends z.ZodType>(
  request: Request, schema: S, shape?: (form: SubmittedForm, fields: Record<string, string | string[]>) => unknown,
): Promise<FormResult<z.output<S>>> {
  return (await readForm(request)).parse(schema, shape);
}

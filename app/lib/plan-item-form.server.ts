import type { FieldErrors } from "../../src/domain/validation.ts";
import type { SubmittedForm } from "./form.server.ts";

/** The "who helps" choice is one select: a support person, or one of the other providers. */
export function planItemInput(form: SubmittedForm, fields: Record<string, unknown>) {
  const who = form.get("who") ?? "";
  const isPerson = who.startsWith("person:");
  return { ...fields, provider: isPerson ? "support_person" : who, supportPersonId: isPerson ? who.slice("person:".length) : null };
}

/** Problems with the provider or the support person belong to the one "who helps" select. */
export function planItemErrors(errors: FieldErrors): FieldErrors {
  const moved = { ...errors };
  for (const field of ["provider", "supportPersonId"]) {
    if (moved[field]) moved.who ??= moved[field];
    delete moved[field];
  }
  return moved;
}

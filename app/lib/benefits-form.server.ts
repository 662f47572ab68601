import { data, redirect } from "react-router";
import type { MessageKey } from "../../src/i18n/index.ts";
import type { FormValues } from "./form.server.ts";
import type { BenefitsActionResult, BenefitsForm } from "../routes/benefits.tsx";

/** The benefits page drawn again with one form's problem (see benefits.tsx). */
export function benefitsFailure(form: BenefitsForm, target: string | null, values: FormValues, status: number, errors: Record<string, string>, message: MessageKey | null = null) {
  return data<BenefitsActionResult>({ intent: form, target, errors, values, message }, { status });
}

/** Back to the benefits page, at the section just changed, with a word that it was saved. */
export function benefitsSaved(participantId: string, form: BenefitsForm, anchor: string) {
  return redirect(`/participants/${participantId}/benefits?done=${form}#${anchor}`);
}

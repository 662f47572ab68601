import type { Locale, LOCALES } from "./locales.ts";
import { PSEUDO_LOCALE, pseudoMessage } from "./pseudo.ts";

/**
 * Social Security's own words, in English and in the Spanish of its Spanish
 * publications (ssa.gov/espanol), kept in one place so every page, printout and
 * message says them the same way. Family-facing text uses plain words and links to
 * the glossary page (/glossary), which gives each plain meaning (catalog keys
 * `plain.glossary.<id>`) beside the official term.
 */
export const GLOSSARY = [
  { id: "ssi", official: { en: "Supplemental Security Income (SSI)", es: "Seguridad de Ingreso Suplementario (SSI)" } },
  { id: "ssdi", official: { en: "Social Security Disability Insurance (SSDI)", es: "beneficios por incapacidad del Seguro Social (SSDI)" } },
  { id: "trialWorkPeriod", official: { en: "trial work period", es: "período de trabajo de prueba" } },
  { id: "extendedPeriod", official: { en: "extended period of eligibility", es: "período extendido de elegibilidad" } },
  { id: "sga", official: { en: "substantial gainful activity (SGA)", es: "actividad sustancial y lucrativa (SGA)" } },
  { id: "cessationMonth", official: { en: "cessation month", es: "mes de cese" } },
  { id: "gracePeriod", official: { en: "grace period", es: "período de gracia" } },
  { id: "expeditedReinstatement", official: { en: "expedited reinstatement", es: "restablecimiento acelerado de beneficios" } },
  { id: "section1619b", official: { en: "section 1619(b)", es: "sección 1619(b)" } },
  { id: "earnedIncomeExclusion", official: { en: "earned income exclusion", es: "exclusión de ingresos del trabajo" } },
  { id: "irwe", official: { en: "impairment-related work expenses (IRWE)", es: "gastos de trabajo relacionados con el impedimento (IRWE)" } },
  { id: "pass", official: { en: "Plan to Achieve Self-Support (PASS)", es: "Plan para Lograr la Autosuficiencia (PASS)" } },
  { id: "ticketToWork", official: { en: "Ticket to Work", es: "programa Boleto para Trabajar (Ticket to Work)" } },
  { id: "workIncentives", official: { en: "work incentives", es: "incentivos de trabajo" } },
  { id: "benefitsCounselor", official: { en: "Community Work Incentives Coordinator (CWIC) at a Work Incentives Planning and Assistance (WIPA) project", es: "consejero(a) de beneficios (CWIC) de un proyecto de Planificación y Asistencia de Incentivos de Trabajo (WIPA)" } },
  { id: "representativePayee", official: { en: "representative payee", es: "representante de beneficiario" } },
  { id: "wageReport", official: { en: "wage report", es: "informe de salarios" } },
  { id: "payStub", official: { en: "pay stub", es: "talón de pago" } },
] as const satisfies readonly { id: string; official: Record<(typeof LOCALES)[number], string> }[];

export type GlossaryTerm = (typeof GLOSSARY)[number]["id"];

/** A term's official name in a page's language (the pseudo-locale marks the English one, as it marks the catalog). */
export function officialTerm(term: (typeof GLOSSARY)[number], locale: Locale): string {
  return locale === PSEUDO_LOCALE ? pseudoMessage(term.official.en) : term.official[locale];
}

/** One glossary entry by its id (the anchor on /glossary). */
export function glossaryTerm(id: GlossaryTerm): (typeof GLOSSARY)[number] {
  return GLOSSARY.find((term) => term.id === id)!;
}

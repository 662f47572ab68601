import { roundToCents } from "./money.ts";
import { amount, type BenefitYear } from "./parameters.ts";

/**
 * SSI for one person (no couple, no state supplement), one month at a time.
 * Rules from ../shared/benefits-rules.md, "SSI"; unused exclusions never carry over
 * to another month, so nothing here looks at other months except the student
 * exclusion's yearly cap.
 */

/** POMS SI 00820.500: the student earned income exclusion is for people under 22 who regularly attend school. */
export const STUDENT_EXCLUSION_AGE_LIMIT = 22;

/** SSI rule 1 (POMS SI 00820.500): the $20 general income exclusion comes off unearned income first. SSDI counts as unearned income here. */
export function countableUnearnedIncome(unearnedIncome: number, parameters: BenefitYear): number {
  return roundToCents(Math.max(0, unearnedIncome - amount(parameters, "generalIncomeExclusion")));
}

/** SSI rule 2 (POMS SI 00820.500): whatever unearned income did not use of the $20 general exclusion comes off earnings. */
export function generalExclusionLeftForEarnings(unearnedIncome: number, parameters: BenefitYear): number {
  return Math.max(0, amount(parameters, "generalIncomeExclusion") - Math.max(0, unearnedIncome));
}

export interface StudentFacts {
  student: boolean;
  age: number;
  studentExclusionUsedThisYear: number;
}

/**
 * SSI rule 2, first exclusion (POMS SI 00820.500): a student under 22 keeps up to the
 * monthly figure of earnings out of the count, and never more in a calendar year
 * than the yearly figure.
 */
export function studentEarnedIncomeExclusion(grossEarnings: number, facts: StudentFacts, parameters: BenefitYear): number {
  if (!facts.student || facts.age >= STUDENT_EXCLUSION_AGE_LIMIT) return 0;
  const leftThisYear = Math.max(0, amount(parameters, "studentExclusionYearly") - facts.studentExclusionUsedThisYear);
  return Math.max(0, Math.min(grossEarnings, amount(parameters, "studentExclusionMonthly"), leftThisYear));
}

export interface EarnedIncomeFacts extends StudentFacts {
  /** All unearned income of the month, SSDI included: it decides how much of the $20 is left. */
  unearnedIncome: number;
  irwe: number;
  blind: boolean;
  blindWorkExpenses: number;
  pass: number;
}

/** What each exclusion took, in the order it was applied. */
export interface EarnedIncomeExclusions {
  student: number;
  general: number;
  earnedIncome: number;
  irwe: number;
  oneHalf: number;
  blindWorkExpenses: number;
  pass: number;
}

export interface CountableEarnedIncome {
  countable: number;
  exclusions: EarnedIncomeExclusions;
}

/**
 * SSI rule 2: countable earned income with the exclusions in their legal order
 * (POMS SI 00820.500): student exclusion, what is left of the $20, the $65, IRWE
 * (POMS DI 10520.015), one half of the rest, blind work expenses, PASS. Each takes
 * only from what the previous ones left, so the result is never below 0.
 */
export function countableEarnedIncome(grossEarnings: number, facts: EarnedIncomeFacts, parameters: BenefitYear): CountableEarnedIncome {
  let remaining = Math.max(0, grossEarnings);
  const take = (available: number) => {
    const taken = Math.min(remaining, Math.max(0, available));
    remaining -= taken;
    return taken;
  };
  const student = take(studentEarnedIncomeExclusion(grossEarnings, facts, parameters));
  const general = take(generalExclusionLeftForEarnings(facts.unearnedIncome, parameters));
  const earnedIncome = take(amount(parameters, "earnedIncomeExclusion"));
  const irwe = take(facts.irwe);
  const oneHalf = take(remaining / 2);
  // Blind work expenses are by definition the work expenses of a blind person.
  const blindWorkExpenses = take(facts.blind ? facts.blindWorkExpenses : 0);
  const pass = take(facts.pass);
  return {
    countable: roundToCents(remaining),
    exclusions: { student, general, earnedIncome, irwe, oneHalf, blindWorkExpenses, pass },
  };
}

/** SSI rule 3: federal benefit rate minus countable unearned and earned income, not below 0. */
export function ssiPayment(countableUnearned: number, countableEarned: number, parameters: BenefitYear): number {
  return roundToCents(Math.max(0, amount(parameters, "ssiFederalBenefitRateIndividual") - countableUnearned - countableEarned));
}

/**
 * SSI rule 4: with earnings only (no unearned income, no other exclusions), the
 * payment reaches 0 at 2 x FBR + $20 + $65.
 */
export function ssiBreakEvenEarnings(parameters: BenefitYear): number {
  return roundToCents(
    2 * amount(parameters, "ssiFederalBenefitRateIndividual") + amount(parameters, "generalIncomeExclusion") + amount(parameters, "earnedIncomeExclusion"),
  );
}

/**
 * Plain words for families (issue 13): what Social Security's terms mean, and the
 * sentences that used to say them as jargon. Each must read at grade 6 or below
 * (src/i18n/plain-language.test.ts). The official terms are in src/i18n/glossary.ts.
 */
export const plain = {
  "plain.glossary.title": "What the words mean",
  "plain.glossary.intro": "Social Security uses many special words. Each one below starts with its name as it is in letters from Social Security. Then it says what it means in plain words.",
  "plain.glossary.link": "What do these words mean?",
  "plain.glossary.ssi": "Money from Social Security for people with a disability and little income. Pay from work can lower it.",
  "plain.glossary.ssdi": "Money from Social Security for people with a disability who worked and paid Social Security taxes in the past.",
  "plain.glossary.trialWorkPeriod": "Nine months in which you can earn any amount and still get your full disability check.",
  "plain.glossary.extendedPeriod": "The three years after the nine test months. You get your check in any month you earn less than the limit.",
  "plain.glossary.sga": "Social Security's monthly limit for pay. If you earn more than this, your disability check may stop for that month.",
  "plain.glossary.cessationMonth": "The first month you earn over the limit after the nine test months. You still get your check that month.",
  "plain.glossary.gracePeriod": "The two months after that first month. You still get your check in these months too.",
  "plain.glossary.expeditedReinstatement": "A fast way to get your check back if you stop working within five years.",
  "plain.glossary.section1619b": "The rule that lets you keep Medicaid when your pay is too high for an SSI check.",
  "plain.glossary.earnedIncomeExclusion": "Part of your pay that SSI does not count. This is why work lowers your check by less than you earn.",
  "plain.glossary.irwe": "Costs you pay for because of your disability so you can work. Social Security may not count that part of your pay.",
  "plain.glossary.pass": "A plan to save money for a work goal. Money you save this way does not lower your SSI.",
  "plain.glossary.ticketToWork": "A free program that helps people who get a disability check find work.",
  "plain.glossary.workIncentives": "Rules that help you work and keep some of your benefits.",
  "plain.glossary.benefitsCounselor": "A trained helper who checks what work will do to your benefits. It is free.",
  "plain.glossary.representativePayee": "A person or group that gets your check for you and pays your bills with it.",
  "plain.glossary.wageReport": "Telling Social Security how much you were paid each month.",
  "plain.glossary.payStub": "The paper or screen from your job that shows how much you were paid.",

  // The estimate's notes for the person and their family, without the jargon of the staff notes they replace.
  "plain.estimate.counselor": "Before you decide, ask a free benefits counselor to check these numbers.",
  "plain.estimate.medicaid": "You can often keep Medicaid after your SSI check stops, if your pay for the year stays under your state's limit.",
} as const;

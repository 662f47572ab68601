/** Issue 14, section 3: talking points on benefits and relapse, work or school, the take-home copy's hard-day person. */
export const seedsCareer = {
  "concern.talk.losing_benefits.1": "Many families fear that a job means losing SSI, SSDI or Medicaid for good. Say plainly that it does not work that way.",
  "concern.talk.losing_benefits.2": "SSI: if pay goes down again, the SSI check can start again. Within a year, there is no need to apply again.",
  "concern.talk.losing_benefits.3": "SSDI: if the check stops because of work and the job ends, the person can ask to get it back fast, within five years. There is no new claim, and checks can come while Social Security decides.",
  "concern.talk.losing_benefits.4": "Medicaid: most people keep Medicaid even when their pay is too high for an SSI check, as long as their pay for the year stays under the state's limit.",
  "concern.talk.losing_benefits.5": "Offer a meeting with a benefits counselor who can look at this person's own numbers. Invite the family too.",
  "concern.talk.losing_benefits.6": "Part-time work is a fine first step. Show what pay and checks would be at a few different hours.",
  "concern.talk.losing_benefits.7": "Offer help with the paperwork: tell Social Security about pay by the 10th of the next month, and keep every pay stub.",
  "concern.talk.relapse.1": "Ask what has helped the person stay well before, and what has set them back. Families often know.",
  "concern.talk.relapse.2": "Work is good for recovery. Studies of this kind of job support find that a job does not make people more likely to get sick again. Many people who work feel better about themselves and their lives.",
  "concern.talk.relapse.3": "A setback can happen with or without a job. It does not end help from the team, and the person can go back to work when ready.",
  "concern.talk.relapse.4": "Plan together for stress and payday: who to call, what to do with money, and how to stay in touch with treatment.",
  "concern.talk.relapse.5": "Name what the team can do: more visits from the specialist, a talk with the doctor or counselor, help from a peer worker, fewer hours for a while, or a talk with the boss if the person says yes.",
  "seedsCareer.officialTerms": "Official words:",
  "takeHome.hardDay.support.others": "After a hard day, {name} can talk with {helpers}.",
  "takeHome.hardDay.support.someoneElse": "someone else close to them",
  "takeHome.hardDay.support.ifYou": "If {name} calls you after a hard day, listen first. You do not have to fix it.",
} as const;

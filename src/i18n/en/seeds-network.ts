/** The network's words, guided discovery and dismissed commitments (issue 14 §3). */
export const seedsNetwork = {
  "network.relationshipKind.parent": "Parent",
  "network.relationshipKind.current_coworker": "Coworker at their job now",

  "network.helpKind.paperwork": "Forms and paperwork",
  "network.helpKind.interview_schedules": "Keeping track of interviews and schedules",
  "network.helpKind.job_leads": "Job leads",
  "network.helpKind.other": "Other help",
  "seedsNetwork.helpOther.label": "What other help",
  "seedsNetwork.helpOther.hint": "Needed when you tick \"Other help\". For example: watches the children during interviews.",
  "seedsNetwork.helpOther.required": "Say what the other help is.",
  "seedsNetwork.helpOther.shown": "Other help: {description}",

  "participant.flag.fosterCare": "Was in foster care",

  "seedsNetwork.choose": "Choose one",

  "seedsNetwork.intro.heading": "Why we ask about the people in your life",
  "seedsNetwork.intro.what": "A natural support is someone in your life who is on your side. They are not paid to help you. It can be a friend, a neighbor, someone from church, a coworker, or family.",
  "seedsNetwork.intro.why": "Many people helping a little is better than one person doing it all. These people will still be around long after our services end.",
  "seedsNetwork.intro.you": "You decide who counts and who we talk to. We only ask for ideas.",

  "network.discovery.earlyRiser.question": "Who gets up early and could give you a wake-up call on work days?",
  "network.discovery.earlyRiser.hint": "A short call before a shift helps many people keep a new job.",
  "network.discovery.driver.question": "Who has a car, or knows the bus routes, and could help you get to work?",
  "network.discovery.driver.hint": "A ride for the first weeks of a job can make the difference.",
  "network.discovery.knowsEmployers.question": "Who knows a lot of people, or works somewhere you might like to work?",
  "network.discovery.knowsEmployers.hint": "Many jobs are found through someone who knows the employer.",
  "network.discovery.paperwork.question": "Who is good with forms, applications and paperwork?",
  "network.discovery.paperwork.hint": "Applications, ID papers and benefit letters go faster with a helper.",
  "network.discovery.currentWork.question": "If you work now, is there a coworker you get along with?",
  "network.discovery.currentWork.hint": "A coworker on the same shift can answer questions and notice a hard day.",

  "seedsNetwork.caution.heading": "Before adding a probation or parole officer",
  "seedsNetwork.caution.power": "A probation or parole officer has power over the participant: what they learn can change the conditions of supervision.",
  "seedsNetwork.caution.agree": "Agree with the participant first on what may be shared, and on what the officer will and will not be told. Record it in the consent.",

  "seedsNetwork.firstCall.holder": "{name} is the first call now. Ticking this box moves the mark to this person.",
  "seedsNetwork.firstCall.nobody": "Nobody is the first call yet. Tick this only if the participant chooses this person.",

  "seedsNetwork.dismiss.button": "Dismiss this commitment",
  "seedsNetwork.dismiss.reason": "Reason (optional)",
  "seedsNetwork.dismiss.reasonHint": "For example: plans changed, or the person can no longer help.",
  "seedsNetwork.dismiss.restore": "Restore this commitment",
  "seedsNetwork.dismissed.mark": "Dismissed",
  "seedsNetwork.dismissed.when": "Dismissed on {date}",
  "seedsNetwork.dismissed.whenWhy": "Dismissed on {date}: {reason}",
  "seedsNetwork.dismissed.notice": "The commitment was dismissed. It is no longer shown to the support person or reminded.",
  "seedsNetwork.restored.notice": "The commitment was restored.",
  "seedsNetwork.dismissed.field": "Dismissed",
} as const;

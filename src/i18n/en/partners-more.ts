/**
 * Issue 11, finished: meetings that were called off or moved as the partners
 * read them, help requests from the participant's own page, and their history.
 * Plain words, about a 6th-grade reading level.
 */
export const partnersMore = {
  "partnerMore.meeting.cancelled": "Cancelled: this meeting on {date} will not happen.",
  "partnerMore.meeting.changed": "Changed: the meeting is now on {when}.",

  "partnerMore.own.nav.help": "Help I asked for",
  "partnerMore.own.help.title": "Help I asked for",
  "partnerMore.own.help.intro": "Ask the people who help you for something, like a ride or a wake-up call. Only people who give that kind of help, and who are allowed to see what you write, will see it.",
  "partnerMore.own.help.now": "My requests now",
  "partnerMore.own.help.none": "You have not asked for anything right now.",
  "partnerMore.own.help.ask": "Ask for help",
  "partnerMore.own.help.describe.hint": "For example: a ride to my first shift at 8:30.",
  "partnerMore.own.help.discloses": "What this tells a helper",
  "partnerMore.own.help.submit": "Ask for help",
  "partnerMore.own.help.history": "Past requests",
  "partnerMore.own.help.historyNone": "No past requests.",
  "partnerMore.own.help.notice.posted": "Your request is posted.",
  "partnerMore.own.help.notice.withdrawn": "You took back your request.",
  "partnerMore.own.help.notice.done": "Marked as done. Thank you for saying so.",

  "partnerMore.help.when": "On {date}",
  "partnerMore.help.whenAt": "On {date} at {time}",
  "partnerMore.help.status.done": "Done. {name} helped.",
  "partnerMore.help.status.doneNobody": "Done.",
  "partnerMore.help.status.cancelled": "Taken back on {date}.",
  "partnerMore.help.withdraw": "Take back this request",
  "partnerMore.help.markDone": "Mark as done",
  "partnerMore.help.history": "Past help requests",
  "partnerMore.help.fromOverview": "Ask the network for help",
} as const;

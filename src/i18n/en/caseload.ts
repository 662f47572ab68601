/** Part nav14 (issue 14): the navigation of a participant's pages, moving a caseload. */
export const caseload = {
  "nav.calendar": "Calendar",

  "participantNav.caption": "Participant",
  "participantNav.label": "Sections of {name}'s record",
  "participantNav.archived": "Archived",
  "participantNav.overview": "Overview",
  "participantNav.network": "Network and consent",
  "participantNav.meetings": "Meetings",
  "participantNav.plan": "Job support plan",
  "participantNav.wins": "Small wins",
  "participantNav.concerns": "Concerns",
  "participantNav.benefits": "Benefits",
  "participantNav.contacts": "Contact notes",
  "participantNav.messages": "Messages",
} as const;

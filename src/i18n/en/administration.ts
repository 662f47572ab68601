/** The administration page: one place that lists the program's administration pages a person may open. */
export const administration = {
  "nav.administration": "Administration",
  "administration.title": "Administration",
  "administration.intro": "The program's settings and records. You see only the pages your account may use.",
  "administration.tool.users": "Staff accounts, invitations, teams, and moving a caseload when someone leaves.",
  "administration.tool.program": "The program's name, logo, contact details, time zone and options.",
  "administration.tool.messages": "Emails and texts waiting, sent or failed, and trying a failed one again.",
  "administration.tool.import": "Bring participants and their support persons in from a spreadsheet.",
  "administration.tool.benefitYears": "Social Security's figures for each year, used by the benefits estimates.",
  "administration.tool.audit": "Who read or changed what, and when.",
} as const;

/** Words that reached pages and files without the catalog, found by the pseudo-locale run and the catalog tests (issue 13). */
export const strays = {
  // The calendar file's description, before the meeting's agenda.
  "strays.calendar.invites": "{name} invites you.",
  // The language switch on the pages read before signing in.
  "strays.languageSwitch.label": "Language",
} as const;

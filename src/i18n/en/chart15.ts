/** Part chart15 (issue 15 §1): a report over several teams shows a bar and a row per team, each leading to that team's report. */
export const chart15 = {
  "reportChart.jobStarts": "Job starts by team",
  "reportChart.competitive": "Share of participants in competitive jobs, by team",
  "reportChart.involved": "Share of participants with an involved support, by team",
  "reportChart.teams.intro": "This report covers {count, plural, one {# team} other {# teams}}, so it shows one line for each team. Choose a team's name to see its specialists. The spreadsheet (CSV) has a row for every specialist.",
  "reportChart.teams.caption": "Figures by team, {from} to {to}",
  "reportChart.col.specialists": "Specialists",
  "reportChart.specialist.teamFirst": "To see one specialist, choose their team first and show the report.",
  "reportChart.allTeams": "Back to all teams",
} as const;

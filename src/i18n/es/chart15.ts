import type { chart15 as english } from "../en/chart15.ts";

/** Parte chart15 (issue 15 §1): un informe de varios equipos muestra una barra y una fila por equipo. */
export const chart15: Record<keyof typeof english, string> = {
  "reportChart.jobStarts": "Empleos comenzados por equipo",
  "reportChart.competitive": "Porcentaje de participantes con empleo competitivo, por equipo",
  "reportChart.involved": "Porcentaje de participantes con una persona de apoyo participando, por equipo",
  "reportChart.teams.intro": "Este informe abarca {count, plural, one {# equipo} other {# equipos}}, por eso muestra una línea por equipo. Elija el nombre de un equipo para ver a sus especialistas. La hoja de cálculo (CSV) tiene una fila por cada especialista.",
  "reportChart.teams.caption": "Cifras por equipo, del {from} al {to}",
  "reportChart.col.specialists": "Especialistas",
  "reportChart.specialist.teamFirst": "Para ver a un especialista, primero elija su equipo y vea el informe.",
  "reportChart.allTeams": "Volver a todos los equipos",
};

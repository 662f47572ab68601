import { reports15 as english } from "../en/reports15.ts";

/** Spanish for the messages of en/reports15.ts: every key, nothing else (the type holds it to the English file). */
export const reports15: Record<keyof typeof english, string> = {
  "export.caseload.link": "Descargar esta lista como hoja de cálculo (CSV)",
  "export.caseload.hint": "Todas las páginas de la lista, con la misma búsqueda. La descarga queda anotada en el registro de auditoría.",
  "export.col.id": "Id en Allies",
  "export.col.externalId": "Id del programa",
  "export.col.lastName": "Apellido",
  "export.col.firstName": "Nombre",
  "export.col.preferredName": "Nombre preferido",
  "export.col.specialist": "Especialista",
  "export.col.team": "Equipo",
  "export.col.status": "Estado",
  "export.col.language": "Idioma preferido",
  "export.col.nextMeeting": "Próxima reunión",
  "export.col.working": "Trabaja ahora",
  "export.col.addedOn": "Fecha de alta",
  "export.status.active": "Activo",
  "export.status.archived": "Archivado",
  "export.yes": "Sí",
  "export.no": "No",
};

import { caseload as english } from "../en/caseload.ts";

/** Spanish for the messages of en/caseload.ts: every key, nothing else (the type holds it to the English file). */
export const caseload: Record<keyof typeof english, string> = {
  "nav.calendar": "Calendario",

  "participantNav.caption": "Participante",
  "participantNav.label": "Secciones del expediente de {name}",
  "participantNav.archived": "Archivado",
  "participantNav.overview": "Resumen",
  "participantNav.network": "Red y consentimiento",
  "participantNav.meetings": "Reuniones",
  "participantNav.plan": "Plan de apoyo para el trabajo",
  "participantNav.wins": "Pequeños logros",
  "participantNav.concerns": "Preocupaciones",
  "participantNav.benefits": "Beneficios",
  "participantNav.contacts": "Notas de contacto",
  "participantNav.messages": "Mensajes",
};

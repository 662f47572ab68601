import { administration as english } from "../en/administration.ts";

/** Spanish for the messages of en/administration.ts: every key, nothing else (the type holds it to the English file). */
export const administration: Record<keyof typeof english, string> = {
  "nav.administration": "Administración",
  "administration.title": "Administración",
  "administration.intro": "La configuración y los registros del programa. Solo ve las páginas que su cuenta puede usar.",
  "administration.tool.users": "Cuentas del personal, invitaciones, equipos y cómo pasar una lista de casos cuando alguien se va.",
  "administration.tool.program": "El nombre, el logotipo, los datos de contacto, la zona horaria y las opciones del programa.",
  "administration.tool.messages": "Correos y mensajes de texto en espera, enviados o fallidos, y cómo volver a intentar uno que falló.",
  "administration.tool.import": "Traer participantes y sus personas de apoyo desde una hoja de cálculo.",
  "administration.tool.benefitYears": "Las cifras del Seguro Social de cada año, que usan los cálculos de beneficios.",
  "administration.tool.audit": "Quién leyó o cambió qué, y cuándo.",
};

import { p12 as english } from "../en/p12.ts";

/** Spanish for the messages of en/p12.ts: every key, nothing else (the type holds it to the English file). */
export const p12: Record<keyof typeof english, string> = {
  "messages.link_issued.subject": "{program}: su enlace a su página",
  "messages.link_issued.body": "Aquí tiene su propio enlace a su página. Ábralo para ver lo nuevo y para responder. Sirve hasta el {expires}.\n\nNo comparta el enlace. Cualquier persona que lo tenga puede abrir su página. Si lo pierde, pida uno nuevo a su especialista de empleo.",
  "messages.link_issued.text": "{program}: aquí tiene el enlace a su página. No lo comparta. {pageUrl}",
  "messages.commitment_reminder.own.subject": "{program}: un recordatorio de algo que usted planeó",
  "messages.commitment_reminder.own.body": "Usted planeó hacer esto:\n\n{description}\n\nCuando esté hecho, puede decirlo en su página.",

  "links.send.legend": "¿Cómo debe llegarle el enlace?",
  "links.send.print": "Lo voy a imprimir o a leer en voz alta",
  "links.send.message": "Enviarlo por la forma que eligió: {channel, select, email {correo} text {mensaje de texto} other {ninguna elegida}}",
  "links.send.noChannel": "No eligió correo ni mensaje de texto, así que el enlace solo se puede imprimir.",
  "links.send.queued": "El enlace se enviará por {channel, select, email {correo} text {mensaje de texto} other {mensaje}} en un momento.",
  "links.send.invalid": "Elija cómo debe llegarle el enlace.",
};

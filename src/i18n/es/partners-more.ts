import { partnersMore as english } from "../en/partners-more.ts";

/** Spanish for the messages of en/partners-more.ts (usted, neutral Latin American, plain words). */
export const partnersMore: Record<keyof typeof english, string> = {
  "partnerMore.meeting.cancelled": "Cancelada: esta reunión del {date} no se va a hacer.",
  "partnerMore.meeting.changed": "Cambió: ahora la reunión es el {when}.",

  "partnerMore.own.nav.help": "La ayuda que pedí",
  "partnerMore.own.help.title": "La ayuda que pedí",
  "partnerMore.own.help.intro": "Pida algo a las personas que lo apoyan, como que lo lleven en carro o que lo llamen para despertarlo. Solo lo verán las personas que dan ese tipo de ayuda y que tienen permiso para ver lo que usted escribe.",
  "partnerMore.own.help.now": "Mis pedidos de ahora",
  "partnerMore.own.help.none": "Ahora no ha pedido nada.",
  "partnerMore.own.help.ask": "Pedir ayuda",
  "partnerMore.own.help.describe.hint": "Por ejemplo: que me lleven a mi primer turno a las 8:30.",
  "partnerMore.own.help.discloses": "Lo que este pedido le dice a quien ayuda",
  "partnerMore.own.help.submit": "Pedir ayuda",
  "partnerMore.own.help.history": "Pedidos anteriores",
  "partnerMore.own.help.historyNone": "No hay pedidos anteriores.",
  "partnerMore.own.help.notice.posted": "Su pedido ya está publicado.",
  "partnerMore.own.help.notice.withdrawn": "Usted retiró su pedido.",
  "partnerMore.own.help.notice.done": "Quedó marcado como hecho. Gracias por avisar.",

  "partnerMore.help.when": "El {date}",
  "partnerMore.help.whenAt": "El {date} a las {time}",
  "partnerMore.help.status.done": "Hecho. {name} ayudó.",
  "partnerMore.help.status.doneNobody": "Hecho.",
  "partnerMore.help.status.cancelled": "Retirado el {date}.",
  "partnerMore.help.withdraw": "Retirar este pedido",
  "partnerMore.help.markDone": "Marcar como hecho",
  "partnerMore.help.history": "Pedidos de ayuda anteriores",
  "partnerMore.help.fromOverview": "Pedir ayuda a la red de apoyo",
};

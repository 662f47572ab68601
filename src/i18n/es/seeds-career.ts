import { seedsCareer as english } from "../en/seeds-career.ts";

/** Spanish for the messages of en/seeds-career.ts: every key, nothing else (the type holds it to the English file). */
export const seedsCareer: Record<keyof typeof english, string> = {
  "concern.talk.losing_benefits.1": "Muchas familias temen que un trabajo signifique perder para siempre la Seguridad de Ingreso Suplementario (SSI), los beneficios por incapacidad del Seguro Social (SSDI) o Medicaid. Diga claramente que no es así.",
  "concern.talk.losing_benefits.2": "SSI: si el sueldo vuelve a bajar, el cheque de SSI puede empezar de nuevo. Si pasa antes de un año, no hay que volver a pedirlo.",
  "concern.talk.losing_benefits.3": "SSDI: si el cheque se detiene por el trabajo y el trabajo termina, la persona puede pedir que se lo devuelvan rápido, dentro de cinco años. No hace falta una solicitud nueva, y pueden llegar cheques mientras el Seguro Social decide.",
  "concern.talk.losing_benefits.4": "Medicaid: la mayoría de las personas siguen con Medicaid aunque su sueldo sea muy alto para recibir un cheque de SSI, mientras lo que ganan en el año no pase el límite del estado.",
  "concern.talk.losing_benefits.5": "Ofrezca una reunión con un(a) consejero(a) de beneficios que pueda revisar los números de esta persona. Invite también a la familia.",
  "concern.talk.losing_benefits.6": "Trabajar medio tiempo es un buen primer paso. Muestre cuánto serían el sueldo y los cheques con distintas cantidades de horas.",
  "concern.talk.losing_benefits.7": "Ofrezca ayuda con los trámites: avisar al Seguro Social del sueldo antes del día 10 del mes siguiente y guardar todos los talones de pago.",
  "concern.talk.relapse.1": "Pregunte qué le ha ayudado antes a la persona a mantenerse bien y qué la ha hecho retroceder. La familia muchas veces lo sabe.",
  "concern.talk.relapse.2": "El trabajo ayuda a la recuperación. Los estudios de este tipo de apoyo para el empleo muestran que tener trabajo no hace que la persona recaiga más. Muchas personas que trabajan se sienten mejor consigo mismas y con su vida.",
  "concern.talk.relapse.3": "Una recaída puede pasar con trabajo o sin él. No termina la ayuda del equipo, y la persona puede volver a trabajar cuando esté lista.",
  "concern.talk.relapse.4": "Planeen juntos cómo manejar el estrés y el día de pago: a quién llamar, qué hacer con el dinero y cómo seguir en contacto con el tratamiento.",
  "concern.talk.relapse.5": "Diga lo que el equipo puede hacer: más visitas del especialista de empleo, una conversación con el médico o consejero, ayuda de un compañero de apoyo, menos horas por un tiempo, o hablar con el jefe si la persona está de acuerdo.",
  "seedsCareer.officialTerms": "Palabras oficiales:",
  "takeHome.hardDay.support.others": "Después de un día difícil, {name} puede hablar con {helpers}.",
  "takeHome.hardDay.support.someoneElse": "otra persona cercana",
  "takeHome.hardDay.support.ifYou": "Si {name} le llama después de un día difícil, primero escuche. No tiene que resolverlo.",
};

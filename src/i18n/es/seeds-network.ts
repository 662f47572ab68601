import { seedsNetwork as english } from "../en/seeds-network.ts";

/** Spanish for the messages of en/seeds-network.ts: every key, nothing else (the type holds it to the English file). */
export const seedsNetwork: Record<keyof typeof english, string> = {
  "network.relationshipKind.parent": "Madre o padre",
  "network.relationshipKind.current_coworker": "Compañero(a) de su trabajo actual",

  "network.helpKind.paperwork": "Formularios y papeleo",
  "network.helpKind.interview_schedules": "Llevar la cuenta de entrevistas y horarios",
  "network.helpKind.job_leads": "Datos de trabajos disponibles",
  "network.helpKind.other": "Otra ayuda",
  "seedsNetwork.helpOther.label": "Qué otra ayuda",
  "seedsNetwork.helpOther.hint": "Hace falta si marca \"Otra ayuda\". Por ejemplo: cuida a los niños durante las entrevistas.",
  "seedsNetwork.helpOther.required": "Diga cuál es la otra ayuda.",
  "seedsNetwork.helpOther.shown": "Otra ayuda: {description}",

  "participant.flag.fosterCare": "Estuvo en cuidado de crianza (foster care)",

  "seedsNetwork.choose": "Elija una opción",

  "seedsNetwork.intro.heading": "Por qué le preguntamos por las personas en su vida",
  "seedsNetwork.intro.what": "Un apoyo natural es alguien en su vida que está de su lado. No le pagan por ayudarle. Puede ser una amistad, un vecino, alguien de la iglesia, un compañero de trabajo o su familia.",
  "seedsNetwork.intro.why": "Es mejor que muchas personas ayuden un poco a que una sola haga todo. Estas personas seguirán a su lado mucho después de que terminen nuestros servicios.",
  "seedsNetwork.intro.you": "Usted decide quién cuenta y con quién hablamos. Solo le pedimos ideas.",

  "network.discovery.earlyRiser.question": "¿Quién se levanta temprano y podría llamarle para despertarle los días de trabajo?",
  "network.discovery.earlyRiser.hint": "Una llamada corta antes del turno ayuda a muchas personas a mantener un trabajo nuevo.",
  "network.discovery.driver.question": "¿Quién tiene carro, o conoce las rutas del autobús, y podría ayudarle a llegar al trabajo?",
  "network.discovery.driver.hint": "Que alguien le lleve las primeras semanas de un trabajo puede hacer la diferencia.",
  "network.discovery.knowsEmployers.question": "¿Quién conoce a mucha gente, o trabaja en un lugar donde a usted le gustaría trabajar?",
  "network.discovery.knowsEmployers.hint": "Muchos trabajos se consiguen por alguien que conoce al empleador.",
  "network.discovery.paperwork.question": "¿Quién es bueno con formularios, solicitudes y papeleo?",
  "network.discovery.paperwork.hint": "Las solicitudes, los documentos de identidad y las cartas de beneficios van más rápido con ayuda.",
  "network.discovery.currentWork.question": "Si trabaja ahora, ¿hay algún compañero de trabajo con quien se lleve bien?",
  "network.discovery.currentWork.hint": "Un compañero del mismo turno puede responder preguntas y notar un día difícil.",

  "seedsNetwork.caution.heading": "Antes de agregar a un oficial de libertad condicional",
  "seedsNetwork.caution.power": "Un oficial de libertad condicional tiene poder sobre el participante: lo que sepa puede cambiar las condiciones de su supervisión.",
  "seedsNetwork.caution.agree": "Acuerde primero con el participante qué se puede compartir, y qué se le dirá y qué no se le dirá al oficial. Anótelo en el consentimiento.",

  "seedsNetwork.firstCall.holder": "{name} es ahora la primera llamada. Si marca esta casilla, la marca pasa a esta persona.",
  "seedsNetwork.firstCall.nobody": "Todavía no hay primera llamada. Márquela solo si el participante elige a esta persona.",

  "seedsNetwork.dismiss.button": "Descartar este compromiso",
  "seedsNetwork.dismiss.reason": "Motivo (opcional)",
  "seedsNetwork.dismiss.reasonHint": "Por ejemplo: cambiaron los planes, o la persona ya no puede ayudar.",
  "seedsNetwork.dismiss.restore": "Recuperar este compromiso",
  "seedsNetwork.dismissed.mark": "Descartado",
  "seedsNetwork.dismissed.when": "Descartado el {date}",
  "seedsNetwork.dismissed.whenWhy": "Descartado el {date}: {reason}",
  "seedsNetwork.dismissed.notice": "Se descartó el compromiso. La persona de apoyo ya no lo ve ni recibe recordatorios.",
  "seedsNetwork.restored.notice": "Se recuperó el compromiso.",
  "seedsNetwork.dismissed.field": "Descartado",
};

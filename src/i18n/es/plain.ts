import { plain as english } from "../en/plain.ts";

/** Spanish for the messages of en/plain.ts: usted, palabras sencillas, los términos del Seguro Social. */
export const plain: Record<keyof typeof english, string> = {
  "plain.glossary.title": "Qué quieren decir las palabras",
  "plain.glossary.intro": "El Seguro Social usa muchas palabras especiales. Cada una empieza con su nombre tal como está en las cartas del Seguro Social. Luego dice qué quiere decir en palabras sencillas.",
  "plain.glossary.link": "¿Qué quieren decir estas palabras?",
  "plain.glossary.ssi": "Dinero del Seguro Social para personas con una discapacidad y pocos ingresos. El sueldo de un trabajo puede bajarlo.",
  "plain.glossary.ssdi": "Dinero del Seguro Social para personas con una discapacidad que trabajaron y pagaron impuestos del Seguro Social en el pasado.",
  "plain.glossary.trialWorkPeriod": "Nueve meses en los que usted puede ganar cualquier cantidad y seguir recibiendo su cheque completo por incapacidad.",
  "plain.glossary.extendedPeriod": "Los tres años después de los nueve meses de prueba. Usted recibe su cheque en cualquier mes en que gane menos del límite.",
  "plain.glossary.sga": "El límite de sueldo por mes del Seguro Social. Si usted gana más, su cheque por incapacidad puede pararse ese mes.",
  "plain.glossary.cessationMonth": "El primer mes en que usted gana más del límite después de los nueve meses de prueba. Ese mes todavía recibe su cheque.",
  "plain.glossary.gracePeriod": "Los dos meses después de ese primer mes. En esos meses también recibe su cheque.",
  "plain.glossary.expeditedReinstatement": "Una forma rápida de recuperar su cheque si deja de trabajar antes de cinco años.",
  "plain.glossary.section1619b": "La regla que le deja seguir con Medicaid cuando su sueldo es muy alto para recibir un cheque de SSI.",
  "plain.glossary.earnedIncomeExclusion": "La parte de su sueldo que SSI no cuenta. Por eso el trabajo baja su cheque menos de lo que usted gana.",
  "plain.glossary.irwe": "Gastos que usted paga por su discapacidad para poder trabajar. El Seguro Social puede no contar esa parte de su sueldo.",
  "plain.glossary.pass": "Un plan para ahorrar dinero para una meta de trabajo. Lo que ahorra así no baja su SSI.",
  "plain.glossary.ticketToWork": "Un programa gratis que ayuda a encontrar trabajo a las personas que reciben un cheque por incapacidad.",
  "plain.glossary.workIncentives": "Reglas que le ayudan a trabajar y a quedarse con parte de sus beneficios.",
  "plain.glossary.benefitsCounselor": "Una persona preparada que revisa qué le hará el trabajo a sus beneficios. Es gratis.",
  "plain.glossary.representativePayee": "Una persona o un grupo que recibe su cheque por usted y paga sus cuentas con él.",
  "plain.glossary.wageReport": "Decirle al Seguro Social cuánto le pagaron cada mes.",
  "plain.glossary.payStub": "El papel o la pantalla de su trabajo que muestra cuánto le pagaron.",

  "plain.estimate.counselor": "Antes de decidir, pida a un consejero de beneficios gratis que revise estos números.",
  "plain.estimate.medicaid": "Muchas veces usted puede seguir con Medicaid después de que para su cheque de SSI, si su sueldo del año no pasa el límite de su estado.",
};

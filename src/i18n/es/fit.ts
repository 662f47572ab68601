import { fit as english } from "../en/fit.ts";

/** Spanish for the messages of en/fit.ts: every key, nothing else (the type holds it to the English file). */
export const fit: Record<keyof typeof english, string> = {
  "fit.discover.intro": "Haga estas preguntas junto con el participante. Cuando nombre a alguien, agregue a esa persona con el formulario: elija la pregunta y escriba quién es. Puede agregar más datos después.",
  "fit.discover.introReadOnly": "Preguntas para hacer junto con el participante y las personas que salieron de cada una.",
  "fit.discover.addFor": "Agregar a alguien para esta pregunta",
  "fit.discover.formHeading": "Agregar a una persona",
  "fit.discover.question": "Pregunta de la que salió esta persona",
  "fit.discover.questionHint": "Así podrá ver después de dónde salió cada persona.",
  "fit.discover.otherHint": "Solo si la relación no está en la lista: elija Otro arriba y explique aquí cuál es.",
  "fit.benefits.changeProfile": "Cambiar el perfil de beneficios",
  "fit.ecomap.scroll": "Mapa de la red. En una pantalla pequeña, deslice hacia los lados para verlo completo.",
};

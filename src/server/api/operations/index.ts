import type { ApiOperation } from "../operation.ts";
import { benefitsOperations } from "./benefits.ts";
import { caseloadOperations } from "./caseload.ts";
import { concernOperations } from "./concerns.ts";
import { consentOperations } from "./consent.ts";
import { contactNoteOperations } from "./contacts.ts";
import { fhirOperations } from "./fhir.ts";
import { exportOperations } from "./exports.ts";
import { familyOperations } from "./families.ts";
import { jobOperations } from "./jobs.ts";
import { meetingOperations } from "./meetings.ts";
import { milestoneOperations } from "./milestones.ts";
import { networkOperations } from "./network.ts";
import { participantOperations } from "./participants.ts";
import { partnerOperations } from "./partners.ts";
import { planOperations } from "./plans.ts";

/** Every /api/v1 operation: the router mounts these and the OpenAPI document describes these, and nothing else. */
export const apiOperations: readonly ApiOperation[] = [
  ...participantOperations,
  ...networkOperations,
  ...consentOperations,
  ...meetingOperations,
  ...concernOperations,
  ...contactNoteOperations,
  ...jobOperations,
  ...planOperations,
  ...partnerOperations,
  ...milestoneOperations,
  ...benefitsOperations,
  ...caseloadOperations,
  ...fhirOperations,
  ...exportOperations,
  ...familyOperations,
];

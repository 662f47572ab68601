import { mayFileInHealthRecord, type DisclosurePiece, type HealthRecordConsent } from "../consent/disclosure.ts";
import { PART2_CATEGORY, type ConsentCategory } from "../consent/model.ts";
import type { GrantStatus } from "../consent/check.ts";
import type { PlanStatus } from "../plans/model.ts";
import type { RelationshipKind } from "../network/vocabulary.ts";
import type { ExportFacts, FhirBundle, FhirResource, LeftOut } from "./model.ts";

/**
 * A participant's record as a FHIR R4 Bundle for the program's own health record
 * (decision 0043). Pure: the facts, the consent for Part 2 information, the moment
 * and a source of UUIDs come in; the Bundle and what was left out come back.
 */

/**
 * Allies' own code systems and identifier systems. URNs, so no deployment's web
 * address is written into a code, and no domain Allies does not hold is claimed.
 */
export const ALLIES_SYSTEM = {
  consentCategory: "urn:allies:fhir:CodeSystem:consent-category",
  supportKind: "urn:allies:fhir:CodeSystem:support-kind",
  relationship: "urn:allies:fhir:CodeSystem:relationship",
  careTeamRole: "urn:allies:fhir:CodeSystem:care-team-role",
  goalCategory: "urn:allies:fhir:CodeSystem:goal-category",
  consentPurpose: "urn:allies:fhir:StructureDefinition:consent-purpose",
  participantId: "urn:allies:fhir:identifier:participant",
  externalId: "urn:allies:fhir:identifier:program-participant",
  staffId: "urn:allies:fhir:identifier:staff",
  supportPersonId: "urn:allies:fhir:identifier:support-person",
  grantId: "urn:allies:fhir:identifier:consent-grant",
  planItemId: "urn:allies:fhir:identifier:plan-item",
} as const;

const ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
const ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

/**
 * The DS4P labels of a resource holding Part 2 information: the law that governs
 * it (v3-ActCode ActPrivacyLaw `42CFRPart2`), restricted confidentiality, and the
 * ban on redisclosure without consent that 42 CFR 2.32 asks to travel with it.
 */
export const PART2_SECURITY = [
  { system: ACT_CODE, code: "42CFRPart2", display: "42 CFR Part2" },
  { system: CONFIDENTIALITY, code: "R", display: "restricted" },
  { system: ACT_CODE, code: "NORDSCLCD", display: "no redisclosure without consent directive" },
] as const;

/** Standard sensitivity codes where one exists for a category (v3-ActCode InformationSensitivityPolicy). */
const SENSITIVITY: Partial<Record<ConsentCategory, { code: string; display: string }>> = {
  substance_use_treatment: { code: "ETH", display: "substance abuse information sensitivity" },
  mental_health_treatment: { code: "PSY", display: "psychiatry disorder information sensitivity" },
};

/** v3-RoleCode personal relationships, where one says the same thing as ours. */
const ROLE_CODES: Partial<Record<RelationshipKind, { code: string; display: string }>> = {
  relative: { code: "FAMMEMB", display: "family member" },
  parent: { code: "PRN", display: "parent" },
  partner: { code: "SIGOTHR", display: "significant other" },
  friend: { code: "FRND", display: "unrelated friend" },
  roommate: { code: "ROOM", display: "Roommate" },
  neighbour: { code: "NBOR", display: "neighbor" },
};

function categoryConcept(category: ConsentCategory) {
  const standard = SENSITIVITY[category];
  return {
    coding: [
      { system: ALLIES_SYSTEM.consentCategory, code: category },
      ...(standard ? [{ system: ACT_CODE, ...standard }] : []),
    ],
  };
}

/** Grant states as FHIR Consent states: a signed grant is in force (its period says from when) until it expires, ends or is revoked. */
function consentStatus(status: GrantStatus): "active" | "inactive" {
  return status === "active" || status === "not_started" ? "active" : "inactive";
}

/** Plan item states as CarePlan activity states; a dismissed commitment is cancelled. */
const ACTIVITY_STATUS: Record<PlanStatus, string> = {
  proposed: "not-started",
  agreed: "scheduled",
  active: "in-progress",
  paused: "on-hold",
  done: "completed",
};

const PART2_PIECE: DisclosurePiece = { categories: [PART2_CATEGORY] };

export interface FhirExport {
  bundle: FhirBundle;
  leftOut: LeftOut;
  /** Every consent category the Bundle discloses, for the audit row. */
  categories: ConsentCategory[];
}

export function buildFhirBundle(facts: ExportFacts, consent: HealthRecordConsent | null, at: Date, newUuid: () => string): FhirExport {
  const entries: { fullUrl: string; resource: FhirResource }[] = [];
  const disclosed = new Set<ConsentCategory>();
  const leftOut: LeftOut = { part2: 0, unreviewed: 0 };
  const add = (resource: FhirResource) => {
    const fullUrl = `urn:uuid:${newUuid()}`;
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };
  const part2Filed = mayFileInHealthRecord(PART2_PIECE, consent, at);
  const { participant } = facts;

  const patient = add({
    resourceType: "Patient",
    identifier: [
      { system: ALLIES_SYSTEM.participantId, value: participant.id },
      ...(participant.externalId ? [{ system: ALLIES_SYSTEM.externalId, value: participant.externalId }] : []),
    ],
    active: !participant.archived,
    name: [
      { use: "official", family: participant.lastName, given: [participant.firstName] },
      ...(participant.preferredName ? [{ use: "usual", family: participant.lastName, given: [participant.preferredName] }] : []),
    ],
    ...telecomOf(participant),
    communication: [{ language: { coding: [{ system: "urn:ietf:bcp:47", code: participant.preferredLanguage }] }, preferred: true }],
  });

  const specialist = add({
    resourceType: "Practitioner",
    identifier: [{ system: ALLIES_SYSTEM.staffId, value: facts.specialist.id }],
    active: true,
    name: [{ text: facts.specialist.name }],
  });

  // A person the program knows only through a substance use consent, or a recovery
  // sponsor, would tell the record about substance use treatment by being there.
  const part2Person = (personId: string, kind: RelationshipKind) => {
    const grants = facts.grants.filter((g) => g.supportPersonId === personId);
    return kind === "sponsor" || (grants.length > 0 && grants.every((g) => g.categories.includes(PART2_CATEGORY)));
  };
  const people = new Map<string, { reference: string }>();
  for (const person of facts.supportPersons) {
    if (part2Person(person.id, person.relationshipKind)) {
      if (!part2Filed) { leftOut.part2 += 1; continue; }
      disclosed.add(PART2_CATEGORY);
    }
    const role = ROLE_CODES[person.relationshipKind];
    people.set(person.id, add({
      resourceType: "RelatedPerson",
      ...(part2Person(person.id, person.relationshipKind) ? { meta: { security: PART2_SECURITY } } : {}),
      identifier: [{ system: ALLIES_SYSTEM.supportPersonId, value: person.id }],
      active: person.endedAt === null,
      patient,
      relationship: [{
        coding: [{ system: ALLIES_SYSTEM.relationship, code: person.relationshipKind }, ...(role ? [{ system: ROLE_CODE, ...role }] : [])],
        ...(person.relationshipOther ? { text: person.relationshipOther } : {}),
      }],
      name: [{ text: person.name }],
      ...telecomOf(person),
      ...(person.preferredLanguage ? { communication: [{ language: { coding: [{ system: "urn:ietf:bcp:47", code: person.preferredLanguage }] }, preferred: true }] } : {}),
    }));
  }

  for (const grant of facts.grants) {
    const recipient = people.get(grant.supportPersonId);
    const isPart2 = grant.categories.includes(PART2_CATEGORY);
    if (isPart2 && !part2Filed) { leftOut.part2 += 1; continue; }
    // The person it names was left out above: so is what they were allowed to know.
    if (!recipient) { leftOut.part2 += 1; continue; }
    grant.categories.forEach((c) => disclosed.add(c));
    add({
      resourceType: "Consent",
      ...(isPart2 ? { meta: { security: PART2_SECURITY } } : {}),
      extension: [{ url: ALLIES_SYSTEM.consentPurpose, valueString: grant.purpose }],
      identifier: [{ system: ALLIES_SYSTEM.grantId, value: grant.id }],
      status: consentStatus(grant.status),
      scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" }] },
      category: [{ coding: [{ system: "http://loinc.org", code: "64292-6", display: "Release of information consent" }] }],
      patient,
      dateTime: grant.signedOn,
      performer: [patient],
      ...(isPart2 ? { policy: [{ authority: "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2" }] } : {}),
      policyRule: { coding: [isPart2 ? { system: ACT_CODE, code: "42CFRPart2", display: "42 CFR Part2" } : { system: ACT_CODE, code: "OPTIN", display: "opt-in" }] },
      provision: {
        type: "permit",
        period: { start: grant.startsOn, ...(grant.expiresOn ? { end: grant.expiresOn } : grant.endedAt ? { end: grant.endedAt } : {}) },
        actor: [{ role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP", display: "information recipient" }] }, reference: recipient }],
        action: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentaction", code: "disclose" }] }],
        purpose: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "SUPNWK", display: "support network" }],
        code: grant.categories.map(categoryConcept),
        // A category withdrawn on its own is a deny from the day it was withdrawn.
        ...(grant.withdrawn.length > 0 ? {
          provision: grant.withdrawn.map((w) => ({ type: "deny", period: { start: w.revokedAt }, code: [categoryConcept(w.category)] })),
        } : {}),
      },
    });
  }

  const taking = facts.supportPersons.filter((p) => p.endedAt === null && p.status !== "do_not_contact" && facts.grants.some((g) => g.supportPersonId === p.id && g.status === "active"));
  const careTeam = add({
    resourceType: "CareTeam",
    status: participant.archived ? "inactive" : "active",
    name: "Supported employment team",
    subject: patient,
    participant: [
      { role: [{ coding: [{ system: ALLIES_SYSTEM.careTeamRole, code: "employment_specialist" }], text: "Employment specialist" }], member: specialist },
      ...taking.flatMap((p) => {
        const member = people.get(p.id);
        return member ? [{ role: [{ coding: [{ system: ALLIES_SYSTEM.careTeamRole, code: "support_person" }], text: "Support person" }], member }] : [];
      }),
    ],
  });

  let goal: { reference: string } | null = null;
  if (participant.workGoal) {
    disclosed.add("employment_goals");
    goal = add({
      resourceType: "Goal",
      lifecycleStatus: participant.archived ? "cancelled" : "active",
      category: [{ coding: [{ system: ALLIES_SYSTEM.goalCategory, code: "work" }], text: "Work goal" }],
      description: { text: participant.workGoal },
      subject: patient,
    });
  }

  const filed = facts.planItems.filter((item) => {
    if (mayFileInHealthRecord({ categories: item.discloses }, consent, at)) return true;
    if (item.discloses.length === 0) leftOut.unreviewed += 1;
    else leftOut.part2 += 1;
    return false;
  });
  const planHasPart2 = filed.some((item) => item.discloses.includes(PART2_CATEGORY));
  filed.forEach((item) => item.discloses.forEach((c) => disclosed.add(c)));
  add({
    resourceType: "CarePlan",
    ...(planHasPart2 ? { meta: { security: PART2_SECURITY } } : {}),
    status: participant.archived ? "completed" : "active",
    intent: "plan",
    title: "Job support plan",
    subject: patient,
    careTeam: [careTeam],
    ...(goal ? { goal: [goal] } : {}),
    ...(filed.length > 0 ? {
      activity: filed.map((item) => {
        const performer = item.provider === "support_person" && item.supportPersonId ? people.get(item.supportPersonId)
          : item.provider === "specialist" ? specialist : item.provider === "participant" ? patient : undefined;
        return {
          detail: {
            code: { coding: [{ system: ALLIES_SYSTEM.supportKind, code: item.kind }] },
            status: item.dismissed ? "cancelled" : ACTIVITY_STATUS[item.status],
            ...(item.startsOn || item.endsOn ? { scheduledPeriod: { ...(item.startsOn ? { start: item.startsOn } : {}), ...(item.endsOn ? { end: item.endsOn } : {}) } } : {}),
            ...(performer ? { performer: [performer] } : {}),
            description: item.description,
          },
        };
      }),
    } : {}),
  });

  const categories = [...disclosed].sort();
  if (consent && part2Filed && categories.includes(PART2_CATEGORY)) {
    // The consent the Part 2 information was filed on travels with it.
    add({
      resourceType: "Consent",
      meta: { security: PART2_SECURITY },
      status: "active",
      scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" }] },
      category: [{ coding: [{ system: "http://loinc.org", code: "64292-6", display: "Release of information consent" }] }],
      patient,
      dateTime: consent.signedOn,
      performer: [patient],
      policy: [{ authority: "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2" }],
      policyRule: { coding: [{ system: ACT_CODE, code: "42CFRPart2", display: "42 CFR Part2" }] },
      provision: {
        type: "permit",
        period: { start: consent.signedOn },
        action: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentaction", code: "disclose" }] }],
        purpose: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "TREAT", display: "treatment" }],
        code: [categoryConcept(PART2_CATEGORY)],
      },
    });
  }

  return {
    bundle: {
      resourceType: "Bundle",
      ...(categories.includes(PART2_CATEGORY) ? { meta: { security: PART2_SECURITY } } : {}),
      type: "collection",
      timestamp: at.toISOString(),
      entry: entries,
    },
    leftOut,
    categories,
  };
}

function telecomOf(person: { phone: string | null; email: string | null }) {
  const telecom = [
    ...(person.phone ? [{ system: "phone", value: person.phone }] : []),
    ...(person.email ? [{ system: "email", value: person.email }] : []),
  ];
  return telecom.length > 0 ? { telecom } : {};
}

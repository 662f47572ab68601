import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { RequestMeta } from "../auth/actor.ts";
import type { AuthorizedParticipant } from "../access/model.ts";
import { grantStatus, type GrantFacts, type RevocationFacts } from "../consent/check.ts";
import { disclosesOf } from "../consent/disclosure.ts";
import type { ConsentCategory } from "../consent/model.ts";
import type { PlanStatus, Provider } from "../plans/model.ts";
import type { RelationshipKind, RelationshipStatus } from "../network/vocabulary.ts";
import { buildFhirBundle, type FhirExport } from "./mapping.ts";
import type { ExportFacts, FhirExportRequest } from "./model.ts";
import { fhirActions } from "./policy.ts";

async function loadFacts(trx: Trx, access: AuthorizedParticipant, at: Date): Promise<ExportFacts> {
  const participantId = access.participant.id;
  const participant = await trx.selectFrom("participants")
    .select(["id", "external_id", "first_name", "last_name", "preferred_name", "phone", "email", "preferred_language", "status", "work_goal"])
    .where("id", "=", participantId).executeTakeFirstOrThrow();
  const people = await trx.selectFrom("support_persons")
    .select(["id", "name", "relationship_kind", "relationship_other", "status", "phone", "email", "preferred_language", "ended_at"])
    .where("participant_id", "=", participantId).orderBy("created_at").orderBy("id").execute();
  const grants = await trx.selectFrom("consent_grants").selectAll().where("participant_id", "=", participantId).orderBy("recorded_at").orderBy("id").execute();
  const revocations = grants.length === 0 ? [] : await trx.selectFrom("consent_revocations")
    .select(["grant_id", "category", "revoked_at"]).where("grant_id", "in", grants.map((g) => g.id)).orderBy("revoked_at").execute();
  const revocationFacts = revocations.map((r): RevocationFacts => ({ grantId: r.grant_id, category: r.category as ConsentCategory | null, revokedAt: r.revoked_at }));
  const items = await trx.selectFrom("plan_items")
    .select(["id", "kind", "description", "provider", "support_person_id", "starts_on", "ends_on", "status", "dismissed_at", "discloses"])
    .where("participant_id", "=", participantId).orderBy("created_at").orderBy("id").execute();
  return {
    participant: {
      id: participant.id, externalId: participant.external_id, firstName: participant.first_name, lastName: participant.last_name,
      preferredName: participant.preferred_name, phone: participant.phone, email: participant.email, preferredLanguage: participant.preferred_language,
      archived: participant.status === "archived", workGoal: participant.work_goal,
    },
    specialist: { id: access.participant.specialistId, name: access.participant.specialistName },
    supportPersons: people.map((p) => ({
      id: p.id, name: p.name, relationshipKind: p.relationship_kind as RelationshipKind, relationshipOther: p.relationship_other,
      status: p.status as RelationshipStatus, phone: p.phone, email: p.email, preferredLanguage: p.preferred_language, endedAt: p.ended_at,
    })),
    grants: grants.map((g) => {
      const facts: GrantFacts = {
        id: g.id, supportPersonId: g.support_person_id, categories: disclosesOf(g.categories), mayAttendMeetings: g.may_attend_meetings === 1,
        mayReceivePlan: g.may_receive_plan === 1, mayBeContacted: g.may_be_contacted === 1, startsOn: g.starts_on, expiresOn: g.expires_on,
        recordedAt: g.recorded_at, endedAt: g.ended_at,
      };
      const mine = revocationFacts.filter((r) => r.grantId === g.id);
      const whole = mine.find((r) => r.category === null);
      return {
        id: g.id, supportPersonId: g.support_person_id, categories: [...facts.categories], purpose: g.purpose, startsOn: g.starts_on,
        expiresOn: g.expires_on, expiryEvent: g.expiry_event, signedOn: g.signed_on, status: grantStatus(facts, revocationFacts, at),
        withdrawn: mine.flatMap((r) => (r.category ? [{ category: r.category, revokedAt: r.revokedAt }] : [])),
        endedAt: whole?.revokedAt ?? g.ended_at,
      };
    }),
    planItems: items.map((item) => ({
      id: item.id, kind: item.kind, description: item.description, provider: item.provider as Provider, supportPersonId: item.support_person_id,
      startsOn: item.starts_on, endsOn: item.ends_on, status: item.status as PlanStatus, dismissed: item.dismissed_at !== null,
      discloses: disclosesOf(item.discloses),
    })),
  };
}

/**
 * The participant's record as a FHIR R4 Bundle for the program's own health record
 * (decision 0043). A disclosure: audited in the same transaction as the read, with
 * the categories it carried, what it left out, and the Part 2 consent it relied on.
 * Null when the actor may not export (the caller answers "not found").
 */
export async function exportParticipantFhir(db: Db, access: AuthorizedParticipant, request: FhirExportRequest, meta: RequestMeta, at = new Date()): Promise<FhirExport | null> {
  if (!fhirActions(access).export) return null;
  const participantId = access.participant.id;
  const consent = request.part2ConsentSignedOn ? { signedOn: request.part2ConsentSignedOn } : null;
  return db.transaction().execute(async (trx) => {
    const exported = buildFhirBundle(await loadFacts(trx, access, at), consent, at, randomUUID);
    await recordAudit(trx, {
      actor: access.actor, action: "fhir.export", entityType: "participant", entityId: participantId, participantId,
      reason: access.permissions.update ?? access.reason,
      details: {
        resources: exported.bundle.entry.length, categories: exported.categories,
        leftOut: exported.leftOut, part2ConsentSignedOn: consent?.signedOn ?? null,
      },
      meta,
    });
    return exported;
  });
}

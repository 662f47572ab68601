import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../../db/index.ts";
import type { ResourceTable } from "../../db/schema.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import type { Actor, ParticipantActor, RequestMeta, StaffActor, SupportPersonActor } from "../auth/actor.ts";
import { recordRefusal } from "../access/access.server.ts";
import { changeAllowed, readAllowed, type AuthorizedParticipant } from "../access/model.ts";
import { loadConsentHistory } from "../consent/consent.server.ts";
import { isReachable } from "../consent/check.ts";
import { CONSENT_CATEGORIES, type ConsentCategory } from "../consent/model.ts";
import type { RelationshipStatus } from "../network/vocabulary.ts";
import { loadReader } from "../partners/support-page.server.ts";
import { mayKeepResources, mayOfferTo, mayReadResources, offerActions } from "./policy.ts";
import type { OfferedResource, Resource, ResourceInput, ResourceKind, ResourceOfferInput, ResourceUpdate } from "./model.ts";

function categoryOf(stored: string | null): ConsentCategory | null {
  return (CONSENT_CATEGORIES as readonly string[]).includes(stored ?? "") ? stored as ConsentCategory : null;
}

function toResource(row: Selectable<ResourceTable>): Resource {
  return {
    id: row.id, name: row.name, kind: row.kind as ResourceKind, description: row.description, contact: row.contact, address: row.address,
    languages: JSON.parse(row.languages) as string[], category: categoryOf(row.category), retiredAt: row.retired_at, version: Number(row.version),
  };
}

/** The directory: every resource, those still offered first, by name. The program's own information, so reading it is not audited. */
export async function listResources(db: Db | Trx, actor: Actor): Promise<Resource[]> {
  if (!mayReadResources(actor)) return [];
  const rows = await db.selectFrom("resources").selectAll().orderBy("name").orderBy("id").execute();
  const all = rows.map(toResource);
  return [...all.filter((r) => r.retiredAt === null), ...all.filter((r) => r.retiredAt !== null)];
}

/** One resource, for its edit page: only for those who keep the directory. */
export async function getResource(db: Db | Trx, actor: Actor, resourceId: string): Promise<Resource | null> {
  return mayKeepResources(actor) ? resourceById(db, resourceId) : null;
}

async function resourceById(db: Db | Trx, resourceId: string): Promise<Resource | null> {
  const row = await db.selectFrom("resources").selectAll().where("id", "=", resourceId).executeTakeFirst();
  return row ? toResource(row) : null;
}

export type ResourceResult = { ok: true; resource: Resource } | { ok: false; reason: "not_found" } | { ok: false; reason: "conflict"; current: Resource };

export async function createResource(db: Db, actor: StaffActor, input: ResourceInput, meta: RequestMeta, at = new Date()): Promise<ResourceResult> {
  if (!mayKeepResources(actor)) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const now = at.toISOString();
    await trx.insertInto("resources").values({
      id, name: input.name, kind: input.kind, description: input.description, contact: input.contact, address: input.address,
      languages: JSON.stringify(input.languages), category: input.category, retired_at: null, version: 1,
      created_by: actor.userId, created_at: now, updated_by: actor.userId, updated_at: now,
    }).execute();
    await recordAudit(trx, { actor, action: "resource.create", entityType: "resource", entityId: id, reason: "manage:resource:any", details: { kind: input.kind, category: input.category }, meta });
    return { ok: true, resource: (await resourceById(trx, id))! };
  });
}

const FIELDS = ["name", "kind", "description", "contact", "address", "languages", "category"] as const;

/** Saves an edit over the version the person started from; when someone saved in between, nothing is written and the current entry comes back. */
export async function updateResource(db: Db, actor: StaffActor, resourceId: string, input: ResourceUpdate, meta: RequestMeta, at = new Date()): Promise<ResourceResult> {
  return changeResource(db, actor, resourceId, input.version, meta, (before) => {
    const changed = FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(input[f]));
    return {
      values: { name: input.name, kind: input.kind, description: input.description, contact: input.contact, address: input.address, languages: JSON.stringify(input.languages), category: input.category },
      fields: changed, retired: before.retiredAt !== null,
    };
  }, at);
}

/** Retires a resource: it stays on the offers already made, and is no longer offered. */
export async function retireResource(db: Db, actor: StaffActor, resourceId: string, version: number, meta: RequestMeta, at = new Date()): Promise<ResourceResult> {
  return changeResource(db, actor, resourceId, version, meta, () => ({ values: { retired_at: at.toISOString() }, fields: ["retiredAt"], retired: true }), at);
}

async function changeResource(
  db: Db, actor: StaffActor, resourceId: string, version: number, meta: RequestMeta,
  change: (before: Resource) => { values: Partial<Selectable<ResourceTable>>; fields: string[]; retired: boolean }, at: Date,
): Promise<ResourceResult> {
  return db.transaction().execute(async (trx) => {
    const before = await resourceById(trx, resourceId);
    if (!before || !mayKeepResources(actor)) {
      await recordRefusal(trx, actor, { action: "update:resource", entityType: "resource", entityId: resourceId, participantId: null, reason: before ? "not_permitted" : "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    if (before.version !== version) return { ok: false, reason: "conflict", current: before };
    const { values, fields, retired } = change(before);
    const result = await trx.updateTable("resources").set({ ...values, version: version + 1, updated_by: actor.userId, updated_at: at.toISOString() })
      .where("id", "=", resourceId).where("version", "=", version).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: before };
    await recordAudit(trx, { actor, action: "resource.update", entityType: "resource", entityId: resourceId, reason: "manage:resource:any", details: { fromVersion: version, fields, retired }, meta });
    return { ok: true, resource: (await resourceById(trx, resourceId))! };
  });
}

/** Someone on the participant's network a resource may be offered to now. */
export interface OfferRecipient { supportPersonId: string; name: string }

async function offersOf(db: Db | Trx, participantId: string, supportPersonId: string | null | "all"): Promise<OfferedResource[]> {
  let query = db.selectFrom("resource_offers as o").innerJoin("resources as r", "r.id", "o.resource_id")
    .leftJoin("support_persons as sp", "sp.id", "o.support_person_id")
    .selectAll("r").select(["o.id as offer_id", "o.offered_at", "o.support_person_id", "sp.name as support_name"])
    .where("o.participant_id", "=", participantId);
  if (supportPersonId === null) query = query.where("o.support_person_id", "is", null);
  else if (supportPersonId !== "all") query = query.where("o.support_person_id", "=", supportPersonId);
  const rows = await query.orderBy("o.offered_at", "desc").orderBy("o.id").execute();
  return rows.map((row) => ({
    offerId: row.offer_id, offeredAt: row.offered_at, resource: toResource(row),
    to: row.support_person_id === null ? { kind: "participant" as const } : { kind: "support_person" as const, supportPersonId: row.support_person_id, name: row.support_name ?? "" },
  }));
}

/** The resources offered on a participant's record and whom a new offer may go to: for the staff page, audited with the record read. */
export async function readOffers(db: Db, access: AuthorizedParticipant, meta: RequestMeta, at = new Date()): Promise<{ offers: OfferedResource[]; resources: Resource[]; people: OfferRecipient[]; canOffer: boolean } | null> {
  const can = offerActions(access);
  const reason = readAllowed(access, can.read);
  if (!reason) return null;
  return db.transaction().execute(async (trx) => {
    const offers = await offersOf(trx, access.participant.id, "all");
    const people = await trx.selectFrom("support_persons").select(["id", "name", "status", "ended_at"])
      .where("participant_id", "=", access.participant.id).where("ended_at", "is", null).orderBy("name").orderBy("id").execute();
    // Consent is checked when an offer is made, against the resource chosen; here only who may be reached at all.
    const reachable = people.filter((p) => isReachable({ id: p.id, status: p.status as RelationshipStatus, endedAt: p.ended_at }, at));
    await recordAudit(trx, { actor: access.actor, action: "participant.read", entityType: "participant", entityId: access.participant.id, participantId: access.participant.id, reason, meta });
    return {
      offers, resources: (await listResources(trx, access.actor)).filter((r) => r.retiredAt === null),
      people: reachable.map((p) => ({ supportPersonId: p.id, name: p.name })), canOffer: can.offer,
    };
  });
}

export type OfferResult = { ok: true } | { ok: false; reason: "not_found" } | { ok: false; reason: "outside_consent"; name: string; category: ConsentCategory };

/**
 * Offers a resource to the participant or to one of their supports. An offer to a
 * support person is a disclosure when the resource reveals a consent category: it
 * is refused unless their consent covers it, and audited naming the category.
 */
export async function offerResource(db: Db, access: AuthorizedParticipant, input: ResourceOfferInput, meta: RequestMeta, at = new Date()): Promise<OfferResult> {
  const { actor, participant: { id: participantId } } = access;
  const reason = changeAllowed(access, offerActions(access).offer);
  if (!reason) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const resource = await resourceById(trx, input.resourceId);
    if (!resource || resource.retiredAt !== null) {
      await recordRefusal(trx, actor, { action: "offer:resource", entityType: "resource", entityId: input.resourceId, participantId, reason: "not_found" }, meta);
      return { ok: false, reason: "not_found" };
    }
    let supportPersonId: string | null = null;
    if (input.to !== "participant") {
      const person = await trx.selectFrom("support_persons").select(["id", "name", "status", "ended_at"]).where("id", "=", input.to).where("participant_id", "=", participantId).executeTakeFirst();
      if (!person) {
        await recordRefusal(trx, actor, { action: "offer:resource", entityType: "support_person", entityId: input.to, participantId, reason: "not_found" }, meta);
        return { ok: false, reason: "not_found" };
      }
      const history = await loadConsentHistory(trx, access);
      const reader = { kind: "support_person" as const, person: { id: person.id, status: person.status as RelationshipStatus, endedAt: person.ended_at } };
      if (!mayOfferTo(history, reader, resource.category, at)) {
        return resource.category ? { ok: false, reason: "outside_consent", name: person.name, category: resource.category } : { ok: false, reason: "not_found" };
      }
      supportPersonId = person.id;
    }
    const id = randomUUID();
    await trx.insertInto("resource_offers").values({ id, resource_id: resource.id, participant_id: participantId, support_person_id: supportPersonId, offered_by: actor.userId, offered_at: at.toISOString() }).execute();
    await recordAudit(trx, {
      actor, action: "resource.offer", entityType: "resource_offer", entityId: id, participantId, reason,
      details: {
        resourceId: resource.id,
        disclosure: supportPersonId
          ? { readerKind: "support_person", readerId: supportPersonId, categories: resource.category ? [resource.category] : [] }
          : { readerKind: "participant", readerId: participantId, categories: resource.category ? [resource.category] : [] },
      },
    meta });
    return { ok: true };
  });
}

/**
 * The resources offered to this support person that their consent still lets them
 * see now (an offer of a substance use group goes away with the consent that allowed it).
 * Read inside the support page's own audited read; the page's audit row names what was shown.
 */
export async function offersForSupportPerson(db: Db | Trx, actor: SupportPersonActor, at = new Date()): Promise<OfferedResource[]> {
  const reader = await loadReader(db, actor);
  const offers = await offersOf(db, actor.participantId, actor.supportPersonId);
  return offers.filter((o) => mayOfferTo(reader.history, { kind: "support_person", person: reader.person }, o.resource.category, at));
}

/** The resources offered to the participant themselves, for their own page. */
export async function offersForParticipant(db: Db | Trx, actor: ParticipantActor): Promise<OfferedResource[]> {
  return offersOf(db, actor.participantId, null);
}


import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";
import type { ParticipantScope } from "../access/model.ts";
import { participantReach } from "../participants/policy.ts";
import { isReachable, type ConsentHistory } from "../consent/check.ts";
import { mayDisclose, type Reader } from "../consent/disclosure.ts";
import type { ConsentCategory } from "../consent/model.ts";

/** Every staff member reads the directory: it is the program's own information. */
export function mayReadResources(actor: Actor): boolean {
  return actor.kind === "staff";
}

/** Adding, editing and retiring resources: specialists and administrators (`manage:resource:any`). */
export function mayKeepResources(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "resource") === "any";
}

/** What the actor may do with the resources offered on a participant's record. */
export function offerActions(scope: ParticipantScope): { read: boolean; offer: boolean } {
  const reach = participantReach(scope.actor, scope.participant);
  return { read: reach.read, offer: reach.update };
}

/**
 * May a resource of this consent category be offered to (and stay shown to) this
 * reader? The participant always. A support person only while reachable (not
 * "do not contact", still on the network); and when the resource reveals a
 * consent category (a substance use group), only while their consent covers it
 * and allows contact, like any other piece that leaves the agency (decision 0010).
 */
export function mayOfferTo(history: ConsentHistory, reader: Reader, category: ConsentCategory | null, at: Date): boolean {
  if (reader.kind === "participant") return true;
  if (category === null) return isReachable(reader.person, at);
  return mayDisclose(history, reader, { categories: [category] }, "contact", at);
}

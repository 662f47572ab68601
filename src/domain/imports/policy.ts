import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/**
 * A caseload file may name any specialist and any participant of the program, so
 * only someone who may create and change every participant imports one (today,
 * administrators).
 */
export function mayImportCaseload(actor: Actor): boolean {
  if (actor.kind !== "staff") return false;
  return accessFor(actor.permissions, "create", "participant") === "any" && accessFor(actor.permissions, "update", "participant") === "any";
}

import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/** The advocacy log is the program's own record: every staff member reads it. */
export function mayReadAdvocacy(actor: Actor): boolean {
  return actor.kind === "staff";
}

/** Supervisors and administrators keep it (`manage:advocacy:any`). */
export function mayKeepAdvocacy(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "advocacy") === "any";
}

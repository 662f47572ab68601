import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/**
 * Reading the program's audit log: `read:audit:any`. The log names every
 * participant and who looked at them, so no narrower access reads part of it.
 */
export function mayReadAuditLog(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "read", "audit") === "any";
}

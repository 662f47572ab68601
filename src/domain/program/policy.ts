import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/** Changing the program's name, address, phone, time zone and logo: `manage:program:any`. */
export function mayManageProgram(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "program") === "any";
}

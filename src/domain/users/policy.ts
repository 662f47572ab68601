import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";

/** Inviting, changing and deactivating staff accounts: `manage:user:any`. */
export function mayManageUsers(actor: Actor): boolean {
  return actor.kind === "staff" && accessFor(actor.permissions, "manage", "user") === "any";
}

/** Specialists and supervisors reach caseloads through their team, so they need one; an admin reaches everything without. */
export function roleNeedsTeam(role: string): boolean {
  return role === "specialist" || role === "supervisor";
}

export interface UserActions {
  changeRole: boolean;
  changeTeam: boolean;
  deactivate: boolean;
  reactivate: boolean;
}

/**
 * What the actor may do with one staff account. An admin may not deactivate
 * themselves nor change their own role: either would lock them out, and could
 * leave the program without anyone able to manage users.
 */
export function userActions(actor: Actor, target: { id: string; active: boolean }): UserActions {
  const manage = mayManageUsers(actor);
  const self = actor.kind === "staff" && target.id === actor.userId;
  return {
    changeRole: manage && !self,
    changeTeam: manage,
    deactivate: manage && !self && target.active,
    reactivate: manage && !target.active,
  };
}

/** An invitation link works once, and only until it expires. */
export function invitationState(invitation: { expiresAt: string; acceptedAt: string | null }, now: Date): "open" | "expired" | "accepted" {
  if (invitation.acceptedAt) return "accepted";
  return invitation.expiresAt <= now.toISOString() ? "expired" : "open";
}

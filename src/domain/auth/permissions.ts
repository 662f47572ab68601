/**
 * Permissions as data: `action:entity:access`, where access says how far the
 * permission reaches (own caseload, own team, any). Policies read the
 * permissions an actor carries, never the role name.
 *
 * ROLE_PERMISSIONS is what the reference roles carry today. Signed-in actors get
 * theirs from the role_permissions table, which the migrations write with
 * literals of their own (0001 the first roles, 0004 manage:benefits:any, 0011 manage:program:any, 0027 read:report, 0028 coaching, resources and advocacy), so a
 * change here needs a new migration making the same change; a test holds the
 * migrated table equal to this constant.
 */
export const ROLES = ["specialist", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Access = "own" | "team" | "any";
export type Permission = `${string}:${string}:${Access}`;

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  specialist: [
    "read:participant:own",
    "create:participant:own",
    "update:participant:own",
    "archive:participant:own",
    "manage:resource:any",
  ],
  supervisor: [
    "read:participant:team",
    "create:participant:team",
    "update:participant:team",
    "archive:participant:team",
    "read:user:team",
    "read:report:team",
    "coach:specialist:team",
    "manage:advocacy:any",
  ],
  admin: [
    "read:participant:any",
    "create:participant:any",
    "update:participant:any",
    "archive:participant:any",
    "read:user:any",
    "manage:user:any",
    "read:audit:any",
    "manage:benefits:any",
    "manage:program:any",
    "read:report:any",
    "read:coaching:any",
    "manage:resource:any",
    "manage:advocacy:any",
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The widest access the permission list grants for an action on an entity. */
export function accessFor(permissions: readonly string[], action: string, entity: string): Access | null {
  const prefix = `${action}:${entity}:`;
  const granted = permissions.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  if (granted.includes("any")) return "any";
  if (granted.includes("team")) return "team";
  if (granted.includes("own")) return "own";
  return null;
}

import type { Actor } from "../auth/actor.ts";
import { accessFor } from "../auth/permissions.ts";
import { mayImportCaseload } from "../imports/policy.ts";

/** The program's administration pages, in the order the administration page lists them. */
export const ADMINISTRATION_TOOLS = ["users", "program", "messages", "import", "benefitYears", "audit"] as const;
export type AdministrationTool = (typeof ADMINISTRATION_TOOLS)[number];

export const TOOL_PATHS: Record<AdministrationTool, string> = {
  users: "/admin/users",
  program: "/admin/program",
  messages: "/admin/messages",
  import: "/admin/import",
  benefitYears: "/admin/benefit-years",
  audit: "/admin/audit",
};

/**
 * The administration pages this person may open: the same checks each page makes
 * itself, so the list never offers a page that answers "not found".
 */
export function administrationTools(actor: Actor): AdministrationTool[] {
  if (actor.kind !== "staff") return [];
  const may: Record<AdministrationTool, boolean> = {
    users: accessFor(actor.permissions, "manage", "user") !== null,
    program: accessFor(actor.permissions, "manage", "program") !== null,
    messages: accessFor(actor.permissions, "manage", "program") !== null,
    import: mayImportCaseload(actor),
    benefitYears: accessFor(actor.permissions, "manage", "benefits") !== null,
    audit: accessFor(actor.permissions, "read", "audit") !== null,
  };
  return ADMINISTRATION_TOOLS.filter((tool) => may[tool]);
}

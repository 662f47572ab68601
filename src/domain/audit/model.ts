import { z } from "zod";

/** Every kind of event the audit log records. */
export const AUDIT_ACTIONS = [
  "participant.list",
  "participant.read",
  "participant.create",
  "participant.update",
  "participant.archive",
  "participant.restore",
  "network.read",
  "support_person.create",
  "support_person.update",
  "support_person.end",
  "consent.read",
  "consent.grant",
  "consent.revoke",
  "document.read",
  "user.sign_in",
  "user.sign_in_failed",
  "user.sign_out",
  "user.sign_out_all",
  "user.invite",
  "user.accept_invitation",
  "user.create",
  "user.change_role",
  "user.deactivate",
  "user.reactivate",
  "token.create",
  "token.revoke",
  "audit.list",
  "data.seed",
  "data.restore",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional().or(z.literal("").transform(() => undefined)),
  participant: z.string().trim().max(100).optional(),
  from: z.string().date().optional().or(z.literal("").transform(() => undefined)),
  to: z.string().date().optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

import { z } from "zod";
import { LOCALES, type Locale } from "../../i18n/index.ts";
import { ROLES } from "../auth/permissions.ts";
import { roleNeedsTeam } from "./policy.ts";
import { optionalText } from "../schema-fields.ts";

/** How long an invitation link works before the admin has to send a new one. */
export const INVITATION_DAYS = 7;

/** NIST SP 800-63B: length matters more than composition rules. */
export const PASSWORD_MIN_LENGTH = 12;

const email = z.string().trim().toLowerCase().email({ error: "admin.email.invalid" }).max(254, { error: "common.tooLong" });
const personName = z.string().trim().min(1, { error: "admin.name.required" }).max(100, { error: "common.tooLong" });
const role = z.enum(ROLES, { error: "admin.role.invalid" });
const teamId = z.string().trim().max(100).nullish().transform((v) => (v ? v : null));
const password = z.string().min(PASSWORD_MIN_LENGTH, { error: "admin.password.tooShort" }).max(1000, { error: "common.tooLong" });
const version = z.coerce.number({ error: "common.version.required" }).int().min(1);

/** Specialists and supervisors belong to a team: their team decides which caseloads they reach. */
function teamForRole(value: { role: string; teamId: string | null }, ctx: z.RefinementCtx) {
  if (roleNeedsTeam(value.role) && !value.teamId) {
    ctx.addIssue({ code: "custom", path: ["teamId"], message: "admin.team.required" });
  }
}

export const inviteInputSchema = z.object({ email, name: personName, role, teamId }).superRefine(teamForRole);
export type InviteInput = z.infer<typeof inviteInputSchema>;

export const acceptInvitationSchema = z.object({ name: personName, password, confirm: z.string().max(1000) })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "admin.password.mismatch" });
  });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const changeRoleSchema = z.object({ role, teamId, version }).superRefine(teamForRole);
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const userVersionSchema = z.object({ version });

/** `allies create-user`: the team may be given by id or by name. */
export const createUserSchema = z.object({ email, name: personName, role, teamId, password }).superRefine(teamForRole);
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** The profile's language choice: only the languages that have a catalog. */
export const languageChoiceSchema = z.object({ locale: z.enum(LOCALES, { error: "profile.language.invalid" }) });
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

/** The phone participants and supports reach a staff member at: on invitations and printouts. Blank clears it. */
export const phoneChoiceSchema = z.strictObject({ phone: optionalText(50) });
export type PhoneChoice = z.infer<typeof phoneChoiceSchema>;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  teamId: string | null;
  teamName: string | null;
  locale: Locale;
  phone: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Team {
  id: string;
  name: string;
}

export type InvitationState = "open" | "expired" | "accepted";

/** What the public invitation page may show: who is invited, not who invited them. */
export interface InvitationView {
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  teamName: string | null;
  state: InvitationState;
}

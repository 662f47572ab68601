import { randomUUID } from "node:crypto";
import type { Db } from "../../db/index.ts";
import { localeFor } from "../../i18n/index.ts";
import { recordAudit, type Trx } from "../audit/audit.server.ts";
import { systemMeta, type StaffActor, type RequestMeta } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { isRole } from "../auth/permissions.ts";
import { createSession, loadActor } from "../auth/sessions.server.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import {
  INVITATION_DAYS, acceptInvitationSchema, createUserSchema,
  type AcceptInvitationInput, type ChangeRoleInput, type InvitationView, type InviteInput, type LanguageChoice, type PhoneChoice, type StaffUser, type Team,
} from "./model.ts";
import { invitationState, mayManageUsers, userActions, type UserActions } from "./policy.ts";

const MANAGE = "manage:user:any";

function selectUsers(db: Db | Trx) {
  return db
    .selectFrom("users as u")
    .leftJoin("teams as t", "t.id", "u.team_id")
    .select(["u.id", "u.email", "u.name", "u.role", "u.team_id", "t.name as team_name", "u.locale", "u.phone", "u.active", "u.version", "u.created_at", "u.updated_at"]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>["executeTakeFirstOrThrow"]>>;

function toStaffUser(row: UserRow): StaffUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    teamName: row.team_name,
    locale: localeFor(row.locale),
    phone: row.phone,
    active: Number(row.active) === 1,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every staff account with its team, for an actor who manages users; null for anyone else. */
export async function listUsers(db: Db, actor: StaffActor): Promise<StaffUser[] | null> {
  if (!mayManageUsers(actor)) return null;
  const rows = await selectUsers(db).orderBy("u.active", "desc").orderBy("u.name").orderBy("u.id").execute();
  return rows.map(toStaffUser);
}

export async function listTeams(db: Db): Promise<Team[]> {
  return db.selectFrom("teams").select(["id", "name"]).orderBy("name").execute();
}

export interface UserView {
  user: StaffUser;
  /** What the actor may do with this account, so the page shows only what works. */
  can: UserActions;
}

/** One staff account for an actor who manages users; null when missing or not allowed, alike. */
export async function getUser(db: Db, actor: StaffActor, userId: string): Promise<UserView | null> {
  if (!mayManageUsers(actor)) return null;
  const row = await selectUsers(db).where("u.id", "=", userId).executeTakeFirst();
  if (!row) return null;
  const user = toStaffUser(row);
  return { user, can: userActions(actor, user) };
}

/** The signed-in person's own account, as their profile shows it. */
export async function getProfile(db: Db, actor: StaffActor): Promise<StaffUser | null> {
  const row = await selectUsers(db).where("u.id", "=", actor.userId).executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

/**
 * The signed-in person chooses the language of their own pages. It is theirs to
 * change, so no permission is asked; the next request reads it.
 */
export async function changeLanguage(db: Db, actor: StaffActor, choice: LanguageChoice, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select(["locale", "version"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
    if (before.locale === choice.locale) return;
    await trx.updateTable("users")
      .set({ locale: choice.locale, version: Number(before.version) + 1, updated_at: new Date().toISOString() })
      .where("id", "=", actor.userId).execute();
    await recordAudit(trx, {
      actor, action: "user.change_language", entityType: "user", entityId: actor.userId, reason: "own profile",
      details: { from: before.locale, to: choice.locale }, meta,
    });
  });
}

/** The signed-in person sets the phone they are reached at; theirs to change, like the language. */
export async function changePhone(db: Db, actor: StaffActor, choice: PhoneChoice, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select(["phone", "version"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
    if (before.phone === choice.phone) return;
    await trx.updateTable("users")
      .set({ phone: choice.phone, version: Number(before.version) + 1, updated_at: new Date().toISOString() })
      .where("id", "=", actor.userId).execute();
    await recordAudit(trx, {
      actor, action: "user.change_phone", entityType: "user", entityId: actor.userId, reason: "own profile", details: { cleared: choice.phone === null }, meta,
    });
  });
}

async function teamExists(trx: Trx, teamId: string | null): Promise<boolean> {
  if (teamId === null) return true;
  return !!(await trx.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst());
}

async function emailTaken(trx: Trx, email: string): Promise<boolean> {
  return !!(await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst());
}

export type InviteResult =
  | { ok: true; invitationId: string; path: string; expiresAt: string }
  | { ok: false; reason: "not_found" | "email_taken" | "invalid_team" };

/**
 * Invites a new staff member. The link's secret is returned once, to show the
 * admin; the database keeps only its hash.
 */
export async function inviteUser(db: Db, actor: StaffActor, input: InviteInput, meta: RequestMeta, now = new Date()): Promise<InviteResult> {
  if (!mayManageUsers(actor)) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    if (await emailTaken(trx, input.email)) return { ok: false, reason: "email_taken" };
    if (!(await teamExists(trx, input.teamId))) return { ok: false, reason: "invalid_team" };
    const token = newSecret();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
    await trx.insertInto("invitations").values({
      id, email: input.email, name: input.name, role: input.role, team_id: input.teamId, token_hash: hashSecret(token),
      invited_by: actor.userId, created_at: now.toISOString(), expires_at: expiresAt, accepted_at: null,
    }).execute();
    await recordAudit(trx, {
      actor, action: "user.invite", entityType: "invitation", entityId: id, reason: MANAGE,
      details: { email: input.email, role: input.role, teamId: input.teamId, expiresAt }, meta,
    });
    return { ok: true, invitationId: id, path: `/invitations/${token}`, expiresAt };
  });
}

export interface OpenInvitation {
  id: string;
  email: string;
  name: string;
  role: string;
  teamName: string | null;
  expiresAt: string;
}

/** Invitations not yet accepted and not yet expired, soonest to expire first. */
export async function listOpenInvitations(db: Db, actor: StaffActor, now = new Date()): Promise<OpenInvitation[] | null> {
  if (!mayManageUsers(actor)) return null;
  const rows = await db.selectFrom("invitations as i").leftJoin("teams as t", "t.id", "i.team_id")
    .select(["i.id", "i.email", "i.name", "i.role", "t.name as team_name", "i.expires_at"])
    .where("i.accepted_at", "is", null).where("i.expires_at", ">", now.toISOString())
    .orderBy("i.expires_at").execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, teamName: r.team_name, expiresAt: r.expires_at }));
}

function selectInvitation(db: Db | Trx, token: string) {
  return db.selectFrom("invitations as i").leftJoin("teams as t", "t.id", "i.team_id")
    .select(["i.id", "i.email", "i.name", "i.role", "i.team_id", "t.name as team_name", "i.expires_at", "i.accepted_at"])
    .where("i.token_hash", "=", hashSecret(token));
}

/** What the public invitation page shows; null for a link that never existed. */
export async function findInvitation(db: Db, token: string, now = new Date()): Promise<InvitationView | null> {
  const row = await selectInvitation(db, token).executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  return {
    email: row.email, name: row.name, role: row.role, teamName: row.team_name,
    state: invitationState({ expiresAt: row.expires_at, acceptedAt: row.accepted_at }, now),
  };
}

export type AcceptResult =
  | { ok: true; token: string; actor: StaffActor }
  | { ok: false; reason: "invalid" | "email_taken" };

/**
 * Turns an open invitation into an account with the person's own name and
 * password, and signs them in: the returned token is the session cookie's value.
 */
export async function acceptInvitation(
  db: Db, token: string, input: AcceptInvitationInput, meta: RequestMeta, userAgent: string | null, now = new Date(),
): Promise<AcceptResult> {
  const valid = acceptInvitationSchema.parse(input);
  const view = await findInvitation(db, token, now);
  if (!view || view.state !== "open") return { ok: false, reason: "invalid" };
  const passwordHash = await hashPassword(valid.password);
  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const invitation = await selectInvitation(trx, token).executeTakeFirst();
    if (!invitation || invitationState({ expiresAt: invitation.expires_at, acceptedAt: invitation.accepted_at }, now) !== "open") {
      return { ok: false, reason: "invalid" };
    }
    if (await emailTaken(trx, invitation.email)) return { ok: false, reason: "email_taken" };
    // Of two submissions racing with the same link, only one claims the invitation.
    const claimed = await trx.updateTable("invitations").set({ accepted_at: now.toISOString() })
      .where("id", "=", invitation.id).where("accepted_at", "is", null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { ok: false, reason: "invalid" };
    const userId = randomUUID();
    await trx.insertInto("users").values({
      id: userId, email: invitation.email, name: valid.name, role: invitation.role, team_id: invitation.team_id,
      password_hash: passwordHash, active: 1, version: 1, created_at: now.toISOString(), updated_at: now.toISOString(),
    }).execute();
    const actor = await loadActor(trx, userId);
    if (!actor) throw new Error("the new account could not be loaded");
    const sessionToken = await createSession(trx, userId, meta, userAgent);
    await recordAudit(trx, {
      actor, action: "user.accept_invitation", entityType: "user", entityId: userId, reason: "invitation link",
      details: { invitationId: invitation.id, role: invitation.role, teamId: invitation.team_id }, meta,
    });
    return { ok: true, token: sessionToken, actor };
  });
}

export type UserChangeResult =
  | { ok: true; user: StaffUser }
  | { ok: false; reason: "not_found" | "not_allowed" | "invalid_team" }
  | { ok: false; reason: "conflict"; current: StaffUser };

/**
 * Loads the account for a change and checks what may go wrong before anything is
 * written: missing (or not the actor's to manage), a stale version, a refused action.
 */
async function accountForChange(trx: Trx, actor: StaffActor, userId: string, version: number): Promise<UserChangeResult> {
  if (!mayManageUsers(actor)) return { ok: false, reason: "not_found" };
  const row = await selectUsers(trx).where("u.id", "=", userId).executeTakeFirst();
  if (!row) return { ok: false, reason: "not_found" };
  const user = toStaffUser(row);
  if (user.version !== version) return { ok: false, reason: "conflict", current: user };
  return { ok: true, user };
}

/** Writes the change only over the version the admin saw; the current account otherwise. */
async function updateAccount(trx: Trx, before: StaffUser, set: { role?: string; team_id?: string | null; active?: number }): Promise<UserChangeResult> {
  const result = await trx.updateTable("users")
    .set({ ...set, version: before.version + 1, updated_at: new Date().toISOString() })
    .where("id", "=", before.id).where("version", "=", before.version)
    .executeTakeFirst();
  const row = await selectUsers(trx).where("u.id", "=", before.id).executeTakeFirstOrThrow();
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "conflict", current: toStaffUser(row) };
  return { ok: true, user: toStaffUser(row) };
}

/** Changes a staff member's role and team. Permissions follow the role on their next request. */
export async function changeRole(db: Db, actor: StaffActor, userId: string, input: ChangeRoleInput, meta: RequestMeta): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx): Promise<UserChangeResult> => {
    const found = await accountForChange(trx, actor, userId, input.version);
    if (!found.ok) return found;
    const before = found.user;
    const can = userActions(actor, before);
    if ((input.role !== before.role && !can.changeRole) || (input.teamId !== before.teamId && !can.changeTeam)) {
      return { ok: false, reason: "not_allowed" };
    }
    if (!(await teamExists(trx, input.teamId))) return { ok: false, reason: "invalid_team" };
    const saved = await updateAccount(trx, before, { role: input.role, team_id: input.teamId });
    if (!saved.ok) return saved;
    await recordAudit(trx, {
      actor, action: "user.change_role", entityType: "user", entityId: userId, reason: MANAGE,
      details: { from: { role: before.role, teamId: before.teamId }, to: { role: input.role, teamId: input.teamId }, fromVersion: before.version },
      meta,
    });
    return saved;
  });
}

/**
 * Deactivates an account, ends its sessions and revokes its API tokens at once:
 * a reactivated account signs in again and makes new tokens.
 */
export async function deactivateUser(db: Db, actor: StaffActor, userId: string, version: number, meta: RequestMeta): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx): Promise<UserChangeResult> => {
    const found = await accountForChange(trx, actor, userId, version);
    if (!found.ok) return found;
    if (!userActions(actor, found.user).deactivate) return { ok: false, reason: "not_allowed" };
    const saved = await updateAccount(trx, found.user, { active: 0 });
    if (!saved.ok) return saved;
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    const revoked = await trx.updateTable("api_tokens").set({ revoked_at: new Date().toISOString() })
      .where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
    await recordAudit(trx, {
      actor, action: "user.deactivate", entityType: "user", entityId: userId, reason: MANAGE,
      details: { sessionsEnded: Number(ended.numDeletedRows), tokensRevoked: Number(revoked.numUpdatedRows), fromVersion: version }, meta,
    });
    return saved;
  });
}

export async function reactivateUser(db: Db, actor: StaffActor, userId: string, version: number, meta: RequestMeta): Promise<UserChangeResult> {
  return db.transaction().execute(async (trx): Promise<UserChangeResult> => {
    const found = await accountForChange(trx, actor, userId, version);
    if (!found.ok) return found;
    if (!userActions(actor, found.user).reactivate) return { ok: false, reason: "not_allowed" };
    const saved = await updateAccount(trx, found.user, { active: 1 });
    if (!saved.ok) return saved;
    await recordAudit(trx, {
      actor, action: "user.reactivate", entityType: "user", entityId: userId, reason: MANAGE, details: { fromVersion: version }, meta,
    });
    return saved;
  });
}

export type CreateUserResult =
  | { ok: true; user: StaffUser }
  | { ok: false; reason: "invalid"; problems: { field: string; message: string }[] }
  | { ok: false; reason: "email_taken" | "invalid_team" };

/**
 * `allies create-user`: makes an account directly, for the first admin or when
 * email is not available. Whoever runs the command on the server is trusted; the
 * audit row names the command. The team may be given by its id or its name.
 */
export async function createUserDirect(
  db: Db,
  input: { email: string; name: string; role: string; teamId?: string | null; password: string },
  meta: RequestMeta = systemMeta,
): Promise<CreateUserResult> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: "invalid", problems: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) };
  }
  const valid = parsed.data;
  const passwordHash = await hashPassword(valid.password);
  return db.transaction().execute(async (trx): Promise<CreateUserResult> => {
    if (await emailTaken(trx, valid.email)) return { ok: false, reason: "email_taken" };
    let teamId: string | null = null;
    if (valid.teamId) {
      const team = await trx.selectFrom("teams").select("id")
        .where((eb) => eb.or([eb("id", "=", valid.teamId!), eb("name", "=", valid.teamId!)])).executeTakeFirst();
      if (!team) return { ok: false, reason: "invalid_team" };
      teamId = team.id;
    }
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx.insertInto("users").values({
      id, email: valid.email, name: valid.name, role: valid.role, team_id: teamId,
      password_hash: passwordHash, active: 1, version: 1, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, {
      actor: { userId: null, label: "allies create-user" }, action: "user.create", entityType: "user", entityId: id,
      reason: "server command line", details: { email: valid.email, role: valid.role, teamId }, meta,
    });
    return { ok: true, user: toStaffUser(await selectUsers(trx).where("u.id", "=", id).executeTakeFirstOrThrow()) };
  });
}

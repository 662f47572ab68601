import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/admin-users";
import { formatDate } from "../../src/i18n/format.ts";
import { ROLES, isRole } from "../../src/domain/auth/permissions.ts";
import { inviteInputSchema, INVITATION_DAYS } from "../../src/domain/users/model.ts";
import { inviteUser, listOpenInvitations, listTeams, listUsers } from "../../src/domain/users/users.server.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import type { FieldErrors } from "../../src/domain/validation.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "manage", "user");
  const ctx = app(context);
  const [users, invitations, teams] = await Promise.all([listUsers(ctx.db, actor), listOpenInvitations(ctx.db, actor), listTeams(ctx.db)]);
  if (!users || !invitations) throw notFound();
  return { users, invitations, teams };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "manage", "user");
  const ctx = app(context);
  const form = await readForm(request);
  const values = {
    email: String(form.get("email") ?? ""),
    name: String(form.get("name") ?? ""),
    role: String(form.get("role") ?? ""),
    teamId: String(form.get("teamId") ?? ""),
  };
  const parsed = form.parse(inviteInputSchema, () => values);
  if (!parsed.ok) return data({ errors: parsed.errors, values, invited: null }, { status: 400 });
  const result = await inviteUser(ctx.db, actor, parsed.data, ctx.meta);
  if (!result.ok && result.reason === "not_found") throw notFound();
  if (!result.ok) {
    const errors: FieldErrors = result.reason === "email_taken" ? { email: "admin.invite.emailTaken" } : { teamId: "admin.team.invalid" };
    return data({ errors, values, invited: null }, { status: 409 });
  }
  // Shown once: the database keeps only the link's hash, so it cannot be shown again.
  const invited = { email: parsed.data.email, link: new URL(result.path, request.url).href, expiresAt: result.expiresAt };
  return { errors: {} as FieldErrors, values: null, invited };
}

function roleLabel(t: Translate, role: string): string {
  return isRole(role) ? t(`role.${role}`) : role;
}

export default function AdminUsers() {
  const t = useT();
  const { users, invitations, teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = {
    email: t("admin.invite.email"), name: t("admin.invite.name"), role: t("admin.invite.role"), teamId: t("admin.invite.team"),
  };
  const teamOptions = [{ value: "", label: t("admin.team.none") }, ...teams.map((team) => ({ value: team.id, label: team.name }))];

  return (
    <div className="page">
      <title>{`${t("admin.users.title")} · ${t("app.name")}`}</title>
      <h1>{t("admin.users.title")}</h1>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("admin.users.staff")}</h2>
        <div className="table-wrap">
          <table className="responsive-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.team")}</th>
                <th scope="col">{t("admin.users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td data-label={t("admin.users.name")}><Link to={`/admin/users/${user.id}`}>{user.name}</Link></td>
                  <td data-label={t("admin.users.email")}>{user.email}</td>
                  <td data-label={t("admin.users.role")}>{roleLabel(t, user.role)}</td>
                  <td data-label={t("admin.users.team")}>{user.teamName ?? t("common.none")}</td>
                  <td data-label={t("admin.users.status")}>{user.active ? t("admin.users.active") : t("admin.users.deactivated")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("admin.invite.heading")}</h2>
        <p>{t("admin.invite.hint", { days: INVITATION_DAYS })}</p>
        {result?.invited ? (
          <div className="notice" role="status" data-testid="invitation-link">
            <p>{t("admin.invite.created", { email: result.invited.email, date: formatDate(result.invited.expiresAt, t.locale) })}</p>
            <p className="token">{result.invited.link}</p>
            <p><strong>{t("admin.invite.copyNow")}</strong></p>
          </div>
        ) : null}
        <ErrorSummary errors={result?.errors} labels={labels} />
        <Form method="post" noValidate key={result?.invited?.link ?? "invite"}>
          <CsrfField />
          <TextField name="email" type="email" label={labels.email} autoComplete="off" defaultValue={result?.values?.email} errors={result?.errors} required />
          <TextField name="name" label={labels.name} autoComplete="off" defaultValue={result?.values?.name} errors={result?.errors} required />
          <SelectField
            name="role" label={labels.role} errors={result?.errors} defaultValue={result?.values?.role ?? "specialist"}
            options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <SelectField
            name="teamId" label={labels.teamId} hint={t("admin.team.hint")} errors={result?.errors}
            defaultValue={result?.values?.teamId ?? ""} options={teamOptions}
          />
          <button type="submit" disabled={busy}>{t("admin.invite.submit")}</button>
        </Form>
      </section>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("admin.invitations.heading")}</h2>
        {invitations.length === 0 ? <p>{t("admin.invitations.none")}</p> : (
          <div className="table-wrap">
            <table className="responsive-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.name")}</th>
                  <th scope="col">{t("admin.users.email")}</th>
                  <th scope="col">{t("admin.users.role")}</th>
                  <th scope="col">{t("admin.users.team")}</th>
                  <th scope="col">{t("admin.invitations.expires")}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td data-label={t("admin.users.name")}>{invitation.name}</td>
                    <td data-label={t("admin.users.email")}>{invitation.email}</td>
                    <td data-label={t("admin.users.role")}>{roleLabel(t, invitation.role)}</td>
                    <td data-label={t("admin.users.team")}>{invitation.teamName ?? t("common.none")}</td>
                    <td data-label={t("admin.invitations.expires")}>{formatDate(invitation.expiresAt, t.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

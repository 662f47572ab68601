import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/admin-user";
import { formatDate, formatDateTime } from "../../src/i18n/format.ts";
import { ROLES } from "../../src/domain/auth/permissions.ts";
import { changeRoleSchema, userVersionSchema } from "../../src/domain/users/model.ts";
import { changeRole, deactivateUser, getUser, listTeams, reactivateUser, type UserChangeResult } from "../../src/domain/users/users.server.ts";
import { issuePasswordReset } from "../../src/domain/auth/credentials.server.ts";
import { mayIssuePasswordReset } from "../../src/domain/auth/policy.ts";
import { CsrfField, ErrorSummary, SelectField } from "../components/forms.tsx";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { movableCaseloadSize } from "../../src/domain/caseload/move.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

const NOTICES = ["saved", "deactivated", "reactivated"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "manage", "user");
  const ctx = app(context);
  const view = await getUser(ctx.db, actor, params.id);
  if (!view) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  const notice = NOTICES.find((n) => n === done) ?? null;
  // Offered while the specialist still has participants, above all when deactivating them.
  const caseloadSize = await movableCaseloadSize(ctx.db, actor, params.id);
  return { ...view, teams: await listTeams(ctx.db), notice, mayIssueReset: mayIssuePasswordReset(actor, view.user), caseloadSize };
}

type Intent = "change" | "deactivate" | "reactivate" | "resetLink";

/** The page's answer when a change did not go through; a redirect when it did. */
function outcome(intent: Intent, result: UserChangeResult, here: string, notice: Notice, values: { role: string; teamId: string } | null) {
  if (result.ok) return redirect(`${here}?done=${notice}`);
  if (result.reason === "not_found") throw notFound();
  if (result.reason === "conflict") return data({ intent, errors: {}, values, problem: "admin.user.conflict" as const, resetLink: null }, { status: 409 });
  if (result.reason === "invalid_team") return data({ intent, errors: { teamId: "admin.team.invalid" }, values, problem: null, resetLink: null }, { status: 400 });
  return data({ intent, errors: {}, values, problem: "admin.user.notAllowed" as const, resetLink: null }, { status: 403 });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "manage", "user");
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const here = `/admin/users/${params.id}`;

  if (intent === "change") {
    const values = { role: String(form.get("role") ?? ""), teamId: String(form.get("teamId") ?? "") };
    const parsed = form.parse(changeRoleSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values, problem: null, resetLink: null }, { status: 400 });
    return outcome(intent, await changeRole(ctx.db, actor, params.id, parsed.data, ctx.meta), here, "saved", values);
  }
  if (intent === "deactivate" || intent === "reactivate") {
    const parsed = form.parse(userVersionSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: null, problem: null, resetLink: null }, { status: 400 });
    const result = intent === "deactivate"
      ? await deactivateUser(ctx.db, actor, params.id, parsed.data.version, ctx.meta)
      : await reactivateUser(ctx.db, actor, params.id, parsed.data.version, ctx.meta);
    return outcome(intent, result, here, intent === "deactivate" ? "deactivated" : "reactivated", null);
  }
  if (intent === "resetLink") {
    const issued = await issuePasswordReset(ctx.db, actor, params.id, ctx.meta);
    if (!issued.ok) throw notFound();
    // Shown this once, to hand over: only the link's hash is kept.
    const resetLink = { url: new URL(issued.path, request.url).toString(), expiresAt: issued.expiresAt };
    return data({ intent: "resetLink" as const, errors: {}, values: null, problem: null, resetLink });
  }
  throw notFound();
}

export default function AdminUser() {
  const t = useT();
  const { user, can, teams, notice, mayIssueReset, caseloadSize } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const here = `/admin/users/${user.id}`;
  const labels = { role: t("admin.user.role"), teamId: t("admin.user.team") };
  const teamOptions = [{ value: "", label: t("admin.team.none") }, ...teams.map((team) => ({ value: team.id, label: team.name }))];
  const changeResult = result?.intent === "change" ? result : null;
  const statusResult = result && (result.intent === "deactivate" || result.intent === "reactivate") ? result : null;
  const resetLink = result?.intent === "resetLink" ? result.resetLink : null;

  const problem = (shown: typeof result | null) =>
    shown?.problem ? (
      <div className="form-error" role="alert">
        <p>{t(shown.problem)}</p>
        {shown.problem === "admin.user.conflict" ? <p><a href={here}>{t("admin.user.reload")}</a></p> : null}
      </div>
    ) : null;

  return (
    <div className="page">
      <title>{`${user.name} · ${t("admin.users.title")} · ${t("app.name")}`}</title>
      <p><Link to="/admin/users">{t("admin.user.back")}</Link></p>
      <h1>{user.name}</h1>
      {notice ? <p className="notice" role="status">{t(`admin.user.done.${notice}`)}</p> : null}

      <dl className="facts">
        <dt>{t("admin.users.email")}</dt><dd>{user.email}</dd>
        <dt>{t("admin.users.role")}</dt><dd>{t(`role.${user.role}`)}</dd>
        <dt>{t("admin.users.team")}</dt><dd>{user.teamName ?? t("common.none")}</dd>
        <dt>{t("admin.users.status")}</dt><dd>{user.active ? t("admin.users.active") : t("admin.users.deactivated")}</dd>
        <dt>{t("admin.user.since")}</dt><dd>{formatDate(user.createdAt, t.locale)}</dd>
      </dl>

      {can.changeRole || can.changeTeam ? (
        <section aria-labelledby="role-heading">
          <h2 id="role-heading">{t("admin.user.change.heading")}</h2>
          {!can.changeRole ? <p className="hint">{t("admin.user.change.selfHint")}</p> : null}
          {problem(changeResult)}
          <ErrorSummary errors={changeResult?.errors} labels={labels} />
          <Form method="post" noValidate key={user.version}>
            <CsrfField />
            <input type="hidden" name="intent" value="change" />
            <input type="hidden" name="version" value={user.version} />
            {can.changeRole ? (
              <SelectField
                name="role" label={labels.role} errors={changeResult?.errors} defaultValue={changeResult?.values?.role ?? user.role}
                options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              />
            ) : <input type="hidden" name="role" value={user.role} />}
            <SelectField
              name="teamId" label={labels.teamId} hint={t("admin.team.hint")} errors={changeResult?.errors}
              defaultValue={changeResult?.values?.teamId ?? user.teamId ?? ""} options={teamOptions}
            />
            <button type="submit" disabled={busy}>{t("admin.user.change.submit")}</button>
          </Form>
        </section>
      ) : null}

      {mayIssueReset ? (
        <section aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t("admin.user.reset.heading")}</h2>
          <p>{t("admin.user.reset.hint", { name: user.name })}</p>
          {resetLink ? (
            <div className="notice" role="status" data-testid="reset-link">
              <p>{t("admin.user.reset.made", { name: user.name, expires: formatDateTime(resetLink.expiresAt, t.locale, { dateStyle: "medium", timeStyle: "short" }) })}</p>
              <p className="token">{resetLink.url}</p>
              <p><strong>{t("admin.user.reset.once")}</strong></p>
            </div>
          ) : null}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="resetLink" />
            <button type="submit" disabled={busy}>{t("admin.user.reset.submit", { name: user.name })}</button>
          </Form>
        </section>
      ) : null}

      {caseloadSize ? (
        <section aria-labelledby="caseload-heading" data-testid="caseload-offer">
          <h2 id="caseload-heading">{t("caseloadMove.offer", { name: user.name })}</h2>
          <p>{t("caseloadMove.offerHint", { name: user.name, count: caseloadSize })}</p>
          <p><Link className="button secondary" to={`/admin/users/${user.id}/caseload`}>{t("caseloadMove.submit")}</Link></p>
        </section>
      ) : null}

      {can.deactivate || can.reactivate ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">{can.deactivate ? t("admin.user.deactivate.heading") : t("admin.user.reactivate.heading")}</h2>
          <p>{can.deactivate ? t("admin.user.deactivate.hint", { name: user.name }) : t("admin.user.reactivate.hint", { name: user.name })}</p>
          {problem(statusResult)}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value={can.deactivate ? "deactivate" : "reactivate"} />
            <input type="hidden" name="version" value={user.version} />
            <button type="submit" className={can.deactivate ? "danger" : undefined} disabled={busy}>
              {can.deactivate ? t("admin.user.deactivate.submit", { name: user.name }) : t("admin.user.reactivate.submit", { name: user.name })}
            </button>
          </Form>
        </section>
      ) : (
        <p className="hint">{t("admin.user.deactivate.self")}</p>
      )}
    </div>
  );
}

import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/invitation";
import { acceptInvitationSchema, PASSWORD_MIN_LENGTH } from "../../src/domain/users/model.ts";
import { acceptInvitation, findInvitation } from "../../src/domain/users/users.server.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

// Public: the person has no account yet. The link's secret is the only key.
export async function loader({ context, params }: Route.LoaderArgs) {
  const invitation = await findInvitation(app(context).db, params.token);
  if (!invitation || invitation.state !== "open") {
    return data({ invitation: null, state: invitation?.state ?? "unknown" }, { status: 404 });
  }
  return { invitation, state: invitation.state };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = app(context);
  const form = await readForm(request);
  const name = String(form.get("name") ?? "");
  const parsed = form.parse(acceptInvitationSchema, () => ({ name, password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" }));
  if (!parsed.ok) return data({ errors: parsed.errors, name, problem: null }, { status: 400 });
  const result = await acceptInvitation(ctx.db, params.token, parsed.data, ctx.meta, request.headers.get("user-agent"));
  if (!result.ok) {
    const problem = result.reason === "email_taken" ? "invitation.emailTaken" as const : "invitation.invalid" as const;
    return data({ errors: {}, name, problem }, { status: 409 });
  }
  const cookie = serializeCookie(SESSION_COOKIE, result.token, { secure: ctx.secureCookies });
  return redirect("/participants", { headers: { "Set-Cookie": cookie } });
}

export default function InvitationPage() {
  const t = useT();
  const { invitation, state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { name: t("invitation.name"), password: t("invitation.password"), confirm: t("invitation.confirm") };

  if (!invitation) {
    const message = state === "expired" ? t("invitation.expired") : state === "accepted" ? t("invitation.used") : t("invitation.unknown");
    return (
      <div className="page page--narrow">
        <title>{`${t("invitation.title")} · ${t("app.name")}`}</title>
        <h1>{t("invitation.title")}</h1>
        <p>{message}</p>
        <p>{t("invitation.askAdmin")}</p>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <title>{`${t("invitation.title")} · ${t("app.name")}`}</title>
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.welcome", { email: invitation.email, role: t(`role.${invitation.role}`) })}</p>
      {invitation.teamName ? <p>{t("invitation.team", { team: invitation.teamName })}</p> : null}
      {result?.problem ? <p className="form-error" role="alert">{t(result.problem)}</p> : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="name" label={labels.name} autoComplete="name" defaultValue={result?.name ?? invitation.name} errors={result?.errors} required />
        <TextField
          name="password" type="password" label={labels.password} autoComplete="new-password"
          hint={t("invitation.password.hint", { min: PASSWORD_MIN_LENGTH })} errors={result?.errors} required
        />
        <TextField name="confirm" type="password" label={labels.confirm} autoComplete="new-password" errors={result?.errors} required />
        <button type="submit" disabled={busy}>{t("invitation.submit")}</button>
      </Form>
    </div>
  );
}

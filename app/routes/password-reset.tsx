import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/password-reset";
import { findPasswordReset, usePasswordReset } from "../../src/domain/auth/credentials.server.ts";
import { resetPasswordSchema } from "../../src/domain/auth/model.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

// Public: the person cannot sign in. The link's secret, handed over by an administrator, is the only key.
export async function loader({ context, params }: Route.LoaderArgs) {
  const reset = await findPasswordReset(app(context).db, params.token);
  if (!reset || reset.state !== "open") return data({ reset: null, state: reset?.state ?? "unknown" }, { status: 404 });
  return { reset, state: reset.state };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(resetPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, problem: null }, { status: 400 });
  const result = await usePasswordReset(ctx.db, params.token, parsed.data, ctx.meta);
  if (!result.ok) return data({ errors: {}, problem: "passwordReset.invalid" as const }, { status: 409 });
  return redirect("/sign-in?reset=done");
}

export default function PasswordResetPage() {
  const t = useT();
  const { reset, state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { password: t("profile.password.new"), confirm: t("profile.password.confirm") };
  const title = t("passwordReset.title");

  if (!reset) {
    return (
      <div className="page page--narrow">
        <title>{`${title} · ${t("app.name")}`}</title>
        <h1>{title}</h1>
        <p>{state === "expired" ? t("passwordReset.expired") : state === "used" ? t("passwordReset.used") : t("passwordReset.unknown")}</p>
        <p>{t("passwordReset.askAdmin")}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>{t("passwordReset.intro", { email: reset.email })}</p>
      <p>{reset.mustEnrolAfter ? t("passwordReset.twoFactorAgain") : t("passwordReset.signInAfter")}</p>
      {result?.problem ? <p className="form-error" role="alert">{t(result.problem)}</p> : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="password" type="password" label={labels.password} hint={t("profile.password.rule")} autoComplete="new-password" errors={result?.errors} required />
        <TextField name="confirm" type="password" label={labels.confirm} autoComplete="new-password" errors={result?.errors} required />
        <button type="submit" disabled={busy}>{t("passwordReset.submit")}</button>
      </Form>
    </div>
  );
}

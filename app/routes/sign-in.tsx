import { Form, data, redirect, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/sign-in";
import { signInSchema } from "../../src/domain/auth/model.ts";
import { signIn } from "../../src/domain/auth/sessions.server.ts";
import { safeNextPath } from "../../src/domain/auth/next-path.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";


export function loader({ context, request }: Route.LoaderArgs) {
  if (app(context).actor) throw redirect(safeNextPath(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(signInSchema);
  const email = String(form.get("email") ?? "");
  if (!parsed.ok) return data({ errors: parsed.errors, email, formError: null }, { status: 400 });
  const result = await signIn(ctx.db, parsed.data, ctx.meta, request.headers.get("user-agent"), ctx.sessionLimits);
  if (!result.ok) {
    const limited = result.reason === "rate_limited";
    return data(
      { errors: {}, email, formError: limited ? "auth.signIn.rateLimited" : "auth.signIn.invalid" },
      { status: limited ? 429 : 401 },
    );
  }
  // A session cookie (no Max-Age): closing the browser ends it; the server ends it sooner when idle.
  const cookie = serializeCookie(SESSION_COOKIE, result.token, { secure: ctx.secureCookies });
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { email: t("auth.signIn.email"), password: t("auth.signIn.password") };
  return (
    <div className="page page--narrow">
      <title>{`${t("auth.signIn.title")} · ${t("app.name")}`}</title>
      <h1>{t("auth.signIn.title")}</h1>
      <p>{t("app.tagline")}</p>
      {result?.formError ? <p className="form-error" role="alert">{t(result.formError as "auth.signIn.invalid")}</p> : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="email" type="email" label={labels.email} autoComplete="username" defaultValue={result?.email} errors={result?.errors} required />
        <TextField name="password" type="password" label={labels.password} autoComplete="current-password" errors={result?.errors} required />
        <button type="submit" disabled={busy}>{t("auth.signIn.submit")}</button>
      </Form>
    </div>
  );
}

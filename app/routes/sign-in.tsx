import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/sign-in";
import { signInSchema } from "../../src/domain/auth/model.ts";
import { signIn } from "../../src/domain/auth/sessions.server.ts";
import { safeNextPath } from "../../src/domain/auth/next-path.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { refusedSignIn } from "../lib/sign-in-answer.server.ts";
import { useT } from "../lib/i18n.ts";


/** A refused attempt says when to try again in Retry-After as well as on the page. */
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders);

export function loader({ context, request }: Route.LoaderArgs) {
  const query = new URL(request.url).searchParams;
  if (app(context).actor) throw redirect(safeNextPath(query.get("next")));
  return { passwordReset: query.get("reset") === "done" };
}

type FormError = "auth.signIn.invalid" | "auth.signIn.codeNeeded" | "auth.signIn.codeInvalid" | "auth.signIn.codeReused" | "auth.signIn.wait";


export async function action({ context, request }: Route.ActionArgs) {
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(signInSchema);
  const email = String(form.get("email") ?? "");
  const answer = (formError: FormError, status: number, retryAt: string | null = null) => refusedSignIn(email, formError, status, retryAt);
  if (!parsed.ok) return data({ errors: parsed.errors, email, formError: null, waitSeconds: null }, { status: 400 });
  const result = await signIn(ctx.db, parsed.data, ctx.meta, request.headers.get("user-agent"), ctx.sessionLimits);
  if (!result.ok) {
    switch (result.reason) {
      case "wait": return answer("auth.signIn.wait", 429, result.retryAt);
      case "invalid": return answer("auth.signIn.invalid", 401, result.retryAt);
      case "code_needed": return answer("auth.signIn.codeNeeded", 401);
      case "code_invalid": return answer("auth.signIn.codeInvalid", 401, result.retryAt);
      case "code_reused": return answer("auth.signIn.codeReused", 401);
    }
  }
  // A session cookie (no Max-Age): closing the browser ends it; the server ends it sooner when idle.
  const cookie = serializeCookie(SESSION_COOKIE, result.token, { secure: ctx.secureCookies });
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const t = useT();
  const { passwordReset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { email: t("auth.signIn.email"), password: t("auth.signIn.password"), code: t("auth.signIn.code") };
  const waitSeconds = result?.waitSeconds ?? null;
  return (
    <div className="page page--narrow">
      <title>{`${t("auth.signIn.title")} · ${t("app.name")}`}</title>
      <h1>{t("auth.signIn.title")}</h1>
      <p>{t("app.tagline")}</p>
      {passwordReset && !result ? <p className="notice" role="status">{t("passwordReset.done")}</p> : null}
      {result?.formError ? (
        <div className="form-error" role="alert">
          <p>{t(result.formError as FormError)}</p>
          {waitSeconds ? <p>{waitSeconds < 120 ? t("auth.signIn.retryInSeconds", { seconds: waitSeconds }) : t("auth.signIn.retryInMinutes", { minutes: Math.ceil(waitSeconds / 60) })}</p> : null}
        </div>
      ) : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="email" type="email" label={labels.email} autoComplete="username" defaultValue={result?.email} errors={result?.errors} required />
        <TextField name="password" type="password" label={labels.password} autoComplete="current-password" errors={result?.errors} required />
        <TextField name="code" label={labels.code} hint={t("auth.signIn.codeHint")} autoComplete="one-time-code" errors={result?.errors} />
        <button type="submit" disabled={busy}>{t("auth.signIn.submit")}</button>
      </Form>
      <p><a href="/me/sign-in">{t("participantSignIn.fromStaff")}</a></p>
    </div>
  );
}

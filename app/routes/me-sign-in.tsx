import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/me-sign-in";
import { participantSignInSchema } from "../../src/domain/participant-sign-in/model.ts";
import { signInParticipant } from "../../src/domain/participant-sign-in/passwords.server.ts";
import { getProgramSettings } from "../../src/domain/program/program.server.ts";
import { PARTNER_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { refusedSignIn } from "../lib/sign-in-answer.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * The participant's own sign-in (decision 0031): the email on their record and the
 * password they set from their page. It opens the same partner session a personal
 * link opens, so every page of theirs works as it does after a link. While the
 * program has the option off, the page only says how to get a link.
 */

/** A refused attempt says when to try again in Retry-After as well as on the page. */
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders);

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = app(context);
  if (ctx.partner?.kind === "participant") throw redirect("/me");
  const settings = await getProgramSettings(ctx.db);
  return { optionOn: settings.participantPasswords };
}

type FormError = "participantSignIn.invalid" | "participantSignIn.wait" | "participantSignIn.off";


export async function action({ context, request }: Route.ActionArgs) {
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(participantSignInSchema);
  const email = String(form.get("email") ?? "");
  const answer = (formError: FormError, status: number, retryAt: string | null = null) => refusedSignIn(email, formError, status, retryAt);
  if (!parsed.ok) return data({ errors: parsed.errors, email, formError: null, waitSeconds: null }, { status: 400 });
  const result = await signInParticipant(ctx.db, parsed.data, ctx.meta, request.headers.get("user-agent"), ctx.sessionLimits);
  if (!result.ok) {
    switch (result.reason) {
      case "option_off": return answer("participantSignIn.off", 403);
      case "wait": return answer("participantSignIn.wait", 429, result.retryAt);
      case "invalid": return answer("participantSignIn.invalid", 401, result.retryAt);
    }
  }
  // A session cookie (no Max-Age), like a link's: closing the browser ends it; the server ends it sooner when idle.
  const cookie = serializeCookie(PARTNER_COOKIE, result.sessionToken, { secure: ctx.secureCookies });
  return redirect("/me", { headers: { "Set-Cookie": cookie } });
}

export default function ParticipantSignIn() {
  const t = useT();
  const { optionOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { email: t("participantSignIn.email"), password: t("participantSignIn.password") };
  const waitSeconds = result?.waitSeconds ?? null;
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("participantSignIn.title")} · ${t("app.name")}`}</title>
      <h1>{t("participantSignIn.title")}</h1>
      {!optionOn ? (
        <>
          <p>{t("participantSignIn.off")}</p>
          <p>{t("participantSignIn.off.how")}</p>
        </>
      ) : (
        <>
          <p>{t("participantSignIn.intro")}</p>
          {result?.formError ? (
            <div className="form-error" role="alert">
              <p>{t(result.formError as FormError)}</p>
              {waitSeconds ? <p>{waitSeconds < 120 ? t("participantSignIn.retryInSeconds", { seconds: waitSeconds }) : t("participantSignIn.retryInMinutes", { minutes: Math.ceil(waitSeconds / 60) })}</p> : null}
            </div>
          ) : null}
          <ErrorSummary errors={result?.errors} labels={labels} />
          <Form method="post" noValidate>
            <CsrfField />
            <TextField name="email" type="email" label={labels.email} autoComplete="username" defaultValue={result?.email} errors={result?.errors} required />
            <TextField name="password" type="password" label={labels.password} autoComplete="current-password" errors={result?.errors} required />
            <button type="submit" disabled={busy}>{t("participantSignIn.submit")}</button>
          </Form>
        </>
      )}
      <p><a href="/sign-in">{t("participantSignIn.staff")}</a></p>
    </div>
  );
}

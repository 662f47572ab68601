import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/profile-two-factor";
import { disableTwoFactor, enableTwoFactor, getTwoFactorStatus } from "../../src/domain/auth/credentials.server.ts";
import { disableTwoFactorSchema, enableTwoFactorSchema } from "../../src/domain/auth/model.ts";
import { newTotpSecret, otpauthUri } from "../../src/domain/auth/two-factor.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app, requireSignedIn } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * Two-factor sign-in on the person's own profile. An administrator who has not
 * turned it on is sent here from every other page (requireActor), so this page
 * asks only that someone is signed in.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireSignedIn(context, request);
  const ctx = app(context);
  const status = await getTwoFactorStatus(ctx.db, actor);
  // A fresh secret each time the page is drawn; the form carries it back, and only a right code from it is kept.
  const secret = status.enabled ? null : newTotpSecret();
  return { status, email: actor.email, secret, disabled: new URL(request.url).searchParams.has("off") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireSignedIn(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "enable") {
    const secret = String(form.get("secret") ?? "");
    const parsed = form.parse(enableTwoFactorSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, secret, recoveryCodes: null }, { status: 400 });
    const result = await enableTwoFactor(ctx.db, actor, parsed.data, ctx.meta);
    if (!result.ok) {
      const errors: Record<string, string> = result.reason === "wrong_password" ? { password: "profile.password.wrongCurrent" } : { code: "auth.twoFactor.code.wrong" };
      return data({ intent, errors, secret, recoveryCodes: null }, { status: 400 });
    }
    return data({ intent, errors: {}, secret: null, recoveryCodes: result.recoveryCodes });
  }
  if (intent === "disable") {
    const parsed = form.parse(disableTwoFactorSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, secret: null, recoveryCodes: null }, { status: 400 });
    const result = await disableTwoFactor(ctx.db, actor, parsed.data, ctx.meta);
    if (result.ok) return redirect("/profile/two-factor?off");
    const errors: Record<string, string> = result.reason === "wrong_password" ? { password: "profile.password.wrongCurrent" }
      : result.reason === "wrong_code" ? { code: "auth.twoFactor.code.wrong" } : { code: "auth.twoFactor.required" };
    return data({ intent, errors, secret: null, recoveryCodes: null }, { status: 400 });
  }
  return data({ intent: null, errors: {} as Record<string, string>, secret: null, recoveryCodes: null }, { status: 400 });
}

/** The secret in groups of four, as authenticator apps show typed-in keys. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

export default function TwoFactorPage() {
  const t = useT();
  const { status, email, secret: freshSecret, disabled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { password: t("profile.password.current"), code: t("profile.twoFactor.code") };
  const title = t("profile.twoFactor.heading");

  if (result?.recoveryCodes) {
    return (
      <div className="page page--narrow">
        <title>{`${title} · ${t("app.name")}`}</title>
        <h1>{title}</h1>
        <p className="notice" role="status">{t("profile.twoFactor.enabled")}</p>
        <h2>{t("profile.twoFactor.recoveryHeading")}</h2>
        <p>{t("profile.twoFactor.recoveryIntro")}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {result.recoveryCodes.map((code) => <li key={code}><code translate="no">{code}</code></li>)}
        </ul>
        <p><strong>{t("profile.twoFactor.recoveryOnce")}</strong></p>
        <p><a href="/">{t("profile.twoFactor.continue")}</a></p>
      </div>
    );
  }

  const secret = result?.intent === "enable" && result.secret ? result.secret : freshSecret;
  return (
    <div className="page page--narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {disabled ? <p className="notice" role="status">{t("profile.twoFactor.disabled")}</p> : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      {status.enabled ? (
        <>
          <p>{t("profile.twoFactor.on", { count: status.recoveryCodesLeft })}</p>
          {status.mayDisable ? (
            <>
              <h2>{t("profile.twoFactor.disableHeading")}</h2>
              <p>{t("profile.twoFactor.disableIntro")}</p>
              <Form method="post" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="disable" />
                <TextField name="password" type="password" label={labels.password} autoComplete="current-password" errors={result?.errors} required />
                <TextField name="code" label={labels.code} hint={t("profile.twoFactor.codeHint")} autoComplete="one-time-code" errors={result?.errors} required />
                <button type="submit" className="danger" disabled={busy}>{t("profile.twoFactor.disable")}</button>
              </Form>
            </>
          ) : <p>{t("profile.twoFactor.keepOn")}</p>}
          <p>{t("profile.twoFactor.newCodes")}</p>
        </>
      ) : (
        <>
          {status.required ? <p className="form-error" role="alert">{t("profile.twoFactor.mustEnrol")}</p> : <p>{t("profile.twoFactor.why")}</p>}
          <ol className="steps">
            <li>{t("profile.twoFactor.step1")}</li>
            <li>
              <p>{t("profile.twoFactor.step2")}</p>
              <p><a href={otpauthUri(secret!, email, "Allies")}>{t("profile.twoFactor.openApp")}</a></p>
              <p>{t("profile.twoFactor.typeKey")}</p>
              <p className="token" data-testid="totp-secret" translate="no">{grouped(secret!)}</p>
            </li>
            <li>{t("profile.twoFactor.step3")}</li>
          </ol>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="enable" />
            <input type="hidden" name="secret" value={secret!} />
            <TextField name="password" type="password" label={labels.password} autoComplete="current-password" errors={result?.errors} required />
            <TextField name="code" label={labels.code} hint={t("profile.twoFactor.codeHintNew")} autoComplete="one-time-code" inputMode="numeric" errors={result?.errors} required />
            <button type="submit" disabled={busy}>{t("profile.twoFactor.enable")}</button>
          </Form>
        </>
      )}
    </div>
  );
}

import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/me-password";
import { participantPasswordSchema } from "../../src/domain/participant-sign-in/model.ts";
import { ownPasswordStatus, setOwnPassword } from "../../src/domain/participant-sign-in/passwords.server.ts";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app, requireOwnRecord, requirePartner } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/**
 * The participant sets or changes their own password (decision 0031), while the
 * program allows it. The page never shows the password; it says which email signs in.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const status = await ownPasswordStatus(app(context).db, own);
  return { status, saved: new URL(request.url).searchParams.has("saved"), signInUrl: `${new URL(request.url).origin}/me/sign-in` };
}

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const { sessionId } = requirePartner(context, "participant");
  const ctx = app(context);
  const parsed = (await readForm(request)).parse(participantPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await setOwnPassword(ctx.db, own, sessionId, parsed.data, ctx.meta);
  if (!result.ok) return data({ errors: {} }, { status: 409 });
  return redirect("/me/password?saved=1");
}

export default function MyPasswordPage() {
  const t = useT();
  const { status, saved, signInUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { password: t("participantSignIn.own.new"), confirm: t("participantSignIn.own.confirm") };
  return (
    <div className="page page--narrow">
      <title>{`${t("participantSignIn.own.title")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="password" />
      <h1>{t("participantSignIn.own.title")}</h1>
      {saved ? (
        <div className="notice" role="status">
          <p>{t("participantSignIn.own.saved")}</p>
          <p>{t("participantSignIn.own.signInAt")} <a href="/me/sign-in">{signInUrl}</a></p>
        </div>
      ) : null}
      {status.refusal ? <p data-testid="password-refused">{t(`participantSignIn.own.refused.${status.refusal}`)}</p> : (
        <>
          <p>{t("participantSignIn.own.intro")}</p>
          <p>{t("participantSignIn.own.email", { email: status.email ?? "" })}</p>
          <p>{status.hasPassword ? t("participantSignIn.own.has") : t("participantSignIn.own.none")}</p>
          <ErrorSummary errors={result?.errors} labels={labels} />
          <Form method="post" noValidate>
            <CsrfField />
            <TextField name="password" type="password" label={labels.password} hint={t("participantSignIn.own.newHint")} autoComplete="new-password" errors={result?.errors} required />
            <TextField name="confirm" type="password" label={labels.confirm} autoComplete="new-password" errors={result?.errors} required />
            <button type="submit" disabled={busy}>{t("participantSignIn.own.submit")}</button>
          </Form>
        </>
      )}
    </div>
  );
}

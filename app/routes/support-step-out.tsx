import { Form, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/support-step-out";
import { stepOutSchema } from "../../src/domain/partners/model.ts";
import { ownContact, stepOutOfNetwork } from "../../src/domain/partners/support-page.server.ts";
import { PARTNER_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CheckboxField, CsrfField, ErrorSummary } from "../components/forms.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const { actor } = requirePartner(context, "support_person");
  return ownContact(app(context).db, actor);
}

/** Stepping out ends the page for them at once; the answer thanks them and keeps no session. */
export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, stepOutSchema);
  if (!form.ok) return data({ errors: form.errors, done: false }, { status: 400 });
  await stepOutOfNetwork(ctx.db, actor, ctx.meta);
  const cleared = serializeCookie(PARTNER_COOKIE, "", { secure: ctx.secureCookies, maxAgeSeconds: 0 });
  return data({ errors: {}, done: true }, { headers: { "Set-Cookie": cleared } });
}

export default function SupportStepOut() {
  const t = useT();
  const { participant, specialist } = useLoaderData<typeof loader>();
  const names = { participant, specialist };
  const result = useActionData<typeof action>();
  const title = t("supportPage.stepOut.title", names);
  if (result?.done) {
    return (
      <div className="page page--narrow partner-page">
        <title>{`${title} · ${t("app.name")}`}</title>
        <h1>{title}</h1>
        <p className="notice" role="status">{t("supportPage.stepOut.done")}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow partner-page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>{t("supportPage.stepOut.body", names)}</p>
      <ErrorSummary errors={result?.errors} labels={{ confirm: t("supportPage.stepOut.confirmLabel") }} />
      <Form method="post">
        <CsrfField />
        <CheckboxField name="confirm" value="yes" label={t("supportPage.stepOut.confirmLabel")} errors={result?.errors} defaultChecked={false} />
        <button type="submit" className="danger">{t("supportPage.stepOut.submit")}</button>
      </Form>
      <p><a href="/support">{t("supportPage.back")}</a></p>
    </div>
  );
}

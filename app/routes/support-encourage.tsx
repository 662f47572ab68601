import { Form, data, redirect, useActionData } from "react-router";
import type { Route } from "./+types/support-encourage";
import { encouragementBackSchema } from "../../src/domain/partners/model.ts";
import { sendEncouragement } from "../../src/domain/partners/support-page.server.ts";
import { CsrfField, ErrorSummary, TextArea } from "../components/forms.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

// Without JavaScript an empty note comes back to this page, the form on its own, with its error.
export function loader({ context }: Route.LoaderArgs) {
  requirePartner(context, "support_person");
  return null;
}

/** An empty note comes back here with its error; a note sent goes back to the page. */
export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, encouragementBackSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await sendEncouragement(ctx.db, actor, form.data.text, ctx.meta);
  return redirect("/support?done=encourage");
}

export default function SupportEncourage() {
  const t = useT();
  const result = useActionData<typeof action>();
  const labels = { text: t("supportPage.encourage.label") };
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("supportPage.encourage.label")} · ${t("app.name")}`}</title>
      <h1>{t("supportPage.encourage.label")}</h1>
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post">
        <CsrfField />
        <TextArea name="text" label={labels.text} errors={result?.errors} defaultValue={result?.values.text} rows={4} maxLength={1000} />
        <button type="submit">{t("supportPage.encourage.submit")}</button>
      </Form>
      <p><a href="/support">{t("supportPage.back")}</a></p>
    </div>
  );
}

import { Form, data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/support-contact";
import { ownContactSchema } from "../../src/domain/network/model.ts";
import { CONTACT_CHANNELS } from "../../src/domain/network/vocabulary.ts";
import { ownContact, updateOwnContact } from "../../src/domain/partners/support-page.server.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const { actor } = requirePartner(context, "support_person");
  return ownContact(app(context).db, actor);
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, ownContactSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await updateOwnContact(ctx.db, actor, form.data, ctx.meta);
  return redirect("/support?done=contact#contact");
}

export default function SupportContact() {
  const t = useT();
  const current = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values;
  const labels = { phone: t("supportPage.contact.phoneLabel"), email: t("supportPage.contact.emailLabel"), preferredChannel: t("supportPage.contact.channelLabel") };
  const channels = [{ value: "", label: t("supportPage.contact.none") }, ...CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`network.channel.${c}`) }))];
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("supportPage.contact.title")} · ${t("app.name")}`}</title>
      <h1>{t("supportPage.contact.title")}</h1>
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="phone" type="tel" inputMode="tel" autoComplete="tel" label={labels.phone} errors={result?.errors} defaultValue={values ? values.phone : current.phone} />
        <TextField name="email" type="email" autoComplete="email" label={labels.email} errors={result?.errors} defaultValue={values ? values.email : current.email} />
        <SelectField name="preferredChannel" label={labels.preferredChannel} options={channels} errors={result?.errors} defaultValue={values ? values.preferredChannel : current.preferredChannel} />
        <button type="submit">{t("supportPage.contact.submit")}</button>
      </Form>
      <p><a href="/support">{t("supportPage.back")}</a></p>
    </div>
  );
}

import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/support-messages";
import { supportPersonPreferencesSchema } from "../../src/domain/messages/model.ts";
import { supportPersonOwnPreferences, updateSupportPersonOwnPreferences } from "../../src/domain/messages/preferences.server.ts";
import { MessagePreferencesForm } from "../components/message-preferences.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** A support person's own message choices: channel, language, reminders. */
export async function loader({ context }: Route.LoaderArgs) {
  const { actor } = requirePartner(context, "support_person");
  const preferences = await supportPersonOwnPreferences(app(context).db, actor);
  if (!preferences) throw notFound();
  return { preferences };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, supportPersonPreferencesSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await updateSupportPersonOwnPreferences(ctx.db, actor, form.data, ctx.meta);
  if (!result.ok && result.reason === "invalid") return data({ errors: result.errors, values: form.values }, { status: 400 });
  if (!result.ok) throw notFound();
  return redirect("/support?done=messages#messages");
}

export default function SupportMessages() {
  const t = useT();
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("texts.title.own")} · ${t("app.name")}`}</title>
      <h1>{t("texts.title.own")}</h1>
      <p className="prose">{t("texts.intro.own")}</p>
      <MessagePreferencesForm t={t} preferences={preferences} audience="own" errors={result?.errors} values={result?.values} />
      <p><a href="/support">{t("supportPage.back")}</a></p>
    </div>
  );
}

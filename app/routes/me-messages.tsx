import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/me-messages";
import { participantPreferencesSchema } from "../../src/domain/messages/model.ts";
import { participantOwnPreferences, updateParticipantOwnPreferences } from "../../src/domain/messages/preferences.server.ts";
import { MessagePreferencesForm, MessagePreferencesSummary } from "../components/message-preferences.tsx";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/** The participant's own message choices: channel, language, reminders (the SSI wage report among them). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const preferences = await participantOwnPreferences(app(context).db, own);
  if (!preferences) throw notFound();
  return { preferences, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await parseForm(request, participantPreferencesSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await updateParticipantOwnPreferences(ctx.db, own, form.data, ctx.meta);
  if (!result.ok && result.reason === "invalid") return data({ errors: result.errors, values: form.values }, { status: 400 });
  if (!result.ok) throw notFound();
  return redirect("/me/messages?saved=1");
}

export default function MyMessages() {
  const t = useT();
  const { preferences, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <title>{`${t("texts.title.own")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="messages" />
      <h1>{t("texts.title.own")}</h1>
      {saved && !result ? <p className="notice" role="status">{t("texts.saved")}</p> : null}
      <p className="prose">{t("texts.intro.own")}</p>
      <MessagePreferencesSummary t={t} preferences={preferences} audience="own" />
      <MessagePreferencesForm t={t} preferences={preferences} audience="own" errors={result?.errors} values={result?.values} />
    </div>
  );
}

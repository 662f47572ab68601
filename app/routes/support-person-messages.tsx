import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/support-person-messages";
import { supportPersonPreferencesSchema } from "../../src/domain/messages/model.ts";
import { supportPersonPreferences, updateSupportPersonPreferences } from "../../src/domain/messages/preferences.server.ts";
import { StaffMessagePreferencesPage } from "../components/message-preferences.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** A support person's message choices, changed by their specialist when the person asks. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const found = await supportPersonPreferences(ctx.db, access, params.personId);
  if (!found?.actions.change) throw notFound();
  return { preferences: found.preferences, back: `/participants/${params.id}/network/${params.personId}` };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, supportPersonPreferencesSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await updateSupportPersonPreferences(ctx.db, access, params.personId, form.data, ctx.meta);
  if (!result.ok && result.reason === "invalid") return data({ errors: result.errors, values: form.values }, { status: 400 });
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/network/${params.personId}?messagesSaved=1#messages`);
}

export default function SupportPersonMessages() {
  const t = useT();
  const { preferences, back } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <StaffMessagePreferencesPage t={t} preferences={preferences} back={back} result={result} />;
}

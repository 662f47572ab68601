import { randomUUID } from "node:crypto";
import { useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/concerns";
import { getConcernRecord } from "../../src/domain/concerns/concerns.server.ts";
import { ConcernCard, NewConcernForm } from "../components/concern-card.tsx";
import { shortName, speakerOptions } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { concernAction } from "../lib/concern-actions.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/** The concerns on a participant's record, from meetings or raised any other time, each with its status and plan. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const record = await getConcernRecord(ctx.db, access, ctx.meta);
  if (!record) throw notFound();
  const open = record.concerns.filter((c) => c.status !== "resolved");
  const resolved = record.concerns.filter((c) => c.status === "resolved");
  return { ...record, open, resolved, concernKey: randomUUID() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const answer = await concernAction(ctx, access, null, form, `/participants/${params.id}/concerns`);
  if (!answer) throw notFound();
  return answer;
}

export default function ConcernsPage() {
  const t = useT();
  const { participant, open, resolved, people, canUpdate, concernKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const card = (concern: (typeof open)[number]) => (
    <ConcernCard key={concern.id} t={t} name={name} concern={concern} participantId={participant.id} canUpdate={canUpdate} busy={busy}
      result={result?.intent === "concernUpdate" && result.concernId === concern.id ? result : null} />
  );
  return (
    <div className="page">
      <title>{`${t("concerns.page.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("concerns.page.title", { name })}</h1>
      <p>{t("concerns.page.intro")}</p>
      <h2>{t("concerns.page.open")}</h2>
      {open.length === 0 ? <p>{t("meetings.concerns.none")}</p> : open.map(card)}
      {canUpdate ? (
        <NewConcernForm t={t} name={name} concernKey={concernKey} speakers={speakerOptions(t, name, people)} busy={busy}
          result={result?.intent === "concern" ? result : null} />
      ) : null}
      {resolved.length > 0 ? (
        <>
          <h2>{t("concerns.page.resolved")}</h2>
          {resolved.map(card)}
        </>
      ) : null}
    </div>
  );
}

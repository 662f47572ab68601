import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings";
import { listMeetings } from "../../src/domain/meetings/meetings.server.ts";
import type { Meeting } from "../../src/domain/meetings/model.ts";
import { formatMeetingTime, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await listMeetings(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  return { participant: view.participant, meetings: view.meetings };
}

export default function MeetingsPage() {
  const t = useT();
  const { participant, meetings } = useLoaderData<typeof loader>();
  const name = shortName(participant);
  const base = `/participants/${participant.id}/meetings`;
  return (
    <div className="page">
      <title>{`${t("meetings.list.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("meetings.list.title", { name })}</h1>
      <p>{t("meetings.list.intro")}</p>
      <p><Link className="button" to={`${base}/new`}>{t("meetings.list.plan")}</Link></p>
      {meetings.length === 0 ? (
        <p>{t("meetings.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive-table">
            <caption className="muted">{t("meetings.list.caption", { count: meetings.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.field.title")}</th>
                <th scope="col">{t("meetings.field.kind")}</th>
                <th scope="col">{t("meetings.field.when")}</th>
                <th scope="col">{t("meetings.field.place")}</th>
                <th scope="col">{t("meetings.field.status")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} data-meeting-id={m.id}>
                  <td data-label={t("meetings.field.title")}><Link to={`${base}/${m.id}`}>{m.title}</Link></td>
                  <td data-label={t("meetings.field.kind")}>{t(`meeting.kind.${m.kind}`)}</td>
                  <td data-label={t("meetings.field.when")}>{formatMeetingTime(m.scheduledAt, t.locale)}</td>
                  <td data-label={t("meetings.field.place")}>{m.place}</td>
                  <td data-label={t("meetings.field.status")}>{t(`meeting.status.${m.status as Meeting["status"]}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/profile-calendar-feed";
import { calendarFeedStatus, issueCalendarFeed, revokeCalendarFeed } from "../../src/domain/day/day.server.ts";
import { calendarFeedActionSchema } from "../../src/domain/day/model.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField } from "../components/forms.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import dayStyles from "../components/day.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: dayStyles }];
import { useT } from "../lib/i18n.ts";

/** The staff member's private calendar feed: make an address (shown once), make a new one, or turn it off. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const status = await calendarFeedStatus(app(context).db, actor);
  if (!status.available) throw notFound();
  return { feed: status.feed, revoked: new URL(request.url).searchParams.has("revoked") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, calendarFeedActionSchema);
  if (!form.ok) throw data({ message: "error.body.unreadable" }, { status: 400 });
  if (form.data.intent === "revoke") {
    await revokeCalendarFeed(ctx.db, actor, ctx.meta);
    return redirect("/profile/calendar-feed?revoked=1");
  }
  const token = await issueCalendarFeed(ctx.db, actor, ctx.meta);
  if (!token) throw notFound();
  // Shown once: only the token's hash is kept.
  return { address: `${new URL(request.url).origin}/calendar-feed/${token}.ics` };
}

export default function CalendarFeedPage() {
  const t = useT();
  const { feed, revoked } = useLoaderData<typeof loader>();
  const created = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("day.feed.title")} · ${t("app.name")}`}</title>
      <p><Link to="/profile">{t("nav.profile")}</Link></p>
      <h1>{t("day.feed.title")}</h1>
      <p>{t("day.feed.intro")}</p>
      <p className="warning">{t("day.feed.privacy")}</p>
      {revoked && !created ? <p className="notice" role="status">{t("day.feed.revoked")}</p> : null}
      {created ? (
        <div className="notice" role="status" data-testid="feed-address">
          <p>{t("day.feed.created")}</p>
          <p><label htmlFor="feed-address">{t("day.feed.address")}</label></p>
          <input id="feed-address" className="token feed-address" readOnly value={created.address} />
        </div>
      ) : null}
      {feed ? (
        <>
          <p>{t("day.feed.active", { date: formatDate(feed.createdAt, t.locale, "medium") })}</p>
          <p>{feed.lastUsedAt ? t("day.feed.lastUsed", { date: formatDate(feed.lastUsedAt, t.locale, "medium") }) : t("day.feed.neverUsed")}</p>
        </>
      ) : <p>{t("day.feed.none")}</p>}
      <div className="actions">
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="issue">{t(feed ? "day.feed.replace" : "day.feed.create")}</button>
        </Form>
        {feed ? (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="revoke" className="secondary">{t("day.feed.revoke")}</button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}

import type { Route } from "./+types/calendar-feed-ics";
import { readCalendarFeed } from "../../src/domain/day/day.server.ts";
import { app, notFound } from "../lib/request.server.ts";

/** The private calendar feed a calendar app subscribes to: the token in the address is the permission (no session). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = app(context);
  const ics = await readCalendarFeed(ctx.db, params.token, ctx.meta);
  if (!ics) throw notFound();
  return new Response(ics, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="allies-meetings.ics"' },
  });
}

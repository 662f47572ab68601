import { redirect } from "react-router";
import type { Route } from "./+types/link-open";
import { openPersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTNER_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { app } from "../lib/request.server.ts";

/**
 * A personal link (decision 0022). The token is traded for a partner session
 * cookie at once and the browser goes on to a page whose address holds no token,
 * so it is not left in the history bar, a bookmark or a later Referer.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = app(context);
  const result = await openPersonalLink(ctx.db, params.token, ctx.meta, request.headers.get("user-agent"), ctx.sessionLimits);
  if (!result.ok) throw redirect("/l");
  // A session cookie (no Max-Age): closing the browser ends it; the link opens a new one.
  const cookie = serializeCookie(PARTNER_COOKIE, result.sessionToken, { secure: ctx.secureCookies });
  throw redirect(result.home, { headers: { "Set-Cookie": cookie } });
}

import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { safeNextPath } from "../../src/domain/auth/next-path.ts";
import { isLocale } from "../../src/i18n/index.ts";
import { LANGUAGE_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { app, notFound } from "../lib/request.server.ts";

const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * The language switch of the pages read before signing in: a plain link, so it works
 * without JavaScript. It remembers the choice in a cookie for this browser (nothing
 * is stored on the server) and goes back to the page it was chosen on.
 */
export function loader({ context, request, params }: Route.LoaderArgs) {
  if (!isLocale(params.locale)) throw notFound();
  const cookie = serializeCookie(LANGUAGE_COOKIE, params.locale, { secure: app(context).secureCookies, maxAgeSeconds: ONE_YEAR });
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next"), "/sign-in"), { headers: { "Set-Cookie": cookie } });
}

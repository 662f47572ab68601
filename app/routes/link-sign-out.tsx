import { redirect } from "react-router";
import type { Route } from "./+types/link-sign-out";
import { endPartnerSession } from "../../src/domain/links/links.server.ts";
import { PARTNER_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { app } from "../lib/request.server.ts";

export function loader() {
  return redirect("/l");
}

export async function action({ context }: Route.ActionArgs) {
  const ctx = app(context);
  if (ctx.partner && ctx.partnerSessionId) await endPartnerSession(ctx.db, ctx.partner, ctx.partnerSessionId, ctx.meta);
  const cleared = serializeCookie(PARTNER_COOKIE, "", { secure: ctx.secureCookies, maxAgeSeconds: 0 });
  return redirect("/l", { headers: { "Set-Cookie": cleared } });
}

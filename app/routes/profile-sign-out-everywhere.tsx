import { redirect } from "react-router";
import type { Route } from "./+types/profile-sign-out-everywhere";
import { signOutEverywhere } from "../../src/domain/auth/sessions.server.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { app, requireActor } from "../lib/request.server.ts";

/** Ends every session of the signed-in person, this one included. */
export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  await signOutEverywhere(ctx.db, actor, ctx.meta);
  const cleared = serializeCookie(SESSION_COOKIE, "", { secure: ctx.secureCookies, maxAgeSeconds: 0 });
  return redirect("/sign-in", { headers: { "Set-Cookie": cleared } });
}

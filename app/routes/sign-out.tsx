import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { signOut } from "../../src/domain/auth/sessions.server.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { app } from "../lib/request.server.ts";

export function loader() {
  return redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  const ctx = app(context);
  if (ctx.actor && ctx.sessionId) await signOut(ctx.db, ctx.sessionId, ctx.actor, ctx.meta);
  const cleared = serializeCookie(SESSION_COOKIE, "", { secure: ctx.secureCookies, maxAgeSeconds: 0 });
  return redirect("/sign-in", { headers: { "Set-Cookie": cleared } });
}

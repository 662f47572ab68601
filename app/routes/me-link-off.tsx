import { redirect } from "react-router";
import type { Route } from "./+types/me-link-off";
import { turnOffLink } from "../../src/domain/portal/participant-link.server.ts";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";

/** The participant turns off a support person's link, or their own (which signs them out here too). */
export { default, links, loader } from "./me-privacy.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const whose = (await readForm(request)).get("whose") ?? "";
  const target = whose === "own" ? "own" as const : { supportPersonId: whose };
  const result = await turnOffLink(ctx.db, own, target, ctx.meta);
  if (!result.ok) throw notFound();
  // Their own link's sessions, this one included, ended with it.
  return redirect(target === "own" ? "/l" : "/me/privacy?linkOff=1");
}

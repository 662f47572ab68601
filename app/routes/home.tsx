import { redirect } from "react-router";
import type { Route } from "./+types/home";
import { PARTNER_HOME } from "../../src/domain/links/model.ts";
import { app, requireActor } from "../lib/request.server.ts";

export function loader({ context, request }: Route.LoaderArgs) {
  // A support person or participant signed in by their link: the site's name leads back to their own page.
  const partner = app(context).partner;
  if (partner && !app(context).actor) return redirect(PARTNER_HOME[partner.kind]);
  requireActor(context, request);
  return redirect("/participants");
}

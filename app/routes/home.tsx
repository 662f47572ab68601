import { redirect } from "react-router";
import type { Route } from "./+types/home";
import { requireActor } from "../lib/request.server.ts";

export function loader({ context, request }: Route.LoaderArgs) {
  requireActor(context, request);
  return redirect("/participants");
}

import type { Route } from "./+types/invitation";
import { requireActor } from "../lib/request.server.ts";

// Placeholder until this page is built.
export function loader({ context, request }: Route.LoaderArgs) {
  requireActor(context, request);
  return null;
}

export default function Page() {
  return <div className="page"><h1>Coming soon</h1></div>;
}

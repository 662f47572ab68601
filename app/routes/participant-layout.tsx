import { Outlet, useLoaderData } from "react-router";
import type { Route } from "./+types/participant-layout";
import { participantHeading } from "../../src/domain/participants/participants.server.ts";
import { ParticipantNav } from "../components/participant-nav.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { app, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";
import navStyles from "../components/participant-nav.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: navStyles }];

/**
 * Wraps every page of one participant's record (app/routes.ts) with their name
 * and the sections of the record. The page beneath does its own authorization;
 * a record the actor may not read gets no navigation here, only that page's answer.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!params.id) return { heading: null };
  return { heading: await participantHeading(app(context).db, actor, params.id) };
}

export default function ParticipantLayout() {
  const t = useT();
  const { heading } = useLoaderData<typeof loader>();
  return (
    <>
      {heading ? (
        <div className="page page--nav">
          <ParticipantNav t={t} participantId={heading.id} name={participantDisplayName(heading)} archived={heading.status === "archived"} />
        </div>
      ) : null}
      <Outlet />
    </>
  );
}

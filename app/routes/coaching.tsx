import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/coaching";
import { coachedSpecialists } from "../../src/domain/coaching/coaching.server.ts";
import { app, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** Coaching (issue 15): the specialists whose coaching notes the reader may open. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  return { specialists: await coachedSpecialists(app(context).db, actor) };
}

export default function CoachingPage() {
  const t = useT();
  const { specialists } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("coaching.title")} · ${t("app.name")}`}</title>
      <h1>{t("coaching.title")}</h1>
      <p>{t("coaching.intro")}</p>
      <h2>{t("coaching.list.heading")}</h2>
      {specialists.length === 0 ? <p>{t("coaching.list.none")}</p> : (
        <ul className="plain-list" data-testid="coached-specialists">
          {specialists.map((s) => (
            <li key={s.id}>
              <Link to={`/coaching/${s.id}`}>{s.name}</Link> · {t("coaching.list.followUps", { count: s.openFollowUps })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

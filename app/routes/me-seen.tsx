import { useLoaderData } from "react-router";
import type { Route } from "./+types/me-seen";
import { formatDateTime } from "../../src/i18n/format.ts";
import { listMyDisclosures } from "../../src/domain/portal/disclosures.server.ts";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/** "Who has seen what": every time something about the participant reached a support person or guest. */
export async function loader({ context }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const disclosures = await listMyDisclosures(ctx.db, own, ctx.meta);
  if (!disclosures) throw notFound();
  return { disclosures };
}

export default function WhoHasSeenPage() {
  const t = useT();
  const { disclosures } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <title>{`${t("own.seen.title")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="seen" />
      <h1>{t("own.seen.title")}</h1>
      <p className="prose">{t("own.seen.intro")}</p>
      {disclosures.length === 0 ? <p>{t("own.seen.none")}</p> : (
        <ol className="own-list" aria-label={t("own.seen.listLabel")}>
          {disclosures.map((d, i) => (
            <li key={i}>
              <p><strong>{t(`own.seen.kind.${d.kind}`, { name: d.readerName })}</strong></p>
              <p>{formatDateTime(d.at, t.locale, { dateStyle: "medium", timeStyle: "short" })}</p>
              <p>{d.categories.length === 0 ? t("own.seen.nothingPrivate") : t("own.seen.told", { what: d.categories.map((c) => t(`own.category.${c}`)).join(", ") })}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

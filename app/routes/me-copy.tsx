import type { Route } from "./+types/me-copy";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/** "A copy of my record": what the two downloads hold. Each download is audited when taken. */
export async function loader({ context }: Route.LoaderArgs) {
  await requireOwnRecord(context);
  return null;
}

export default function MyRecordCopyPage() {
  const t = useT();
  return (
    <div className="page page--narrow">
      <title>{`${t("own.copy.title")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="copy" />
      <h1>{t("own.copy.title")}</h1>
      <p className="prose">{t("own.copy.intro")}</p>
      <p className="prose">{t("own.copy.private")}</p>
      <div className="own-downloads">
        <a className="own-download" href="/me/copy.pdf" download>{t("own.copy.pdf")}</a>
        <a className="own-download" href="/me/copy.json" download>{t("own.copy.json")}</a>
      </div>
    </div>
  );
}

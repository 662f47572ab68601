import { data } from "react-router";
import { useT } from "../lib/i18n.ts";

// Where a link that does not work, or an ended partner session, leads: it names no record.
export function loader() {
  return data(null, { status: 401 });
}

export default function LinkEnded() {
  const t = useT();
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("link.ended.title")} · ${t("app.name")}`}</title>
      <h1>{t("link.ended.title")}</h1>
      <p>{t("link.ended.body")}</p>
      <p>{t("link.ended.again")}</p>
      <p><a href="/me/sign-in">{t("participantSignIn.fromLinkEnded")}</a></p>
    </div>
  );
}

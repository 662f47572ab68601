import { GLOSSARY, officialTerm } from "../../src/i18n/glossary.ts";
import { useT } from "../lib/i18n.ts";

/**
 * Social Security's words in plain language, for participants and families, with
 * the official name under each so they can match it to their letters. Open to
 * anyone: it holds no one's information. Each term has an anchor (/glossary#sga).
 */
export default function Glossary() {
  const t = useT();
  return (
    <div className="page">
      <title>{`${t("plain.glossary.title")} · ${t("app.name")}`}</title>
      <h1>{t("plain.glossary.title")}</h1>
      <p>{t("plain.glossary.intro")}</p>
      <dl className="glossary">
        {GLOSSARY.map((term) => (
          <div key={term.id} id={term.id}>
            <dt>{officialTerm(term, t.locale)}</dt>
            <dd>
              <p>{t(`plain.glossary.${term.id}`)}</p>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

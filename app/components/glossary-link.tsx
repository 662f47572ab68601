import { Link } from "react-router";
import type { Translate } from "../../src/i18n/index.ts";
import { useT } from "../lib/i18n.ts";

/**
 * The link to the glossary page, for pages whose readers meet Social Security's
 * words; in the words of the copy it sits in (`t`), else the page's.
 */
export function GlossaryLink({ t }: { t?: Translate }) {
  const page = useT();
  const words = t ?? page;
  return <p className="glossary-link"><Link to="/glossary">{words("plain.glossary.link")}</Link></p>;
}

import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/admin";
import { administrationTools, TOOL_PATHS, type AdministrationTool } from "../../src/domain/administration/tools.ts";
import type { MessageKey } from "../../src/i18n/index.ts";
import { notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const TOOL_TITLES: Record<AdministrationTool, MessageKey> = {
  users: "admin.users.title",
  program: "program.title",
  messages: "messages.admin.title",
  import: "import.title",
  benefitYears: "benefits.years.title",
  audit: "admin.audit.title",
};

/** The administration pages a person may open, each with a line on what it is for. */
export function loader({ context, request }: Route.LoaderArgs) {
  const tools = administrationTools(requireActor(context, request));
  if (tools.length === 0) throw notFound();
  return { tools };
}

export default function Administration() {
  const t = useT();
  const { tools } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("administration.title")} · ${t("app.name")}`}</title>
      <h1>{t("administration.title")}</h1>
      <p>{t("administration.intro")}</p>
      <ul className="tool-list">
        {tools.map((tool) => (
          <li key={tool}>
            <h2 className="tool-list__name"><Link to={TOOL_PATHS[tool]}>{t(TOOL_TITLES[tool])}</Link></h2>
            <p>{t(`administration.tool.${tool}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

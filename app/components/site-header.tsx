import { Form, Link, NavLink, useRouteLoaderData } from "react-router";
import { useT } from "../lib/i18n.ts";
import { CsrfField } from "./forms.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

interface HeaderData {
  programName: string;
  actor: { name: string; role: "specialist" | "supervisor" | "admin"; mayAdminister: boolean; mayReadReports?: boolean; hasCalendar: boolean } | null;
  languageSwitch: boolean;
}

export function SiteHeader() {
  const root = useRouteLoaderData("root") as HeaderData | undefined;
  const t = useT();
  const actor = root?.actor;
  return (
    <header className="site-header">
      <div className="site-header__names">
        <Link to="/" className="brand">{t("app.name")}</Link>
        {root && root.programName !== t("app.name") ? <span className="program-name" data-testid="program-name">{root.programName}</span> : null}
      </div>
      {actor ? (
        <>
          <nav aria-label={t("nav.main")}>
            <ul>
              <li><NavLink to="/participants">{t("nav.participants")}</NavLink></li>
              {actor.hasCalendar ? <li><NavLink to="/calendar">{t("nav.calendar")}</NavLink></li> : null}
              {actor.mayReadReports ? <li><NavLink to="/reports">{t("nav.reports")}</NavLink></li> : null}
              {actor.mayAdminister ? <li><NavLink to="/admin">{t("nav.administration")}</NavLink></li> : null}
              <li><NavLink to="/resources">{t("nav.resources")}</NavLink></li>
              <li><NavLink to="/coaching">{t("nav.coaching")}</NavLink></li>
              <li><NavLink to="/advocacy">{t("nav.advocacy")}</NavLink></li>
              <li><NavLink to="/profile">{t("nav.profile")}</NavLink></li>
            </ul>
          </nav>
          <div className="who">
            <span>{t("nav.signedInAs", { name: actor.name, role: t(`role.${actor.role}`) })}</span>
            <Form method="post" action="/sign-out">
              <CsrfField />
              <button type="submit" className="link-button">{t("nav.signOut")}</button>
            </Form>
          </div>
        </>
      ) : null}
      {root?.languageSwitch ? <LanguageSwitch /> : null}
    </header>
  );
}

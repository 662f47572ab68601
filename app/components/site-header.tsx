import { Form, useLocation, useRouteLoaderData } from "react-router";
import { useT } from "../lib/i18n.ts";
import { CsrfField } from "./forms.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

interface HeaderData {
  programName: string;
  actor: { name: string; role: "specialist" | "supervisor" | "admin"; mayManageUsers: boolean; mayReadAudit: boolean; mayReadReports?: boolean; hasCalendar: boolean } | null;
  languageSwitch: boolean;
}

/**
 * The main navigation's links, marked as React Router's NavLink would mark them (the
 * "active" class and aria-current on the section being shown, and on pages under it),
 * but plain <a> (decision 0041): the header is on every page, and each NavLink
 * resolves itself against the route tree on every server render.
 */
function sectionLink(pathname: string, to: string, label: string) {
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return <a href={to} className={active ? "active" : undefined} aria-current={active ? "page" : undefined}>{label}</a>;
}

export function SiteHeader() {
  const root = useRouteLoaderData("root") as HeaderData | undefined;
  const t = useT();
  const actor = root?.actor;
  const { pathname } = useLocation();
  return (
    <header className="site-header">
      <div className="site-header__names">
        <a href="/" className="brand">{t("app.name")}</a>
        {root && root.programName !== t("app.name") ? <span className="program-name" data-testid="program-name">{root.programName}</span> : null}
      </div>
      {actor ? (
        <>
          <nav aria-label={t("nav.main")}>
            <ul>
              <li>{sectionLink(pathname, "/participants", t("nav.participants"))}</li>
              {actor.hasCalendar ? <li>{sectionLink(pathname, "/calendar", t("nav.calendar"))}</li> : null}
              {actor.mayReadReports ? <li>{sectionLink(pathname, "/reports", t("nav.reports"))}</li> : null}
              {actor.mayManageUsers ? <li>{sectionLink(pathname, "/admin/users", t("nav.users"))}</li> : null}
              {actor.mayReadAudit ? <li>{sectionLink(pathname, "/admin/audit", t("nav.audit"))}</li> : null}
              <li>{sectionLink(pathname, "/resources", t("nav.resources"))}</li>
              <li>{sectionLink(pathname, "/coaching", t("nav.coaching"))}</li>
              <li>{sectionLink(pathname, "/advocacy", t("nav.advocacy"))}</li>
              <li>{sectionLink(pathname, "/profile", t("nav.profile"))}</li>
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

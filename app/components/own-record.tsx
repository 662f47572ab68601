import { Link, useRouteLoaderData } from "react-router";
import type { Translate } from "../../src/i18n/index.ts";

/** The participant's own pages, as one row of large links (phone first). "My password" only while the program allows passwords (the root loader says). */
export function OwnSections({ t, current }: { t: Translate; current: "home" | "help" | "privacy" | "seen" | "copy" | "messages" | "password" | "families" }) {
  const passwords = (useRouteLoaderData("root") as { ownPasswordSection?: boolean } | undefined)?.ownPasswordSection === true;
  const links = [
    { id: "home", to: "/me", label: t("own.nav.home") },
    { id: "help", to: "/me/help", label: t("partnerMore.own.nav.help") },
    { id: "privacy", to: "/me/privacy", label: t("own.nav.privacy") },
    { id: "seen", to: "/me/seen", label: t("own.nav.seen") },
    { id: "copy", to: "/me/copy", label: t("own.nav.copy") },
    { id: "messages", to: "/me/messages", label: t("texts.nav.messages") },
    ...(passwords ? [{ id: "password", to: "/me/password", label: t("participantSignIn.own.nav") }] as const : []),
    { id: "families", to: "/me/families", label: t("families.own.me.nav") },
  ] as const;
  return (
    <nav className="own-sections no-print" aria-label={t("own.nav.label")}>
      <ul>
        {links.map((l) => (
          <li key={l.id}><Link to={l.to} aria-current={current === l.id ? "page" : undefined}>{l.label}</Link></li>
        ))}
      </ul>
    </nav>
  );
}

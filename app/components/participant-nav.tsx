import { Link, useLocation } from "react-router";
import type { Translate } from "../../src/i18n/index.ts";

/**
 * The sections of a participant's record, in the order the persistent navigation
 * shows them. One list: a new participant page adds its entry here. `path` is
 * under /participants/:id ("" is the overview); `alsoUnder` names other address
 * prefixes that belong to the section (a consent is part of the network).
 */
export const PARTICIPANT_SECTIONS = [
  { id: "overview", path: "", label: "participantNav.overview", alsoUnder: ["edit", "own-link"] },
  { id: "network", path: "network", label: "participantNav.network", alsoUnder: ["consent"] },
  { id: "meetings", path: "meetings", label: "participantNav.meetings", alsoUnder: [] },
  { id: "plan", path: "plan", label: "participantNav.plan", alsoUnder: [] },
  { id: "wins", path: "wins", label: "participantNav.wins", alsoUnder: [] },
  { id: "jobs", path: "jobs", label: "participantNav.jobs", alsoUnder: [] },
  { id: "concerns", path: "concerns", label: "participantNav.concerns", alsoUnder: [] },
  { id: "benefits", path: "benefits", label: "participantNav.benefits", alsoUnder: [] },
  { id: "contacts", path: "contacts", label: "participantNav.contacts", alsoUnder: [] },
  { id: "messages", path: "messages", label: "participantNav.messages", alsoUnder: [] },
  { id: "resources", path: "resources", label: "participantNav.resources", alsoUnder: [] },
] as const;

export type ParticipantSectionId = (typeof PARTICIPANT_SECTIONS)[number]["id"];

/** Which section an address inside /participants/:id belongs to, or null outside the record. */
export function currentSection(pathname: string, participantId: string): ParticipantSectionId | null {
  const base = `/participants/${participantId}`;
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return null;
  const first = pathname.slice(base.length + 1).split("/")[0] ?? "";
  const found = PARTICIPANT_SECTIONS.find((s) => s.path === first || (s.alsoUnder as readonly string[]).includes(first));
  return found ? found.id : null;
}

/**
 * The participant's name and the links to every section of their record, the
 * same on each of their pages, with the section being shown marked for screen
 * readers (aria-current) and by eye. The list wraps on a narrow screen.
 */
export function ParticipantNav({ t, participantId, name, archived }: { t: Translate; participantId: string; name: string; archived: boolean }) {
  const { pathname } = useLocation();
  const current = currentSection(pathname, participantId);
  const base = `/participants/${participantId}`;
  return (
    <div className="participant-nav no-print" data-testid="participant-nav">
      <p className="participant-nav__name">
        <span className="participant-nav__caption">{t("participantNav.caption")}</span>{" "}
        <Link to={base}>{name}</Link>
        {archived ? <> <strong className="tag">{t("participantNav.archived")}</strong></> : null}
      </p>
      <nav aria-label={t("participantNav.label", { name })}>
        <ul>
          {PARTICIPANT_SECTIONS.map((s) => {
            const to = s.path ? `${base}/${s.path}` : base;
            // GOV.UK's service navigation: "page" on the section's own page, "true" on a page inside it.
            const mark = current !== s.id ? undefined : pathname.replace(/\/$/, "") === to ? "page" : "true";
            return (
              <li key={s.id} className={mark ? "is-current" : undefined}>
                <Link to={to} aria-current={mark}>{t(s.label)}</Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}

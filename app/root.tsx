import { calendarScope } from "../src/domain/day/policy.ts";
import { administrationTools } from "../src/domain/administration/tools.ts";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, data, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import stylesUrl from "./app.css?url";
import { app } from "./lib/request.server.ts";
import { readForm } from "./lib/form.server.ts";
import { busyDatabaseMiddleware } from "./lib/busy.server.ts";
import { visitorLocale, type Locale, type MessageKey } from "../src/i18n/index.ts";
import { PSEUDO_LOCALE, pseudoLocaleOn } from "../src/i18n/pseudo.ts";
import { LANGUAGE_COOKIE, parseCookies } from "../src/server/cookies.ts";
import { accessFor } from "../src/domain/auth/permissions.ts";
import { markSignInNoticeShown } from "../src/domain/auth/sessions.server.ts";
import { formatDateTime } from "../src/i18n/format.ts";
import { getProgramSettings } from "../src/domain/program/program.server.ts";
import { SiteHeader } from "./components/site-header.tsx";
import { useT } from "./lib/i18n.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

const SAFE = new Set(["GET", "HEAD"]);
const BODY_REFUSALS: Partial<Record<number, MessageKey>> = { 411: "error.body.lengthRequired", 413: "error.body.tooLargeHere", 415: "error.body.unsupported" };
const NUL = "\u0000";

/**
 * The second CSRF lock: every form posts back the token from the allies_csrf
 * cookie. And U+0000, which PostgreSQL cannot store, is refused in the address
 * and in every form field before any loader or action sees it (the API does the
 * same in src/server/input.ts).
 */
export const middleware: Route.MiddlewareFunction[] = [
  ...busyDatabaseMiddleware,
  async ({ request, context }, next) => {
    if ([...new URL(request.url).searchParams].some(([name, value]) => name.includes(NUL) || value.includes(NUL))) {
      throw data({ message: "error.badCharacter" }, { status: 400 });
    }
    if (!SAFE.has(request.method)) {
      const type = request.headers.get("content-type") ?? "";
      // A clone, so the route's action can read the body again.
      const form = type.includes("form") ? await readForm(request.clone()) : null;
      const token = form?.get("_csrf") ?? null;
      if (typeof token !== "string" || token !== app(context).csrfToken) {
        throw data({ message: "error.csrf" }, { status: 403 });
      }
      if (form!.textEntries().some(([name, value]) => name.includes(NUL) || value.includes(NUL))) {
        throw data({ message: "error.badCharacter" }, { status: 400 });
      }
    }
    return next();
  },
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, partner, csrfToken, nonce, signInNotice, sessionId, db } = app(context);
  if (actor && sessionId && signInNotice) await markSignInNoticeShown(db, actor, sessionId);
  const program = await getProgramSettings(db);
  return {
    // The signed-in person's choice on their profile, a support person's or participant's
    // language on record; before sign-in, the visitor's choice or what the browser asks for.
    locale: pageLocale(actor?.locale ?? partner?.locale
      ?? visitorLocale(parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE], request.headers.get("accept-language"))),
    // Only a visitor's language is theirs to switch here: the others come from a record.
    languageSwitch: !actor && !partner,
    csrfToken,
    nonce,
    // On every page, so whoever opens it (staff, a support person, a participant) sees whose program it is.
    programName: program.name,
    // A participant's own sections offer "My password" only while the program lets participants use one (decision 0031).
    ownPasswordSection: partner?.kind === "participant" && program.participantPasswords,
    actor: actor && {
      name: actor.name,
      role: actor.role,
      mayAdminister: administrationTools(actor).length > 0,
      mayReadReports: accessFor(actor.permissions, "read", "report") !== null,
      // An administrator carries no caseload, so has no calendar of its meetings.
      hasCalendar: calendarScope(actor) !== null,
    },
    signInNotice: actor ? signInNotice : null,
  };
}

const PSEUDO = pseudoLocaleOn(process.env);

/** A demo server run for the pseudo-locale check shows every page in the pseudo-locale. */
function pageLocale(locale: Locale): Locale {
  return PSEUDO ? PSEUDO_LOCALE : locale;
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const t = useT();
  return (
    <html lang={t.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={t("app.tagline")} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">{t("nav.skip")}</a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {root?.signInNotice ? (
            <div className="page">
              <p className="form-error" role="alert" data-testid="sign-in-notice">
                {t("auth.signIn.notice", {
                  count: root.signInNotice.failedAttempts,
                  when: formatDateTime(root.signInNotice.lastFailedAt, t.locale, { dateStyle: "medium", timeStyle: "short" }),
                })}
              </p>
            </div>
          ) : null}
          {children}
        </main>
        <ScrollRestoration nonce={root?.nonce} />
        <Scripts nonce={root?.nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  // A form refused before its route ran: the reason, from the middleware or readForm.
  const refused: unknown = isRouteErrorResponse(error) && error.status === 400 ? error.data?.message : null;
  if (refused === "error.badCharacter" || refused === "error.body.unreadable") {
    return (
      <div className="page">
        <title>{`${t("error.generic.title")} · ${t("app.name")}`}</title>
        <h1>{t("error.generic.title")}</h1>
        <p>{t(refused)}</p>
      </div>
    );
  }
  // A body the server refused from its headers (src/server/bodies.ts) while the page
  // posted its form itself (JavaScript on): the reason, as the plain refusal page gives it.
  const bodyRefusal = isRouteErrorResponse(error) ? BODY_REFUSALS[error.status] : undefined;
  if (bodyRefusal) {
    return (
      <div className="page">
        <title>{`${t("error.body.title")} · ${t("app.name")}`}</title>
        <h1>{t("error.body.title")}</h1>
        <p>{t(bodyRefusal)}</p>
      </div>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 503) {
    return (
      <div className="page">
        <title>{`${t("error.busy.title")} · ${t("app.name")}`}</title>
        <h1>{t("error.busy.title")}</h1>
        <p>{t("error.busy.body")}</p>
      </div>
    );
  }
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 403)) {
    const message = typeof error.data?.message === "string" && error.data.message === "error.csrf" ? t("error.csrf") : t("error.notFound.body");
    return (
      <div className="page">
        <title>{`${t("error.notFound.title")} · ${t("app.name")}`}</title>
        <h1>{error.status === 403 ? t("error.generic.title") : t("error.notFound.title")}</h1>
        <p>{message}</p>
      </div>
    );
  }
  return (
    <div className="page">
      <title>{`${t("error.generic.title")} · ${t("app.name")}`}</title>
      <h1>{t("error.generic.title")}</h1>
      <p>{t("error.generic.body")}</p>
    </div>
  );
}

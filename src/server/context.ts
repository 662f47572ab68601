import { createContext, RouterContextProvider, type RouterContext } from "react-router";
import type { Logger } from "pino";
import type { Db, DbKind } from "../db/index.ts";
import type { StaffActor, RequestMeta } from "../domain/auth/actor.ts";
import type { SessionLimits, SignInNotice } from "../domain/auth/model.ts";
import type { PartnerActor } from "../domain/links/model.ts";

/** What every loader and action gets from the HTTP layer. */
export interface AppContext {
  db: Db;
  dbKind: DbKind;
  /** The signed-in staff member. Only staff ever appear here, so no staff page can serve a partner. */
  actor: StaffActor | null;
  sessionId: string | null;
  /** An administrator without two-factor yet: every page but enrolment sends them there (decision 0019). */
  mustEnrolTwoFactor: boolean;
  /** Failed sign-ins before this session began, until a page has shown them. */
  signInNotice: SignInNotice | null;
  /** A support person or the participant, signed in by a personal link (decision 0022); only partner pages read it. */
  partner: PartnerActor | null;
  partnerSessionId: string | null;
  /** The token forms carry back in their `_csrf` field. */
  csrfToken: string;
  /** Nonce for the page's inline scripts, matching the Content-Security-Policy. */
  nonce: string;
  meta: RequestMeta;
  log: Logger;
  secureCookies: boolean;
  sessionLimits: SessionLimits;
}

// The HTTP layer runs from source while route modules run from the Vite build, so
// each has its own copy of this module. Keeping the context key on globalThis
// gives both copies the same key object.
const KEY = Symbol.for("allies.appContext");
const registry = globalThis as unknown as Record<symbol, RouterContext<AppContext> | undefined>;
export const appContext: RouterContext<AppContext> = (registry[KEY] ??= createContext<AppContext>());

export function routerContextFor(app: AppContext): RouterContextProvider {
  const provider = new RouterContextProvider();
  provider.set(appContext, app);
  return provider;
}

import { data, redirect, type RouterContextProvider } from "react-router";
import { appContext, type AppContext } from "../../src/server/context.ts";
import type { ParticipantActor, StaffActor, SupportPersonActor } from "../../src/domain/auth/actor.ts";
import { accessFor } from "../../src/domain/auth/permissions.ts";
import { isMessageKey, type MessageKey } from "../../src/i18n/index.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import type { ParticipantAction } from "../../src/domain/participants/policy.ts";
import { authorizeOwnRecord } from "../../src/domain/portal/access.server.ts";
import type { OwnRecord } from "../../src/domain/portal/model.ts";

export function app(context: Readonly<RouterContextProvider>): AppContext {
  return context.get(appContext);
}

/**
 * The signed-in staff member, or a redirect to the sign-in page that comes back
 * here. An administrator who has not turned on two-factor is sent to do so first
 * (decision 0019): no page of theirs opens before it.
 */
export function requireActor(context: Readonly<RouterContextProvider>, request: Request): StaffActor {
  const actor = requireSignedIn(context, request);
  if (app(context).mustEnrolTwoFactor) throw redirect(TWO_FACTOR_PATH);
  return actor;
}

export const TWO_FACTOR_PATH = "/profile/two-factor";

/** The signed-in staff member, whether or not two-factor still has to be turned on: for the enrolment page and signing out. */
export function requireSignedIn(context: Readonly<RouterContextProvider>, request: Request): StaffActor {
  const actor = app(context).actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return actor;
}

/** A page that only some roles may open answers 404 to the rest, like a missing record. */
export function requirePermission(context: Readonly<RouterContextProvider>, request: Request, action: string, entity: string): StaffActor {
  const actor = requireActor(context, request);
  if (!accessFor(actor.permissions, action, entity)) throw notFound();
  return actor;
}

/**
 * A participant page's one authorization step: the participant the signed-in
 * actor may take this action on, handed to every area the page reads, or the
 * not-found page (refusals are audited, and look exactly like a missing record).
 */
export async function requireParticipant(context: Readonly<RouterContextProvider>, request: Request, participantId: string, action: ParticipantAction): Promise<AuthorizedParticipant> {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const access = await authorizeParticipant(ctx.db, actor, participantId, action, ctx.meta);
  if (!access) throw notFound();
  return access;
}

/**
 * The partner a partner page acts for: a support person or the participant,
 * signed in by their personal link. Anyone else (staff included: a staff
 * session is not a partner session) goes to the page that asks them to open
 * their link again, which says nothing about any record.
 */
export function requirePartner(context: Readonly<RouterContextProvider>, kind: "support_person"): { actor: SupportPersonActor; sessionId: string };
export function requirePartner(context: Readonly<RouterContextProvider>, kind: "participant"): { actor: ParticipantActor; sessionId: string };
export function requirePartner(context: Readonly<RouterContextProvider>, kind: "support_person" | "participant") {
  const ctx = app(context);
  if (!ctx.partner || ctx.partner.kind !== kind || !ctx.partnerSessionId) throw redirect("/l");
  return { actor: ctx.partner, sessionId: ctx.partnerSessionId };
}

export function notFound() {
  return data({ message: "error.notFound.body" }, { status: 404 });
}

/**
 * The participant's own pages' one authorization step: the record of the
 * participant signed in by their personal link (decision 0022), or the link
 * page for anyone else. No participant id comes from the address: the session
 * says whose record it is. A record that is no longer there is "not found" (audited).
 */
export async function requireOwnRecord(context: Readonly<RouterContextProvider>): Promise<OwnRecord> {
  const { actor } = requirePartner(context, "participant");
  const ctx = app(context);
  const own = await authorizeOwnRecord(ctx.db, actor, ctx.meta);
  if (!own) throw notFound();
  return own;
}

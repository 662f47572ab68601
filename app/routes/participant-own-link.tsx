import { data, redirect } from "react-router";
import type { Route } from "./+types/participant-own-link";
import { issuePersonalLink, revokePersonalLinks } from "../../src/domain/links/links.server.ts";
import { issueLinkSchema, PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { removeParticipantPassword } from "../../src/domain/participant-sign-in/passwords.server.ts";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { OwnLinkResult } from "./participant.tsx";

/**
 * The specialist gives the participant a link to their own page (7 days, never
 * renewed: the page shows the whole record) or turns it off. A new link replaces
 * the old one. The new link is shown once, on the page this answers with; it is
 * never put in an address. The specialist also turns off the participant's own
 * password here (decision 0031), e.g. when a phone is lost.
 */
export { default, loader } from "./participant.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const subject = { kind: "participant" as const, participantId: access.participant.id };
  if (intent === "revoke") {
    if ((await revokePersonalLinks(ctx.db, access, subject, ctx.meta)) === null) throw notFound();
    return redirect(`/participants/${params.id}?done=linkRevoked#own-link-heading`);
  }
  if (intent === "password-off") {
    if (!(await removeParticipantPassword(ctx.db, access, ctx.meta))) throw notFound();
    return redirect(`/participants/${params.id}?done=passwordRemoved#password-heading`);
  }
  if (intent !== "issue") throw notFound();
  const parsed = form.parse(issueLinkSchema);
  if (!parsed.ok) return data<OwnLinkResult>({ linkErrors: parsed.errors }, { status: 400 });
  const result = await issuePersonalLink(ctx.db, access, subject, ctx.meta, PARTICIPANT_LINK_TERMS, undefined, parsed.data.delivery);
  if (!result.ok && result.reason === "no_channel") return data<OwnLinkResult>({ linkErrors: { delivery: "links.send.noChannel" } }, { status: 422 });
  if (!result.ok) throw notFound();
  // Sent: the link goes only to the participant, so it is not shown here.
  if (result.sentBy) return data<OwnLinkResult>({ linkSentBy: result.sentBy });
  return data<OwnLinkResult>({ issuedLink: { url: `${new URL(request.url).origin}${result.link.path}`, expiresAt: result.link.expiresAt } });
}

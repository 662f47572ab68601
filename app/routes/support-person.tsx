import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/support-person";
import { formatDate } from "../../src/i18n/format.ts";
import { listConsentGrants, recordGrantEvent, revokeConsent } from "../../src/domain/consent/consent.server.ts";
import { CONSENT_CATEGORIES, consentRevocationInputSchema, grantEventInputSchema, type ConsentCategory, type ConsentGrant } from "../../src/domain/consent/model.ts";
import { RECONNECT_IDEAS, hasCaution } from "../../src/domain/network/discovery.ts";
import { supportPersonEndSchema, supportPersonUpdateSchema, type SupportPerson } from "../../src/domain/network/model.ts";
import { endSupportPerson, getNetwork, supportPersonHistory, updateSupportPerson } from "../../src/domain/network/network.server.ts";
import { isProfessional } from "../../src/domain/network/vocabulary.ts";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../components/forms.tsx";
import {
  OfficerCaution, SupportPersonFields, helpKindsText, participantDisplayName, relationshipLabel, supportPersonFormInput, supportPersonLabels, supportPersonValuesOf,
} from "../components/support-person-fields.tsx";
import networkStyles from "../components/network.css?url";
import { isMessageKey, type Translate } from "../../src/i18n/index.ts";
import { issuePersonalLink, linkMessageChannel, listSupportPersonLinks, revokePersonalLinks } from "../../src/domain/links/links.server.ts";
import { issueLinkSchema } from "../../src/domain/links/model.ts";
import type { MessageChannel } from "../../src/domain/messages/model.ts";
import { supportLinkActions } from "../../src/domain/links/policy.ts";
import { STEPPED_OUT } from "../../src/domain/partners/model.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { qrCodeDataUrl } from "../lib/qr.server.ts";
import { LinkDeliveryChoice, PersonalLinkCard, type IssuedLinkCard } from "../components/personal-link-card.tsx";
import { readForm } from "../lib/form.server.ts";
import { supportPersonPreferences } from "../../src/domain/messages/preferences.server.ts";
import { MessagePreferencesSummary } from "../components/message-preferences.tsx";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

const COMPARED = ["name", "relationshipKind", "relationshipOther", "organization", "closeness", "status", "phone", "email", "preferredChannel", "helpKinds", "helpOther", "notes", "firstCall"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await getNetwork(ctx.db, access, ctx.meta);
  const person = view ? [...view.current, ...view.ended].find((p) => p.id === params.personId) : undefined;
  if (!view || !person) throw notFound();
  const versions = (await supportPersonHistory(ctx.db, access, person.id)) ?? [];
  const grants = (await listConsentGrants(ctx.db, access, ctx.meta, person.id)) ?? [];
  const url = new URL(request.url);

  // The confirm step of a withdrawal, reached by a plain link so it works without JavaScript.
  const revokeGrant = grants.find((g) => g.id === url.searchParams.get("revoke") && g.status !== "revoked");
  const revokeCategory = url.searchParams.get("category") || null;
  const confirm = revokeGrant && (revokeCategory === null || revokeGrant.activeCategories.includes(revokeCategory as ConsentCategory))
    ? { grantId: revokeGrant.id, category: revokeCategory as ConsentCategory | null }
    : null;

  const holdsConsent = view.withConsent.includes(person.id);
  return {
    participant: view.participant,
    person,
    // Who else holds the first-call mark, named beside the box that would move it.
    firstCallHolder: view.current.find((p) => p.firstCall && p.id !== person.id)?.name ?? null,
    mayUpdate: view.can.update,
    holdsConsent,
    personalLinks: await listSupportPersonLinks(ctx.db, access, person.id),
    messages: await supportPersonPreferences(ctx.db, access, person.id),
    linkActions: supportLinkActions(access, { status: person.status, endedAt: person.endedAt, holdsConsent }),
    linkChannel: await linkMessageChannel(ctx.db, access, { kind: "support_person", participantId: access.participant.id, supportPersonId: person.id }),
    grants,
    history: versions.map((v, i) => ({
      version: v.version, change: v.change, changedAt: v.changedAt, changedBy: v.changedBy,
      fields: i === 0 ? [] : COMPARED.filter((f) => JSON.stringify(v.person[f]) !== JSON.stringify(versions[i - 1]!.person[f])),
    })),
    confirm,
    notice: {
      saved: url.searchParams.has("saved"),
      ended: url.searchParams.has("ended"),
      revoked: url.searchParams.get("revoked"),
      consent: grants.find((g) => g.id === url.searchParams.get("consent"))?.id ?? null,
      eventRecorded: url.searchParams.has("eventRecorded"),
      linkRevoked: url.searchParams.has("linkRevoked"),
      messagesSaved: url.searchParams.has("messagesSaved"),
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const here = `/participants/${params.id}/network/${params.personId}`;

  if (intent === "update") {
    const parsed = form.parse(supportPersonUpdateSchema, (submitted) => supportPersonFormInput(submitted, ["version"]));
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: supportPersonValuesOf(form), conflict: false, message: null }, { status: 400 });
    const result = await updateSupportPerson(ctx.db, access, params.personId, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return data({ intent, errors: {}, values: supportPersonValuesOf(form), conflict: true, message: null }, { status: 409 });
    return redirect(`${here}?saved=1`);
  }

  if (intent === "end") {
    const parsed = form.parse(supportPersonEndSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: null, conflict: false, message: null }, { status: 400 });
    const result = await endSupportPerson(ctx.db, access, params.personId, parsed.data.version, parsed.data.reason, ctx.meta);
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return data({ intent, errors: {}, values: null, conflict: true, message: null }, { status: 409 });
    return redirect(`${here}?ended=1`);
  }

  if (intent === "revoke") {
    const grantId = String(form.get("grantId") ?? "");
    const parsed = form.parse(consentRevocationInputSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: null, conflict: false, message: null }, { status: 400 });
    const result = await revokeConsent(ctx.db, access, grantId, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return data({ intent, errors: {}, values: null, conflict: false, message: "network.person.revoke.already" as const }, { status: 409 });
    return redirect(`${here}?revoked=${grantId}#consent`);
  }

  // The token is known only now: shown once, with its QR code for the printed card.
  if (intent === "link-issue") {
    const parsed = form.parse(issueLinkSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: null, conflict: false, message: null }, { status: 400 });
    const result = await issuePersonalLink(ctx.db, access, { kind: "support_person", participantId: params.id, supportPersonId: params.personId }, ctx.meta, undefined, undefined, parsed.data.delivery);
    if (!result.ok && result.reason === "no_channel") return data({ intent, errors: { delivery: "links.send.noChannel" as const }, values: null, conflict: false, message: null }, { status: 422 });
    if (!result.ok) throw notFound();
    // Sent: the link goes only to its holder, so it is not shown here.
    if (result.sentBy) return { intent, errors: {}, values: null, conflict: false, message: null, sentBy: result.sentBy };
    const href = new URL(result.link.path, request.url).href;
    return { intent, errors: {}, values: null, conflict: false, message: null, issued: { href, qr: await qrCodeDataUrl(href), expiresAt: result.link.expiresAt } };
  }

  if (intent === "link-revoke") {
    const ended = await revokePersonalLinks(ctx.db, access, { kind: "support_person", participantId: params.id, supportPersonId: params.personId }, ctx.meta);
    if (ended === null) throw notFound();
    return redirect(`${here}?linkRevoked=1#personal-link`);
  }

  if (intent === "event") {
    const grantId = form.get("grantId") ?? "";
    const parsed = form.parse(grantEventInputSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: null, conflict: false, message: null, grantId }, { status: 400 });
    const result = await recordGrantEvent(ctx.db, access, grantId, parsed.data, ctx.meta);
    if (!result.ok && (result.reason === "not_found" || result.reason === "no_event")) throw notFound();
    if (!result.ok && result.reason === "in_future") {
      return data({ intent, errors: { occurredOn: "consent.event.occurredOn.invalid" }, values: null, conflict: false, message: null, grantId }, { status: 422 });
    }
    if (!result.ok) return data({ intent, errors: {}, values: null, conflict: false, message: "network.person.grant.event.already" as const, grantId }, { status: 409 });
    return redirect(`${here}?eventRecorded=1#grant-${grantId}`);
  }
  throw notFound();
}

export default function SupportPersonPage() {
  const t = useT();
  const { participant, person, firstCallHolder, mayUpdate, holdsConsent, grants, history, confirm, notice, personalLinks, linkActions, linkChannel, messages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/participants/${participant.id}`;
  const here = `${base}/network/${person.id}`;
  const doNotContact = person.status === "do_not_contact";
  const ended = person.endedAt !== null;
  const labels = supportPersonLabels(t);
  const editResult = result?.intent === "update" ? result : null;
  const endResult = result?.intent === "end" ? result : null;

  return (
    <div className="page">
      <title>{`${person.name} · ${t("network.page.title", { name: participantDisplayName(participant) })} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to={`${base}/network`}>{t("network.person.back", { name: participantDisplayName(participant) })}</Link></p>
      <h1>{person.name}</h1>
      <p className="muted">{t("network.person.subtitle", { relationship: relationshipLabel(person, t), name: participantDisplayName(participant) })}</p>

      {doNotContact ? (
        <div className="banner-stop" role="note" data-testid="do-not-contact">
          <h2>{t("network.person.dnc.title")}</h2>
          <p>{t("network.person.dnc.body", { name: person.name })}</p>
        </div>
      ) : null}
      {ended ? (
        <p className="warning">
          {t("network.person.ended", { date: formatDate(person.endedAt!, t.locale) })}
          {person.endedReason === STEPPED_OUT ? ` ${t("network.steppedOut", { date: formatDate(person.endedAt!, t.locale) })}` : person.endedReason ? ` ${person.endedReason}` : ""}
        </p>
      ) : null}
      {notice.saved ? <p className="notice" role="status">{t("network.person.saved")}</p> : null}
      {notice.ended ? <p className="notice" role="status">{t("network.person.endedNotice")}</p> : null}
      {notice.revoked ? <p className="notice" role="status">{t("network.person.revoked")}</p> : null}
      {notice.eventRecorded ? <p className="notice" role="status">{t("network.person.grant.event.saved")}</p> : null}
      {notice.consent ? (
        <p className="notice" role="status">
          {t("network.person.consentSaved")} <Link to={`${base}/consent/${notice.consent}/form`}>{t("network.person.printConsent")}</Link>
        </p>
      ) : null}

      <dl className="facts">
        <dt>{labels.relationshipKind}</dt><dd>{isProfessional(person.relationshipKind) ? `${t("network.professional")}: ` : null}{relationshipLabel({ ...person, organization: null }, t)}</dd>
        {hasCaution(person.relationshipKind) ? <dd className="caution-row"><OfficerCaution t={t} /></dd> : null}
        <dt>{labels.organization}</dt><dd>{person.organization ?? t("common.none")}</dd>
        <dt>{labels.closeness}</dt><dd>{t(`network.closeness.${person.closeness}`)}</dd>
        <dt>{labels.status}</dt><dd><span className={`mark mark--status-${person.status}`}>{t(`network.status.${person.status}`)}</span></dd>
        <dt>{labels.phone}</dt><dd>{person.phone ?? t("common.none")}</dd>
        <dt>{labels.email}</dt><dd>{person.email ?? t("common.none")}</dd>
        <dt>{labels.preferredChannel}</dt><dd>{person.preferredChannel ? t(`network.channel.${person.preferredChannel}`) : t("common.none")}</dd>
        <dt>{labels.helpKinds}</dt><dd>{person.helpKinds.length ? helpKindsText(person, t) : t("common.none")}</dd>
        <dt>{labels.firstCall}</dt><dd>{person.firstCall ? t("common.yes") : t("common.no")}</dd>
        <dt>{t("network.current.consent")}</dt><dd>{holdsConsent ? <span className="mark mark--consent">{t("network.mark.consent")}</span> : t("network.mark.noConsent")}</dd>
        {person.discoveredFrom ? <><dt>{t("network.person.discoveredFrom")}</dt><dd>{discoveryQuestion(person.discoveredFrom, t)}</dd></> : null}
        <dt>{labels.notes}</dt><dd>{person.notes ?? t("common.none")}</dd>
      </dl>

      {(person.status === "lost_touch" || person.status === "wants_to_reconnect") && !ended ? (
        <section aria-labelledby="reconnect-heading">
          <h2 id="reconnect-heading">{t("network.reconnect.heading")}</h2>
          <ul>{RECONNECT_IDEAS.map((idea) => <li key={idea}>{t(`network.reconnect.${idea}`)}</li>)}</ul>
        </section>
      ) : null}

      {messages ? (
        <section aria-labelledby="messages">
          <h2 id="messages">{t("texts.heading")}</h2>
          {notice.messagesSaved ? <p className="notice" role="status">{t("texts.saved.staff")}</p> : null}
          <MessagePreferencesSummary t={t} preferences={messages.preferences} audience="staff" />
          {messages.actions.change ? <p className="no-print"><Link to={`${here}/messages`} className="button secondary">{t("texts.change.staff")}</Link></p> : null}
        </section>
      ) : null}

      <section aria-labelledby="consent">
        <h2 id="consent">{t("network.person.consent.heading")}</h2>
        {doNotContact ? <p>{t("network.person.consent.blocked")}</p> : null}
        {!doNotContact && !ended && mayUpdate ? (
          <p className="no-print"><Link className="button" to={`${here}/consent/new`}>{t("network.person.consent.record")}</Link></p>
        ) : null}
        {result?.intent === "revoke" && result.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
        {grants.length === 0 ? <p>{t("network.person.consent.none")}</p> : null}
        {grants.map((grant) => (
          <GrantCard key={grant.id} t={t} grant={grant} person={person} base={base} here={here} mayRevoke={mayUpdate} confirm={confirm?.grantId === grant.id ? confirm : null}
            grants={grants} eventResult={result?.intent === "event" && "grantId" in result && result.grantId === grant.id ? result : null} />
        ))}
      </section>

      <PersonalLinkSection t={t} person={person} participantName={participantDisplayName(participant)} links={personalLinks} can={linkActions}
        issued={result?.intent === "link-issue" && "issued" in result ? result.issued ?? null : null} revoked={notice.linkRevoked}
        channel={linkChannel} sentBy={result?.intent === "link-issue" && "sentBy" in result ? result.sentBy ?? null : null} errors={result?.intent === "link-issue" ? result.errors : undefined} />

      {mayUpdate && !ended ? (
        <section className="no-print" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("network.person.edit.heading")}</h2>
          {editResult?.conflict ? (
            <div className="form-error" role="alert">
              <p>{t("network.person.conflict")}</p>
              <p><a href={here}>{t("network.person.conflict.reload")}</a></p>
            </div>
          ) : null}
          <ErrorSummary errors={editResult?.errors} labels={labels} />
          <Form method="post" noValidate key={person.version}>
            <CsrfField />
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="version" value={person.version} />
            <SupportPersonFields t={t} values={editResult?.values ?? person} errors={editResult?.errors} firstCallHolder={firstCallHolder} />
            <button type="submit" disabled={busy}>{t("network.person.edit.submit")}</button>
          </Form>
        </section>
      ) : null}

      {mayUpdate && !ended ? (
        <section className="no-print" aria-labelledby="end-heading">
          <h2 id="end-heading">{t("network.person.end.heading")}</h2>
          <p>{t("network.person.end.hint", { name: person.name })}</p>
          {endResult?.conflict ? <p className="form-error" role="alert">{t("network.person.conflict")} <a href={here}>{t("network.person.conflict.reload")}</a></p> : null}
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="version" value={person.version} />
            <TextArea name="reason" label={t("network.person.end.reason")} errors={endResult?.errors} rows={2} />
            <button type="submit" className="danger" disabled={busy}>{t("network.person.end.submit", { name: person.name })}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("network.person.history.heading")}</h2>
        <div className="table-wrap">
          <table className="responsive-table">
            <thead>
              <tr>
                <th scope="col">{t("network.person.history.version")}</th>
                <th scope="col">{t("network.person.history.change")}</th>
                <th scope="col">{t("network.person.history.when")}</th>
                <th scope="col">{t("network.person.history.who")}</th>
                <th scope="col">{t("network.person.history.fields")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((v) => (
                <tr key={v.version}>
                  <td data-label={t("network.person.history.version")}>{v.version}</td>
                  <td data-label={t("network.person.history.change")}>{t(`network.person.history.change.${v.change as "create" | "update" | "end"}`)}</td>
                  <td data-label={t("network.person.history.when")}>{formatDate(v.changedAt, t.locale)}</td>
                  <td data-label={t("network.person.history.who")}>{v.changedBy}</td>
                  <td data-label={t("network.person.history.fields")}>{v.fields.map((f) => labels[f]).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/**
 * The personal link: its state, a button to make one (or a new one in place of a
 * lost one) and to stop it. A new link is shown once, as a card to print with
 * its QR code; only its hash is kept.
 */
function PersonalLinkSection({ t, person, participantName, links, can, issued, revoked, channel, sentBy, errors }: {
  t: Translate; person: SupportPerson; participantName: string;
  links: readonly { id: string; issuedAt: string; expiresAt: string; lastUsedAt: string | null; state: string }[];
  can: { read: boolean; issue: boolean; revoke: boolean };
  issued: IssuedLinkCard | null; revoked: boolean;
  channel: MessageChannel | null; sentBy: MessageChannel | null; errors?: Record<string, string>;
}) {
  const current = links.find((l) => l.state === "valid");
  return (
    <section aria-labelledby="personal-link">
      <h2 id="personal-link" className="no-print">{t("links.heading")}</h2>
      <p className="no-print">{t("links.intro", { name: person.name })}</p>
      {revoked ? <p className="notice no-print" role="status">{t("links.revoked")}</p> : null}
      {sentBy ? <p className="notice no-print" role="status">{t("links.send.queued", { channel: sentBy })}</p> : null}
      {issued ? (
        <>
          <p className="notice no-print" role="status">{t("links.issued")}</p>
          <PersonalLinkCard t={t} link={issued} participantName={participantName} />
          <p className="no-print"><button type="button" className="secondary" onClick={() => window.print()}>{t("links.print")}</button></p>
        </>
      ) : null}
      {links.length === 0 ? <p className="no-print">{t("links.none", { name: person.name })}</p> : (
        <div className="table-wrap no-print">
          <table className="responsive-table">
            <thead><tr><th scope="col">{t("links.issuedOn")}</th><th scope="col">{t("links.state")}</th><th scope="col">{t("links.expiresOn")}</th><th scope="col">{t("links.lastUsed")}</th></tr></thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id}>
                  <td data-label={t("links.issuedOn")}>{formatDate(l.issuedAt, t.locale)}</td>
                  <td data-label={t("links.state")}>{t(`links.state.${l.state as "valid"}`)}</td>
                  <td data-label={t("links.expiresOn")}>{formatDate(l.expiresAt, t.locale)}</td>
                  <td data-label={t("links.lastUsed")}>{l.lastUsedAt ? formatDate(l.lastUsedAt, t.locale) : t("links.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can.issue ? (
        <Form method="post" className="no-print">
          <CsrfField />
          <input type="hidden" name="intent" value="link-issue" />
          <LinkDeliveryChoice t={t} channel={channel} errors={errors} />
          <button type="submit">{current ? t("links.reissue") : t("links.issue")}</button>
        </Form>
      ) : can.revoke ? <p className="no-print">{t("links.cannotIssue")}</p> : null}
      {can.revoke && current ? (
        <Form method="post" className="no-print">
          <CsrfField />
          <input type="hidden" name="intent" value="link-revoke" />
          <button type="submit" className="danger">{t("links.revoke")}</button>
        </Form>
      ) : null}
    </section>
  );
}

/** The question that found this person; a prompt since retired shows its id. */
function discoveryQuestion(promptId: string, t: Translate): string {
  const key = `network.discovery.${promptId}.question`;
  return isMessageKey(key) ? t(key) : promptId;
}

function GrantCard({ t, grant, person, base, here, mayRevoke, confirm, grants, eventResult }: {
  t: Translate; grant: ConsentGrant; person: SupportPerson; base: string; here: string; mayRevoke: boolean;
  confirm: { grantId: string; category: ConsentCategory | null } | null;
  grants: readonly ConsentGrant[]; eventResult: { errors: Record<string, string>; message: string | null } | null;
}) {
  const signedOnOf = (id: string | null) => grants.find((g) => g.id === id)?.signedOn;
  const renews = signedOnOf(grant.renewsGrantId);
  const renewedBy = signedOnOf(grant.renewedByGrantId);
  const active = grant.status === "active";
  const withdrawn = CONSENT_CATEGORIES.filter((c) => grant.categories.includes(c) && !grant.activeCategories.includes(c));
  return (
    <article className={active ? "grant" : "grant grant--inactive"} id={`grant-${grant.id}`} data-grant-status={grant.status} aria-labelledby={`grant-${grant.id}-title`}>
      <h3 id={`grant-${grant.id}-title`}>
        {t("network.person.grant.title", { date: formatDate(grant.signedOn, t.locale) })} — <span>{t("network.person.grant.status", { status: grant.status })}</span>
      </h3>
      <dl className="facts">
        <dt>{t("network.person.grant.activeCategories")}</dt>
        <dd>
          {grant.activeCategories.length === 0 ? t("common.none") : (
            <ul>
              {grant.activeCategories.map((c) => (
                <li key={c}>
                  {t(`consent.category.${c}`)}
                  {mayRevoke && active && grant.activeCategories.length > 1 ? (
                    <> <Link className="no-print" to={`${here}?revoke=${grant.id}&category=${c}#grant-${grant.id}`} aria-label={t("network.person.grant.withdrawOne", { category: t(`consent.category.${c}`) })}>{t("network.person.grant.withdraw")}</Link></>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {withdrawn.length > 0 ? <><dt>{t("network.person.grant.withdrawn")}</dt><dd>{withdrawn.map((c) => t(`consent.category.${c}`)).join(", ")}</dd></> : null}
        <dt>{t("network.person.grant.purpose")}</dt><dd>{grant.purpose}</dd>
        <dt>{t("network.person.grant.involvement")}</dt>
        <dd>{[grant.mayAttendMeetings ? t("consent.field.mayAttendMeetings") : null, grant.mayReceivePlan ? t("consent.field.mayReceivePlan") : null, grant.mayBeContacted ? t("consent.field.mayBeContacted") : null].filter(Boolean).join("; ") || t("common.none")}</dd>
        <dt>{t("network.person.grant.dates")}</dt>
        <dd>{t("network.person.grant.datesValue", { start: formatDate(grant.startsOn, t.locale), end: grant.expiresOn ? formatDate(grant.expiresOn, t.locale) : grant.expiryEvent ?? "" })}</dd>
        <dt>{t("network.person.grant.signed")}</dt>
        <dd>{grant.signedMethod === "in_app" ? t("network.person.grant.signedInApp", { name: grant.signatureName ?? "" }) : t("network.person.grant.signedOnPaper")}{` · ${t("network.person.grant.recordedBy", { name: grant.recordedBy })}`}</dd>
      </dl>
      {grant.event ? (
        <p data-testid="grant-event">{t("network.person.grant.event.recorded", { event: grant.expiryEvent ?? "", date: formatDate(grant.event.occurredOn, t.locale), note: grant.event.note, name: grant.event.recordedBy })}</p>
      ) : null}
      {renews ? <p>{t("network.person.grant.renews", { date: formatDate(renews, t.locale) })}</p> : null}
      {renewedBy ? <p>{t("network.person.grant.renewedBy", { date: formatDate(renewedBy, t.locale) })}</p> : null}
      <p className="no-print">
        <Link to={`${base}/consent/${grant.id}/form`}>{t("network.person.grant.print")}</Link>
        {" · "}
        <a href={`${base}/consent/${grant.id}/form.pdf`}>{t("network.person.grant.pdf")}</a>
        {grant.hasScan ? <>{" · "}<a href={`${base}/consent/${grant.id}/scan`}>{t("network.person.grant.scan")}</a></> : null}
      </p>
      {mayRevoke && active && !confirm ? (
        <p className="no-print"><Link className="button secondary" to={`${here}?revoke=${grant.id}#grant-${grant.id}`}>{t("network.person.grant.withdrawAll")}</Link></p>
      ) : null}
      {mayRevoke && !grant.renewedByGrantId && grant.status !== "revoked" && person.status !== "do_not_contact" && !person.endedAt ? (
        <p className="no-print">
          <Link to={`${here}/consent/new?renews=${grant.id}`} aria-label={t("network.person.grant.renewLabel", { date: formatDate(grant.signedOn, t.locale) })}>{t("network.person.grant.renew")}</Link>
        </p>
      ) : null}
      {mayRevoke && active && grant.expiryEvent && !grant.event ? (
        <div className="no-print" role="region" aria-labelledby={`event-${grant.id}`}>
          <h4 id={`event-${grant.id}`}>{t("network.person.grant.event.heading", { event: grant.expiryEvent })}</h4>
          <p className="hint">{t("network.person.grant.event.hint")}</p>
          {eventResult?.message ? <p className="form-error" role="alert">{t(eventResult.message as "network.person.grant.event.already")}</p> : null}
          <ErrorSummary errors={eventResult?.errors} labels={{ occurredOn: t("network.person.grant.event.occurredOn"), note: t("network.person.grant.event.note") }} />
          <Form method="post" action={here} noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="event" />
            <input type="hidden" name="grantId" value={grant.id} />
            <TextField name="occurredOn" type="date" label={t("network.person.grant.event.occurredOn")} errors={eventResult?.errors} defaultValue={new Date().toISOString().slice(0, 10)} />
            <TextArea name="note" label={t("network.person.grant.event.note")} errors={eventResult?.errors} rows={2} />
            <button type="submit" className="secondary">{t("network.person.grant.event.submit")}</button>
          </Form>
        </div>
      ) : null}
      {confirm ? (
        <div className="confirm no-print" role="region" aria-labelledby={`confirm-${grant.id}`}>
          <h4 id={`confirm-${grant.id}`}>
            {confirm.category
              ? t("network.person.revoke.confirmOne", { category: t(`consent.category.${confirm.category}`), name: person.name })
              : t("network.person.revoke.confirmAll", { name: person.name })}
          </h4>
          <p>{t("network.person.revoke.effect", { name: person.name })}</p>
          <Form method="post" action={here} noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="grantId" value={grant.id} />
            <input type="hidden" name="category" value={confirm.category ?? ""} />
            <TextArea name="reason" label={t("network.person.revoke.reason")} rows={2} />
            <div className="actions">
              <button type="submit" className="danger">{t("network.person.revoke.submit")}</button>
              <Link to={here}>{t("common.cancel")}</Link>
            </div>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/participant";
import { namedStrengthReviewSchema, versionOnlySchema } from "../../src/domain/participants/model.ts";
import { listNamedStrengths, reviewNamedStrength } from "../../src/domain/participants/named-strengths.server.ts";
import { CareerProfile } from "../components/career-profile.tsx";
import { getParticipant, setParticipantArchived } from "../../src/domain/participants/participants.server.ts";
import { ssiReportsDue } from "../../src/domain/benefits/earnings.server.ts";
import { loadParticipantGlance } from "../../src/domain/participants/glance.server.ts";
import { contactNoteActions } from "../../src/domain/contacts/policy.ts";
import { fhirActions } from "../../src/domain/fhir/policy.ts";
import { ParticipantGlanceCards } from "../components/participant-glance.tsx";
import { formatDate, formatDollars, formatMonth } from "../../src/i18n/format.ts";
import { CsrfField, DateField } from "../components/forms.tsx";
import { languageLabel } from "../components/participant-fields.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { participantLinkStatus } from "../../src/domain/portal/participant-link.server.ts";
import { participantCanUsePassword } from "../../src/domain/participant-sign-in/passwords.server.ts";
import { linkMessageChannel } from "../../src/domain/links/links.server.ts";
import type { MessageChannel } from "../../src/domain/messages/model.ts";
import { LinkDeliveryChoice } from "../components/personal-link-card.tsx";
import { app, notFound, requireActor, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";
import { participantPreferences } from "../../src/domain/messages/preferences.server.ts";
import { MessagePreferencesSummary } from "../components/message-preferences.tsx";

/** What the own-link route (participant-own-link.tsx) answers after making a link: shown once, on this page. */
export type OwnLinkResult = { issuedLink: { url: string; expiresAt: string } } | { linkSentBy: MessageChannel } | { linkErrors: Record<string, string> };

const NOTICES = ["created", "saved", "archived", "restored", "linkRevoked", "passwordRemoved"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const found = await getParticipant(ctx.db, actor, params.id, ctx.meta);
  if (!found) throw notFound();
  const { access, ...view } = found;
  const done = new URL(request.url).searchParams.get("done");
  const reminders = view.participant.status === "active" ? await ssiReportsDue(ctx.db, actor, ctx.meta, new Date(), { participantId: params.id }) : [];
  // Part of the record just read (and audited) above: one summary per area, each from that area's policy.
  const glance = await loadParticipantGlance(ctx.db, access);
  const canWriteNotes = contactNoteActions(access).write;
  const canExportFhir = fhirActions(access).export;
  // The participant's own link (its state, never its token).
  const ownLink = await participantLinkStatus(ctx.db, access);
  // Whether they can sign in with a password of their own (decision 0031): yes or no, never the password.
  const password = await participantCanUsePassword(ctx.db, access);
  const ownLinkChannel = await linkMessageChannel(ctx.db, access, { kind: "participant", participantId: access.participant.id });
  const messages = await participantPreferences(ctx.db, access);
  const messagesSaved = new URL(request.url).searchParams.has("messagesSaved");
  const namedStrengths = await listNamedStrengths(ctx.db, access);
  const strengthSaved = (["kept", "removed"] as const).find((d) => d === new URL(request.url).searchParams.get("strength")) ?? null;
  return { ...view, reminders, glance, canWriteNotes, canExportFhir, ownLink, ownLinkChannel, password, messages, messagesSaved, namedStrengths, strengthSaved, notice: NOTICES.find((n) => n === done) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "strength") {
    // A strength named at a meeting: kept in the career profile, or removed from it.
    const access = await requireParticipant(context, request, params.id, "update");
    const parsed = form.parse(namedStrengthReviewSchema, (submitted) => ({ decision: submitted.get("decision") }));
    const entryId = form.get("entryId") ?? "";
    if (!parsed.ok) throw notFound();
    const result = await reviewNamedStrength(ctx.db, access, entryId, parsed.data.decision, ctx.meta);
    if (!result.ok) throw notFound();
    return redirect(`/participants/${params.id}?strength=${parsed.data.decision}#profile-heading`);
  }
  if (intent !== "archive" && intent !== "restore") throw notFound();
  const parsed = form.parse(versionOnlySchema);
  if (!parsed.ok) return data({ problem: "common.version.required" as const }, { status: 400 });
  const result = await setParticipantArchived(ctx.db, actor, params.id, intent === "archive", parsed.data.version, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}?done=${intent === "archive" ? "archived" : "restored"}`);
  if (result.reason === "conflict") return data({ problem: "participant.archive.conflict" as const }, { status: 409 });
  throw notFound();
}

export default function ParticipantOverview() {
  const t = useT();
  const { participant: p, can, reminders, glance, canWriteNotes, canExportFhir, ownLink, ownLinkChannel, password, messages, messagesSaved, namedStrengths, strengthSaved, notice } = useLoaderData<typeof loader>();
  // This page's own action (archive, restore), or the own-link route's, which draws this page too.
  const answer = useActionData<{ problem: "common.version.required" | "participant.archive.conflict" } | OwnLinkResult>();
  const result = answer && "problem" in answer ? answer : undefined;
  const issuedLink = answer && "issuedLink" in answer ? answer.issuedLink : null;
  const linkSentBy = answer && "linkSentBy" in answer ? answer.linkSentBy : null;
  const linkErrors = answer && "linkErrors" in answer ? answer.linkErrors : undefined;
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(p);
  const base = `/participants/${p.id}`;
  const text = (value: string | null) => value ? <p className="prose">{value}</p> : <p className="muted">{t("participant.notWritten")}</p>;
  return (
    <div className="page">
      <title>{`${name} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to="/participants">{t("participant.back")}</Link></p>
      <h1>{name}</h1>
      {notice ? <p className="notice" role="status">{t(`participant.${notice}`, { name })}</p> : null}
      {p.status === "archived" ? <p className="warning">{t("participant.status.archived", { date: formatDate(p.archivedAt ?? p.updatedAt, t.locale, "medium") })}</p> : null}
      {can.update ? (
        <p className="actions">
          <Link className="button" to={`${base}/edit`}>{t("participant.edit")}</Link>
          {/* A need for the network is posted with the plan, where the help it becomes is kept. */}
          {p.status === "active" ? <> <Link className="button secondary" to={`${base}/plan#help-requests`}>{t("partnerMore.help.fromOverview")}</Link></> : null}
        </p>
      ) : null}

      {reminders.length > 0 ? (
        <section aria-labelledby="reminders-heading" className="card">
          <h2 id="reminders-heading">{t("participant.reminders.heading")}</h2>
          <ul data-testid="ssi-reminders">
            {reminders.map((r) => (
              <li key={r.month} data-status={r.status}>
                <Link to={`${base}/benefits`}>
                  {t("participant.reminders.item", { month: formatMonth(r.month, t.locale), paid: formatDollars(r.paid, t.locale), dueOn: formatDate(r.dueOn, t.locale, "medium"), status: t(`caseload.reminders.status.${r.status}`) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ParticipantGlanceCards t={t} glance={glance} base={base} name={name} canWrite={canWriteNotes} />

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("participant.section.contact")}</h2>
        <dl className="facts">
          <dt>{t("participant.field.firstName")}</dt><dd>{p.firstName}</dd>
          <dt>{t("participant.field.lastName")}</dt><dd>{p.lastName}</dd>
          <dt>{t("participant.field.preferredName")}</dt><dd>{p.preferredName ?? t("common.none")}</dd>
          <dt>{t("participant.field.phone")}</dt><dd>{p.phone ?? t("common.none")}</dd>
          <dt>{t("participant.field.email")}</dt><dd>{p.email ?? t("common.none")}</dd>
          <dt>{t("participant.field.preferredLanguage")}</dt><dd>{languageLabel(t, p.preferredLanguage)}</dd>
          <dt>{t("participant.specialist")}</dt><dd>{p.specialistName}</dd>
        </dl>
      </section>

      {messages ? (
        <section aria-labelledby="messages">
          <h2 id="messages">{t("texts.heading")}</h2>
          {messagesSaved ? <p className="notice" role="status">{t("texts.saved.staff")}</p> : null}
          <MessagePreferencesSummary t={t} preferences={messages.preferences} audience="staff" />
          {messages.actions.change ? <p className="no-print"><Link to={`${base}/messages`} className="button secondary">{t("texts.change.staff")}</Link></p> : null}
        </section>
      ) : null}

      <section aria-labelledby="profile-heading" data-testid="career-profile">
        <h2 id="profile-heading">{t("participant.section.profile")}</h2>
        {strengthSaved ? <p className="notice" role="status">{t(`seedsCareer.named.saved.${strengthSaved}`)}</p> : null}
        <CareerProfile t={t} profile={p} named={namedStrengths} participantName={name} reviewAction={can.update ? base : undefined} />
        <h3>{t("participant.field.situationFlags")}</h3>
        {p.situationFlags.length ? (
          <ul>{p.situationFlags.map((f) => <li key={f}>{t(`participant.flag.${f}`)}</li>)}</ul>
        ) : <p className="muted">{t("participant.noFlags")}</p>}
        <h3>{t("participant.section.pastJobs")}</h3>
        {p.pastJobs.length ? (
          <ul>
            {p.pastJobs.map((job, i) => (
              <li key={i}>
                <strong>{job.title}</strong>{[job.employer, job.years].filter(Boolean).length ? `, ${[job.employer, job.years].filter(Boolean).join(", ")}` : ""}
                {job.notes ? <p className="prose">{job.notes}</p> : null}
              </li>
            ))}
          </ul>
        ) : <p className="muted">{t("participant.noPastJobs")}</p>}
      </section>

      {can.update ? (
        <section aria-labelledby="own-link-heading" className="no-print">
          <h2 id="own-link-heading">{t("participant.ownLink.heading")}</h2>
          <p className="hint">{t("participant.ownLink.hint", { name })}</p>
          {linkSentBy ? <p className="notice" role="status">{t("links.send.queued", { channel: linkSentBy })}</p> : null}
          {issuedLink ? (
            <div className="notice" role="status">
              <p>{t("participant.ownLink.issued", { name, date: formatDate(issuedLink.expiresAt.slice(0, 10), t.locale) })}</p>
              <p><code className="token" data-testid="own-link">{issuedLink.url}</code></p>
              <p>{t("participant.ownLink.once")}</p>
            </div>
          ) : ownLink ? (
            <p data-link-state={ownLink.state}>
              {ownLink.state === "valid"
                ? t("participant.ownLink.valid", { date: formatDate(ownLink.expiresAt.slice(0, 10), t.locale) })
                : t("participant.ownLink.ended")}
            </p>
          ) : <p>{t("participant.ownLink.none")}</p>}
          {p.status === "active" ? (
            <Form method="post" action={`${base}/own-link`}>
              <CsrfField />
              <input type="hidden" name="intent" value="issue" />
              <LinkDeliveryChoice t={t} channel={ownLinkChannel} errors={linkErrors} prefix="own-link" />
              <button type="submit" disabled={busy}>{ownLink ? t("participant.ownLink.reissue") : t("participant.ownLink.issue")}</button>
            </Form>
          ) : null}
          {ownLink?.state === "valid" && !issuedLink ? (
            <Form method="post" action={`${base}/own-link`}>
              <CsrfField />
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="secondary" disabled={busy}>{t("participant.ownLink.revoke")}</button>
            </Form>
          ) : null}
          <h3 id="password-heading">{t("participantPassword.staff.heading")}</h3>
          <p data-testid="can-use-password">{password.works ? t("participantPassword.staff.yes") : t("participantPassword.staff.no")}</p>
          {password.hasPassword && !password.works ? <p className="hint">{t("participantPassword.staff.stored")}</p> : null}
          {password.mayRemove ? (
            <Form method="post" action={`${base}/own-link`}>
              <CsrfField />
              <input type="hidden" name="intent" value="password-off" />
              <p className="hint">{t("participantPassword.staff.removeHint")}</p>
              <button type="submit" className="secondary" disabled={busy}>{t("participantPassword.staff.remove")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canExportFhir ? (
        <section aria-labelledby="fhir-heading" className="no-print">
          <h2 id="fhir-heading">{t("fhir.heading")}</h2>
          <p className="hint">{t("fhir.hint", { name })}</p>
          {/* A plain GET form: the browser downloads the file; the day, if given, goes into the audit row. */}
          <form method="get" action={`${base}/fhir.json`}>
            <DateField name="part2ConsentSignedOn" prefix="fhir" label={t("fhir.part2.label", { name })} hint={t("fhir.part2.hint", { name })} />
            <button type="submit" className="secondary">{t("fhir.download")}</button>
          </form>
        </section>
      ) : null}

      {can.archive ? (
        <section aria-labelledby="archive-heading" className="no-print">
          <h2 id="archive-heading">{p.status === "active" ? t("participant.archive.heading") : t("participant.restore.heading")}</h2>
          {p.status === "active" ? <p>{t("participant.archive.hint", { name })}</p> : null}
          {result?.problem ? (
            <div className="form-error" role="alert">
              <p>{t(result.problem)}</p>
              <p><a href={base}>{t("participant.reload")}</a></p>
            </div>
          ) : null}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value={p.status === "active" ? "archive" : "restore"} />
            <input type="hidden" name="version" value={p.version} />
            <button type="submit" className={p.status === "active" ? "danger" : undefined} disabled={busy}>
              {p.status === "active" ? t("participant.archive.submit", { name }) : t("participant.restore.submit", { name })}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

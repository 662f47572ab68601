import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/support-page";
import { getSupportPage } from "../../src/domain/partners/support-page.server.ts";
import { supportPersonOwnPreferences } from "../../src/domain/messages/preferences.server.ts";
import { MessagePreferencesSummary } from "../components/message-preferences.tsx";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField, RadioGroup, TextArea } from "../components/forms.tsx";
import { formatMeetingTime } from "../components/meetings.tsx";
import { app, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";
import { GlossaryLink } from "../components/glossary-link.tsx";
import { OwnResources } from "../components/resource-parts.tsx";
import { offersForSupportPerson } from "../../src/domain/resources/resources.server.ts";
import { introductionsForSupportPerson, ownFamilyAgreement } from "../../src/domain/families/families.server.ts";
import { OwnFamilies } from "../components/family-parts.tsx";

const DONE = ["rsvp", "commitment", "encourage", "claim", "taken", "contact", "messages"] as const;
type Done = (typeof DONE)[number];

/** A support person's own page (decision 0022): phone-first, every piece through their consent. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const page = await getSupportPage(ctx.db, actor, ctx.meta);
  const messages = await supportPersonOwnPreferences(ctx.db, actor);
  const offers = await offersForSupportPerson(ctx.db, actor);
  const families = { agreement: await ownFamilyAgreement(ctx.db, actor), introduced: await introductionsForSupportPerson(ctx.db, actor) };
  const done = new URL(request.url).searchParams.get("done");
  return { page, messages, offers, families, done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null };
}

export default function SupportPage() {
  const { page, messages, offers, families, done } = useLoaderData<typeof loader>();
  const t = useT();
  const names = { participant: page.participant.firstName, specialist: page.specialist.name };
  const respondOptions = (["yes", "no", "maybe"] as const).map((value) => ({ value, label: t(`supportPage.rsvp.${value}`) }));
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("supportPage.title", { name: names.participant })} · ${t("app.name")}`}</title>
      <h1>{t("supportPage.title", { name: names.participant })}</h1>
      {done ? <p className="notice" role="status">{done === "messages" ? t("texts.saved") : t(`supportPage.done.${done}`, names)}</p> : null}
      <p>{t("supportPage.hello", { name: page.person.name })} {t("supportPage.intro", names)}</p>

      {page.workGoal || page.schoolGoal ? (
        <section aria-labelledby="goal">
          <h2 id="goal">{t("supportPage.goal.heading", names)}</h2>
          {page.workGoal ? <p>{page.workGoal}</p> : null}
          {page.schoolGoal ? <p>{t("takeHome.schoolGoal.support", { name: names.participant, goal: page.schoolGoal })}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t("supportPage.meetings.heading")}</h2>
        {page.meetings.length === 0 ? <p>{t("supportPage.meetings.none")}</p> : page.meetings.map((m) => (
          <article key={m.id} className="partner-card" aria-labelledby={`meeting-${m.id}`}>
            <h3 id={`meeting-${m.id}`}>{m.title}</h3>
            {m.status === "cancelled" ? (
              <p className="notice" data-testid="meeting-cancelled"><strong>{t("partnerMore.meeting.cancelled", { date: formatDate(m.scheduledAt.slice(0, 10), t.locale) })}</strong></p>
            ) : (
              <>
                {m.changed ? <p className="notice" data-testid="meeting-changed"><strong>{t("partnerMore.meeting.changed", { when: formatMeetingTime(m.scheduledAt, t.locale) })}</strong></p> : null}
                <p><strong>{t("supportPage.meetings.when")}:</strong> {formatMeetingTime(m.scheduledAt, t.locale)}</p>
                <p><strong>{t("supportPage.meetings.where")}:</strong> {m.place}</p>
                <p>{t("supportPage.meetings.yourAnswer", { answer: t(`supportPage.rsvp.${m.response as "yes" | "no" | "maybe" | "pending"}`) })}</p>
                <Form method="post" action={`/support/meetings/${m.id}`}>
                  <CsrfField />
                  <RadioGroup name="response" prefix={`rsvp-${m.id}`} label={t("supportPage.rsvp.legend")} options={respondOptions} defaultValue={m.response} />
                  <TextArea name="note" prefix={`rsvp-${m.id}`} label={t("supportPage.rsvp.note")} defaultValue={m.responseNote} rows={2} maxLength={300} />
                  <button type="submit">{t("supportPage.rsvp.submit")}</button>
                </Form>
              </>
            )}
          </article>
        ))}
      </section>

      <section aria-labelledby="commitments">
        <h2 id="commitments">{t("supportPage.commitments.heading")}</h2>
        {page.commitments.length === 0 ? <p>{t("supportPage.commitments.none")}</p> : page.commitments.map((c) => (
          <article key={c.id} className="partner-card" aria-labelledby={`item-${c.id}`}>
            <h3 id={`item-${c.id}`}>{c.description}</h3>
            <p>{t(`network.helpKind.${c.kind}`)}{c.frequency ? ` · ${c.frequency}` : ""}</p>
            {c.startsOn && c.endsOn ? <p>{t("supportPage.commitments.when", { start: formatDate(c.startsOn, t.locale), end: formatDate(c.endsOn, t.locale) })}</p> : null}
            {c.reminderAt ? <p>{t("supportPage.commitments.reminder", { when: formatMeetingTime(c.reminderAt, t.locale) })}</p> : null}
            {c.report && c.reportAt ? <p>{t(`supportPage.commitments.reported.${c.report}`, { date: formatDate(c.reportAt.slice(0, 10), t.locale) })}</p> : null}
            <Form method="post" action={`/support/commitments/${c.id}`} className="partner-actions">
              <CsrfField />
              <button type="submit" name="report" value="done">{t("supportPage.commitment.done")}</button>
              <button type="submit" name="report" value="cant_this_week" className="secondary">{t("supportPage.commitment.cant")}</button>
            </Form>
          </article>
        ))}
      </section>

      <section aria-labelledby="help">
        <h2 id="help">{t("supportPage.help.heading", names)}</h2>
        {page.helpRequests.length === 0 ? <p>{t("supportPage.help.none")}</p> : page.helpRequests.map((h) => (
          <article key={h.id} className="partner-card" aria-labelledby={`help-${h.id}`}>
            <h3 id={`help-${h.id}`}>{h.description}</h3>
            <p>{t(`network.helpKind.${h.kind}`)}</p>
            <p>{h.neededTime ? t("supportPage.help.onAt", { date: formatDate(h.neededOn, t.locale), time: h.neededTime }) : t("supportPage.help.on", { date: formatDate(h.neededOn, t.locale) })}</p>
            <Form method="post" action={`/support/help/${h.id}`}>
              <CsrfField />
              <button type="submit">{t("supportPage.help.claim")}</button>
            </Form>
          </article>
        ))}
      </section>

      <section aria-labelledby="wins">
        <h2 id="wins">{t("supportPage.wins.heading")}</h2>
        {page.wins.length === 0 ? <p>{t("supportPage.wins.none")}</p> : (
          <ul>
            {page.wins.map((w) => (
              <li key={w.id}>{t(`milestone.kind.${w.kind}` as "milestone.kind.resume_ready")} ({formatDate(w.occurredOn, t.locale)}){w.note ? `: ${w.note}` : ""}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="encourage">
        <h2 id="encourage">{t("supportPage.encourage.heading", names)}</h2>
        <Form method="post" action="/support/encouragement">
          <CsrfField />
          <TextArea name="text" label={t("supportPage.encourage.label")} hint={t("supportPage.encourage.hint", names)} rows={3} maxLength={1000} />
          <button type="submit">{t("supportPage.encourage.submit")}</button>
        </Form>
      </section>

      <OwnResources t={t} offers={offers} />
      <OwnFamilies t={t} agreement={families.agreement} families={families.introduced} />

      <section aria-labelledby="specialist">
        <h2 id="specialist">{t("supportPage.specialist.heading")}</h2>
        <p>{t("supportPage.specialist.body", names)}</p>
        <p><a href={`mailto:${page.specialist.email}`}>{t("supportPage.specialist.email", { email: page.specialist.email })}</a></p>
        {page.specialist.phone ? <p><a href={`tel:${page.specialist.phone.replace(/[^0-9+]/g, "")}`}>{t("supportPage.specialist.phone", { phone: page.specialist.phone })}</a></p> : null}
      </section>

      <section aria-labelledby="ips">
        <h2 id="ips">{t("supportPage.ips.heading")}</h2>
        <ul>
          {(["rapid", "competitive", "choices", "zeroExclusion", "lasting", "family"] as const).map((k) => <li key={k}>{t(`supportPage.ips.${k}`, names)}</li>)}
        </ul>
      </section>

      <section aria-labelledby="resources">
        <h2 id="resources">{t("supportPage.resources.heading")}</h2>
        <ul>
          {(["nami", "benefits", "ticket", "crisis"] as const).map((k) => <li key={k}>{t(`supportPage.resources.${k}`)}</li>)}
        </ul>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">{t("supportPage.contact.heading")}</h2>
        <p>{t("supportPage.contact.phone", { phone: page.person.phone ?? t("supportPage.contact.none") })}</p>
        <p>{t("supportPage.contact.email", { email: page.person.email ?? t("supportPage.contact.none") })}</p>
        <p>{t("supportPage.contact.preferred", { channel: page.person.preferredChannel ? t(`network.channel.${page.person.preferredChannel}`) : t("supportPage.contact.none") })}</p>
        <p><Link to="/support/contact" className="button secondary">{t("supportPage.contact.change")}</Link></p>
      </section>

      <GlossaryLink />
      {messages ? (
        <section aria-labelledby="messages">
          <h2 id="messages">{t("texts.heading")}</h2>
          <MessagePreferencesSummary t={t} preferences={messages} audience="own" />
          <p><Link to="/support/messages" className="button secondary">{t("texts.change.own")}</Link></p>
        </section>
      ) : null}

      <p><Link to="/support/step-out">{t("supportPage.stepOut.link", names)}</Link></p>
      <Form method="post" action="/l/sign-out">
        <CsrfField />
        <button type="submit" className="secondary">{t("link.signOut")}</button>
      </Form>
    </div>
  );
}

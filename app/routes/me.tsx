import { Form, useLoaderData } from "react-router";
import { CsrfField } from "../components/forms.tsx";
import type { Route } from "./+types/me";
import { formatDate, formatDateTime, formatDollars, formatMonth } from "../../src/i18n/format.ts";
import { getMyOverview } from "../../src/domain/portal/own-record.server.ts";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";
import { GlossaryLink } from "../components/glossary-link.tsx";
import { OwnResources } from "../components/resource-parts.tsx";
import { offersForParticipant } from "../../src/domain/resources/resources.server.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/** The participant's home page: their plan, their meetings, their wins and their reminders. */
export async function loader({ context }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const overview = await getMyOverview(ctx.db, own, ctx.meta);
  if (!overview) throw notFound();
  return { overview, offers: await offersForParticipant(ctx.db, own.actor) };
}

export default function MyHomePage() {
  const t = useT();
  const { overview, offers } = useLoaderData<typeof loader>();
  const who = (item: (typeof overview.plan)[number]) =>
    item.provider === "support_person" ? item.providerName ?? t("plan.provider.support_person")
      : item.provider === "participant" ? t("own.plan.me")
      : item.provider === "specialist" ? overview.specialist.name : t("plan.provider.treatment_team");
  return (
    <div className="page page--narrow">
      <title>{`${t("own.home.title", { name: overview.name })} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="home" />
      <h1>{t("own.home.title", { name: overview.name })}</h1>
      {overview.workGoal ? <p className="prose">{t("own.home.goal", { goal: overview.workGoal })}</p> : null}
      {overview.schoolGoal ? <p className="prose">{t("takeHome.schoolGoal.self", { goal: overview.schoolGoal })}</p> : null}

      <h2 id="plan">{t("own.plan.heading")}</h2>
      {overview.plan.length === 0 ? <p>{t("own.plan.none")}</p> : (
        <ul className="own-list" aria-labelledby="plan">
          {overview.plan.map((item) => (
            <li key={item.id}>
              <p><strong>{t(`network.helpKind.${item.kind}`)}</strong>: {item.description}</p>
              <p>{t("own.plan.who", { who: who(item) })}</p>
              {item.frequency ? <p>{t("own.plan.when", { when: item.frequency })}</p> : null}
              <p className="muted">{t(`plan.status.${item.status}`)}</p>
            </li>
          ))}
        </ul>
      )}

      <h2 id="meetings">{t("own.meetings.heading")}</h2>
      {overview.upcoming.length === 0 ? <p>{t("own.meetings.none")}</p> : (
        <ul className="own-list" aria-labelledby="meetings">
          {overview.upcoming.map((m) => (
            <li key={m.id}>
              <p><strong>{m.title}</strong></p>
              {m.status === "cancelled" ? (
                <p data-testid="meeting-cancelled"><strong>{t("partnerMore.meeting.cancelled", { date: formatDate(m.scheduledAt.slice(0, 10), t.locale) })}</strong></p>
              ) : m.changed ? (
                <p data-testid="meeting-changed"><strong>{t("partnerMore.meeting.changed", { when: formatDateTime(m.scheduledAt, t.locale, { dateStyle: "full", timeStyle: "short" }) })}</strong></p>
              ) : null}
              <p>{formatDateTime(m.scheduledAt, t.locale, { dateStyle: "full", timeStyle: "short" })}</p>
              <p>{t("own.meetings.place", { place: m.place })}</p>
              {m.status !== "cancelled" && m.invitees.length > 0 ? (
                <p>{t("own.meetings.invited", { names: m.invitees.map((i) => `${i.name} (${t(`meeting.response.${i.response}`)})`).join(", ") })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {overview.past.length > 0 ? (
        <>
          <h3 id="past-meetings">{t("own.meetings.past")}</h3>
          <ul className="own-list" aria-labelledby="past-meetings">
            {overview.past.map((m) => (
              <li key={m.id}><p>{m.title}: {formatDate(m.scheduledAt.slice(0, 10), t.locale)}</p></li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="wins">{t("own.wins.heading")}</h2>
      {overview.wins.length === 0 ? <p>{t("own.wins.none")}</p> : (
        <ul className="own-list" aria-labelledby="wins">
          {overview.wins.map((w) => (
            <li key={w.id}>
              <p><strong>{t(`milestone.kind.${w.kind}`)}</strong> · {formatDate(w.occurredOn, t.locale)}</p>
              {w.note ? <p>{w.note}</p> : null}
              {w.encouragement.map((n, i) => <p key={i} className="muted">{t("own.wins.note", { from: n.fromLabel, text: n.text })}</p>)}
            </li>
          ))}
        </ul>
      )}

      <h2 id="benefits">{t("own.benefits.heading")}</h2>
      {!overview.onSsi ? <p>{t("own.benefits.notOnSsi")}</p> : (
        <>
          <p>{t("own.benefits.ssiRule")}</p>
          {overview.reminders.length === 0 ? <p>{t("own.benefits.allReported")}</p> : (
            <ul className="own-list" aria-labelledby="benefits">
              {overview.reminders.map((r) => (
                <li key={r.month}>
                  <p><strong>{t(`own.benefits.status.${r.status}`, { month: formatMonth(r.month, t.locale) })}</strong></p>
                  <p>{t("own.benefits.reminder", { amount: formatDollars(r.paid, t.locale), date: formatDate(r.dueOn, t.locale) })}</p>
                </li>
              ))}
            </ul>
          )}
          <GlossaryLink />
        </>
      )}

      <OwnResources t={t} offers={offers} />
      <p className="no-print"><a href="/me/families">{t("families.own.me.link")}</a></p>

      <h2>{t("own.contact.heading")}</h2>
      <p>{t("own.contact.body", { name: overview.specialist.name })} <a href={`mailto:${overview.specialist.email}`}>{overview.specialist.email}</a></p>
      {/* Signing out matters most on a shared phone, whichever way they came in (link or password, decision 0031). */}
      <Form method="post" action="/l/sign-out" className="no-print">
        <CsrfField />
        <button type="submit" className="secondary">{t("link.signOut")}</button>
      </Form>
    </div>
  );
}

import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ParticipantGlance } from "../../src/domain/participants/glance.server.ts";
import type { ContactNote } from "../../src/domain/contacts/model.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { formatDate, formatDateTime, formatMonth } from "../../src/i18n/format.ts";

/**
 * One summary card: a heading, read-only facts, and a link to the area's page.
 * Read-only data is drawn as a summary (no inputs), so it never looks like a form.
 */
function GlanceCard({ t, id, title, href, children }: { t: Translate; id: string; title: string; href: string; children: ReactNode }) {
  const linkText = t("overview.card.open", { area: title });
  return (
    <section className="glance-card" aria-labelledby={`glance-${id}`} data-testid={`glance-${id}`}>
      <div className="glance-card__title">
        <h3 id={`glance-${id}`}>{title}</h3>
        <Link to={href}>{linkText}</Link>
      </div>
      <div className="glance-card__body">{children}</div>
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="glance-facts">
      {rows.map(([term, value]) => <div key={term}><dt>{term}</dt><dd>{value}</dd></div>)}
    </dl>
  );
}

/** Who a contact was with, as one line: the participant and the named support persons. */
export function contactWith(t: Translate, note: ContactNote, participantName: string): string {
  const names = note.people.map((p) => p.name || t("contactNote.formerSupport"));
  return [...(note.withParticipant ? [participantName] : []), ...names].join(", ");
}

export function ParticipantGlanceCards({ t, glance, base, name, canWrite }: { t: Translate; glance: ParticipantGlance; base: string; name: string; canWrite: boolean }) {
  const { network, nextMeeting, plan, wins, benefits, concerns, contactNotes } = glance;
  return (
    <section aria-labelledby="glance-heading" className="glance no-print">
      <h2 id="glance-heading">{t("overview.cards.heading")}</h2>
      <div className="glance-grid">
        {network ? (
          <GlanceCard t={t} id="network" title={t("overview.network.title")} href={`${base}/network`}>
            <Facts rows={[
              [t("overview.network.label.people"), t("overview.network.people", { count: network.people })],
              [t("overview.network.label.consented"), t("overview.network.consented", { count: network.withConsent })],
              [t("overview.network.label.firstCall"), network.firstCall ? network.firstCall.name : t("overview.network.noFirstCall")],
            ]} />
          </GlanceCard>
        ) : null}

        <GlanceCard t={t} id="meeting" title={t("overview.meeting.title")} href={nextMeeting ? `${base}/meetings/${nextMeeting.id}` : `${base}/meetings`}>
          {nextMeeting ? (
            <Facts rows={[
              [t("overview.meeting.what"), nextMeeting.title],
              [t("overview.meeting.when"), formatDateTime(nextMeeting.scheduledAt, t.locale, { dateStyle: "full", timeStyle: "short" })],
              [t("overview.meeting.coming"), t("overview.meeting.comingCount", { coming: nextMeeting.coming, invited: nextMeeting.invited })],
            ]} />
          ) : <p className="muted">{t("overview.meeting.none")}</p>}
        </GlanceCard>

        {plan ? (
          <GlanceCard t={t} id="plan" title={t("overview.plan.title")} href={`${base}/plan`}>
            <Facts rows={[[t("overview.plan.open"), String(plan.open)], [t("overview.plan.done"), String(plan.done)]]} />
          </GlanceCard>
        ) : null}

        {wins ? (
          <GlanceCard t={t} id="wins" title={t("overview.wins.title")} href={`${base}/wins`}>
            {wins.latest.length === 0 ? <p className="muted">{t("overview.wins.none")}</p> : (
              <>
                <ul className="glance-list">
                  {wins.latest.map((w) => <li key={w.id}>{t(`milestone.kind.${w.kind}`)} <span className="muted">({formatDate(w.occurredOn, t.locale, "medium")})</span></li>)}
                </ul>
                <p className="muted">{t("overview.wins.total", { count: wins.total })}</p>
              </>
            )}
          </GlanceCard>
        ) : null}

        {benefits ? (
          <GlanceCard t={t} id="benefits" title={t("overview.benefits.title")} href={`${base}/benefits`}>
            <Facts rows={[
              [t("overview.benefits.status"), benefits.hasSsi && benefits.hasSsdi ? t("overview.benefits.ssiAndSsdi") : benefits.hasSsi ? t("overview.benefits.ssi") : benefits.hasSsdi ? t("overview.benefits.ssdi") : t("overview.benefits.neither")],
              ...(benefits.trialWorkMonthsUsed !== null ? [[t("overview.benefits.trialWork"), t("overview.benefits.trialWorkCount", { used: benefits.trialWorkMonthsUsed })] as [string, string]] : []),
              ...(benefits.hasSsi ? [[t("overview.benefits.nextReport"), benefits.nextReport
                ? t("overview.benefits.reportDue", { month: formatMonth(benefits.nextReport.month, t.locale), dueOn: formatDate(benefits.nextReport.dueOn, t.locale, "medium") })
                : t("overview.benefits.noReport")] as [string, string]] : []),
            ]} />
          </GlanceCard>
        ) : null}

        {concerns ? (
          <GlanceCard t={t} id="concerns" title={t("overview.concerns.title")} href={`${base}/concerns`}>
            {concerns.open === 0 ? <p className="muted">{t("overview.concerns.none")}</p> : (
              <>
                <ul className="glance-list">
                  {concerns.latest.map((c) => (
                    <li key={c.id}><Link to={`${base}/concerns#concern-${c.id}`}>{t(`concern.type.${c.type}`)}</Link>{` (${t(`concern.status.${c.status}`)}): ${c.description}`}
                      {c.mitigationPlan ? <p className="glance-summary">{t("participant.concerns.plan", { plan: c.mitigationPlan })}</p> : null}</li>
                  ))}
                </ul>
                {concerns.open > concerns.latest.length ? <p className="muted">{t("overview.concerns.more", { count: concerns.open - concerns.latest.length })}</p> : null}
              </>
            )}
          </GlanceCard>
        ) : null}

        <GlanceCard t={t} id="contacts" title={t("overview.contacts.title")} href={`${base}/contacts`}>
          {contactNotes.length === 0 ? <p className="muted">{t("overview.contacts.none")}</p> : (
            <ul className="glance-list">
              {contactNotes.map((n) => (
                <li key={n.id}>
                  <strong>{formatDate(n.contactedOn, t.locale, "medium")}</strong>{` · ${t(`contactNote.method.${n.method}`)} · ${contactWith(t, n, name)}`}
                  <p className="glance-summary">{n.summary}</p>
                </li>
              ))}
            </ul>
          )}
          {canWrite ? <p><Link to={`${base}/contacts#add-contact`}>{t("overview.contacts.add")}</Link></p> : null}
        </GlanceCard>
      </div>
    </section>
  );
}

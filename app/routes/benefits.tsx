import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "react-router";
import type { Route } from "./+types/benefits";
import { needsReport, type ReportStatus } from "../../src/domain/benefits/earnings.ts";
import { getBenefitsOverview } from "../../src/domain/benefits/profile.server.ts";
import { REFERRAL_OUTCOMES, REPORT_METHODS, type BenefitsOverview, type Referral } from "../../src/domain/benefits/records.ts";
import { TRIAL_WORK_MONTHS } from "../../src/domain/benefits/ssdi.ts";
import { formatDate, formatDollars, formatMonth } from "../../src/i18n/format.ts";
import benefitsStyles from "../components/benefits.css?url";
import { CheckboxField, CsrfField, ErrorSummary, Field } from "../components/forms.tsx";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { FormValues } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: benefitsStyles }];

/**
 * A participant's benefits and earnings: SSI reporting reminders, the SSDI trial
 * work count and EPE months, the earnings log with its monthly totals, the benefits
 * profile and the benefits counselor referrals. Every form works without JavaScript.
 */

const DONE = ["profile", "report", "stub", "void", "referral", "referralUpdate"] as const;
type Done = (typeof DONE)[number];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await getBenefitsOverview(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  const { studentExclusionUsed: _unused, ...overview } = view.overview;
  return {
    participant: view.participant,
    canUpdate: view.canUpdate,
    overview,
    done: DONE.includes(done as Done) ? (done as Done) : null,
    // A new key each time the page is drawn: the same stub sent twice is stored once.
    clientKey: crypto.randomUUID(),
  };
}

/**
 * What a benefits form's action answers when it cannot save. Each form posts to its
 * own route (benefits-profile, benefits-report, benefits-pay-stub-new, ...); those
 * routes draw this same page, so the problem shows beside the form that had it, with
 * or without JavaScript. `target` is the month, pay stub or referral the form was for.
 */
export type BenefitsForm = Done;
export type BenefitsActionResult = { intent: BenefitsForm; target: string | null; errors: Record<string, string>; values: FormValues; message: MessageKey | null };
type ActionResult = BenefitsActionResult;

/** Where this participant's benefits forms post: the page may be drawn by any of their routes. */
function useFormsBase(): string {
  return `/participants/${useParams().id}/benefits`;
}

const shortName = (p: { firstName: string; preferredName: string | null }) => p.preferredName ?? p.firstName;

export default function BenefitsPage() {
  const t = useT();
  const { participant, canUpdate, overview, done, clientKey } = useLoaderData<typeof loader>();
  const result = useActionData<BenefitsActionResult>() ?? null;
  const name = shortName(participant);
  const { profile } = overview;
  const resultFor = (intent: string, target: string | null = null) => (result && result.intent === intent && result.target === target ? result : null);
  // Until the profile is saved it comes first: the rest of the page depends on it.
  const profileSection = <ProfileSection t={t} name={name} overview={overview} canUpdate={canUpdate} result={resultFor("profile")} />;
  return (
    <div className="page">
      <title>{`${t("benefits.page.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("benefits.page.title", { name })}</h1>
      {done ? <p className="notice" role="status">{t(`benefits.page.done.${done}`)}</p> : null}
      <div className="actions">
        <Link className="button" to={`/participants/${participant.id}/benefits/estimate`}>{t("benefits.page.estimateLink")}</Link>
      </div>
      {profile.version === 0 ? <p className="hint">{t("benefits.page.startWithProfile")}</p> : null}

      {profile.hasSsi ? <Reporting t={t} overview={overview} canUpdate={canUpdate} resultFor={resultFor} /> : null}
      {profile.hasSsdi && overview.ssdi ? <TrialWork t={t} ssdi={overview.ssdi} /> : null}
      {profile.version === 0 ? profileSection : null}
      <Earnings t={t} overview={overview} canUpdate={canUpdate} clientKey={clientKey} resultFor={resultFor} />
      {profile.version === 0 ? null : profileSection}
      <Referrals t={t} participantId={participant.id} referrals={overview.referrals} canUpdate={canUpdate} resultFor={resultFor} />
    </div>
  );
}

type ResultFor = (intent: string, target?: string | null) => ActionResult | null;

function Submit({ label }: { label: string }) {
  const busy = useNavigation().state === "submitting";
  return <button type="submit" disabled={busy}>{label}</button>;
}

function StatusMark({ t, status }: { t: Translate; status: ReportStatus }) {
  return <span className={`status status--${status}`}>{t(`benefits.report.status.${status}`)}</span>;
}

function Reporting({ t, overview, canUpdate, resultFor }: { t: Translate; overview: BenefitsOverview; canUpdate: boolean; resultFor: ResultFor }) {
  const base = useFormsBase();
  const toReport = overview.ssiReporting.filter((m) => needsReport(m.status));
  const upcoming = overview.ssiReporting.filter((m) => m.status === "upcoming");
  return (
    <section aria-labelledby="reporting-heading" id="reporting">
      <h2 id="reporting-heading">{t("benefits.report.heading")}</h2>
      <p className="hint">{t("benefits.report.hint")}</p>
      {toReport.length === 0 && upcoming.length === 0 ? <p>{t("benefits.report.nothing")}</p> : null}
      {toReport.map((m) => {
        const prefix = `report-${m.month}`;
        const result = resultFor("report", m.month);
        return (
          <div key={m.month} className={m.status === "overdue" || m.status === "changed" ? "reminder reminder--overdue" : "reminder"} data-month={m.month} data-status={m.status}>
            <h3>{t("benefits.report.reminder", { month: formatMonth(m.month, t.locale), paid: formatDollars(m.paid, t.locale) })} <StatusMark t={t} status={m.status} /></h3>
            <p>
              {m.status === "changed"
                ? t("benefits.report.changed", { reported: formatDollars(m.reported ?? 0, t.locale), paid: formatDollars(m.paid, t.locale), date: formatDate(m.reportedOn ?? m.dueOn, t.locale, "medium") })
                : t("benefits.report.dueBy", { date: formatDate(m.dueOn, t.locale, "medium") })}
            </p>
            {canUpdate ? (
              <details className="inline" open={!!result}>
                <summary>{t("benefits.report.markReported")}</summary>
                <ErrorSummary prefix={prefix} errors={result?.errors} labels={{ reportedOn: t("benefits.report.reportedOn"), method: t("benefits.report.method") }} />
                <Form method="post" action={`${base}/reports/${m.month}`} noValidate>
                  <CsrfField />
                  <Field prefix={prefix} name="reportedOn" label={t("benefits.report.reportedOn")} errors={result?.errors}>
                    {(props) => <input {...props} type="date" className="narrow" defaultValue={result?.values.reportedOn ?? overview.today} />}
                  </Field>
                  <Field prefix={prefix} name="method" label={t("benefits.report.method")} errors={result?.errors}>
                    {(props) => (
                      <select {...props} className="narrow" defaultValue={result?.values.method ?? "mobile_app"}>
                        {REPORT_METHODS.map((method) => <option key={method} value={method}>{t(`benefits.report.method.${method}`)}</option>)}
                      </select>
                    )}
                  </Field>
                  <Submit label={t("benefits.report.submit")} />
                </Form>
              </details>
            ) : null}
          </div>
        );
      })}
      {upcoming.map((m) => (
        <p key={m.month} data-month={m.month} data-status="upcoming">
          {t("benefits.report.upcoming", { month: formatMonth(m.month, t.locale), paid: formatDollars(m.paid, t.locale), date: formatDate(m.dueOn, t.locale, "medium") })}
        </p>
      ))}
    </section>
  );
}

function TrialWork({ t, ssdi }: { t: Translate; ssdi: NonNullable<BenefitsOverview["ssdi"]> }) {
  return (
    <section aria-labelledby="ssdi-heading" id="ssdi">
      <h2 id="ssdi-heading">{t("benefits.twp.heading")}</h2>
      {ssdi.completedIn ? (
        <>
          <p className="twp-count" data-testid="twp-count">{t("benefits.twp.completed", { month: formatMonth(ssdi.completedIn, t.locale) })}</p>
          <p>{ssdi.inEpe ? t("benefits.twp.epeRuns", { month: formatMonth(ssdi.epeEndsIn!, t.locale) }) : t("benefits.twp.epeOver", { month: formatMonth(ssdi.epeEndsIn!, t.locale) })}</p>
          {ssdi.inEpe ? <p>{t("benefits.twp.graceLeft", { count: ssdi.graceMonthsLeft })}</p> : null}
        </>
      ) : (
        <p className="twp-count" data-testid="twp-count">{t("benefits.twp.count", { used: ssdi.monthsInWindow, of: TRIAL_WORK_MONTHS })}</p>
      )}
      <p className="hint">{t("benefits.twp.hint")}</p>
      {ssdi.trialWorkMonths.length ? (
        <p>{t("benefits.twp.months")} {ssdi.trialWorkMonths.map((month) => formatMonth(month, t.locale)).join(", ")}</p>
      ) : null}
      {ssdi.monthsWithoutFigures.length ? (
        <p className="warning">{t("benefits.twp.noFigures", { months: ssdi.monthsWithoutFigures.map((month) => formatMonth(month, t.locale)).join(", ") })}</p>
      ) : null}
      {ssdi.epeMonths.length ? (
        <div className="table-wrap">
          <table className="responsive-table">
            <caption>{t("benefits.twp.epeTable")}</caption>
            <thead>
              <tr><th scope="col">{t("benefits.col.month")}</th><th scope="col">{t("benefits.col.epeMonth")}</th><th scope="col">{t("benefits.col.earned")}</th><th scope="col">{t("benefits.col.ssdi")}</th></tr>
            </thead>
            <tbody>
              {ssdi.epeMonths.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <td data-label={t("benefits.col.month")}>{formatMonth(m.month, t.locale)}</td>
                  <td data-label={t("benefits.col.epeMonth")}>{m.number}</td>
                  <td data-label={t("benefits.col.earned")}>{formatDollars(m.earned, t.locale)}</td>
                  <td data-label={t("benefits.col.ssdi")}><span className={`status status--${m.status}`}>{t(`benefits.epe.status.${m.status}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Earnings({ t, overview, canUpdate, clientKey, resultFor }: { t: Translate; overview: BenefitsOverview; canUpdate: boolean; clientKey: string; resultFor: ResultFor }) {
  const base = useFormsBase();
  const { profile } = overview;
  const reportStatus = new Map(overview.ssiReporting.map((m) => [m.month, m.status]));
  const add = resultFor("stub");
  const stubLabels = {
    payDate: t("benefits.payStub.payDate"), periodStart: t("benefits.payStub.periodStart"), periodEnd: t("benefits.payStub.periodEnd"),
    hours: t("benefits.payStub.hours"), gross: t("benefits.payStub.gross"), employer: t("benefits.payStub.employer"),
  };
  return (
    <section aria-labelledby="earnings-heading" id="earnings">
      <h2 id="earnings-heading">{t("benefits.earnings.heading")}</h2>
      <h3>{t("benefits.earnings.totals")}</h3>
      <p className="hint">{t("benefits.earnings.totalsHint")}</p>
      {overview.monthlyTotals.length === 0 ? <p>{t("benefits.earnings.none")}</p> : (
        <div className="table-wrap">
          <table className="monthly-totals responsive-table">
            <caption>{t("benefits.earnings.totalsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("benefits.col.month")}</th>
                <th scope="col">{t("benefits.col.paid")}</th>
                <th scope="col">{t("benefits.col.earned")}</th>
                {profile.hasSsdi ? <th scope="col">{t("benefits.col.trialWork")}</th> : null}
                {profile.hasSsi ? <th scope="col">{t("benefits.col.reported")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...overview.monthlyTotals].reverse().map((m) => {
                const status = reportStatus.get(m.month);
                return (
                  <tr key={m.month} data-month={m.month}>
                    <td data-label={t("benefits.col.month")}>{formatMonth(m.month, t.locale)}</td>
                    <td data-label={t("benefits.col.paid")} data-value={m.paid}>{formatDollars(m.paid, t.locale)}</td>
                    <td data-label={t("benefits.col.earned")} data-value={m.earned}>{formatDollars(m.earned, t.locale)}</td>
                    {profile.hasSsdi ? <td data-label={t("benefits.col.trialWork")}>{m.trialWorkMonth ? t("common.yes") : t("common.no")}</td> : null}
                    {profile.hasSsi ? <td data-label={t("benefits.col.reported")}>{status ? <StatusMark t={t} status={status} /> : "—"}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("benefits.earnings.stubs")}</h3>
      {overview.payStubs.length === 0 ? <p>{t("benefits.earnings.noStubs")}</p> : (
        <div className="table-wrap">
          <table className="pay-stubs responsive-table">
            <caption>{t("benefits.earnings.stubsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{stubLabels.payDate}</th><th scope="col">{t("benefits.col.period")}</th><th scope="col">{stubLabels.hours}</th>
                <th scope="col">{stubLabels.gross}</th><th scope="col">{stubLabels.employer}</th><th scope="col">{t("benefits.col.enteredBy")}</th>
                <th scope="col">{t("benefits.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.payStubs.map((s) => {
                const prefix = `void-${s.id}`;
                const result = resultFor("void", s.id);
                return (
                  <tr key={s.id} data-stub-id={s.id} className={s.voidedAt ? "voided" : undefined}>
                    <td data-label={stubLabels.payDate}>{formatDate(s.payDate, t.locale, "medium")}</td>
                    <td data-label={t("benefits.col.period")}>{t("benefits.payStub.periodRange", { from: formatDate(s.periodStart, t.locale, "medium"), to: formatDate(s.periodEnd, t.locale, "medium") })}</td>
                    <td data-label={stubLabels.hours}>{s.hours ?? "—"}</td>
                    <td data-label={stubLabels.gross}>{formatDollars(s.gross, t.locale)}</td>
                    <td data-label={stubLabels.employer}>{s.employer}</td>
                    <td data-label={t("benefits.col.enteredBy")}>{s.enteredBy}</td>
                    <td className="keep" data-label={t("benefits.col.status")}>
                      {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
                      {s.voidedAt ? t("benefits.payStub.voided", { date: formatDate(s.voidedAt, t.locale, "medium"), by: s.voidedBy ?? "", reason: s.voidReason ?? "" }) : canUpdate ? (
                        <details className="inline" open={!!result}>
                          <summary>{t("benefits.payStub.void")}<span className="visually-hidden"> {t("benefits.payStub.voidWhich", { date: formatDate(s.payDate, t.locale, "medium"), gross: formatDollars(s.gross, t.locale) })}</span></summary>
                          <Form method="post" action={`${base}/pay-stubs/${s.id}/void`} noValidate>
                            <CsrfField />
                            <Field prefix={prefix} name="reason" label={t("benefits.payStub.voidReason")} errors={result?.errors}>
                              {(props) => <input {...props} type="text" defaultValue={result?.values.reason ?? ""} />}
                            </Field>
                            <Submit label={t("benefits.payStub.voidSubmit")} />
                          </Form>
                        </details>
                      ) : t("benefits.payStub.counted")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {canUpdate ? (
        // Closed until wanted (issue 14 §2); open again after a refused submit, so its errors show.
        <details className="disclosure no-print" open={add ? true : undefined}>
          <summary><span id="add-stub-heading">{t("benefits.payStub.add")}</span></summary>
          <ErrorSummary prefix="stub" errors={add?.errors} labels={stubLabels} />
          {/* Drawn anew with each page draw (a new client key), so after a stub is added the form is blank. */}
          <Form method="post" action={`${base}/pay-stubs`} noValidate aria-labelledby="add-stub-heading" key={clientKey}>
            <CsrfField />
            <input type="hidden" name="clientKey" value={add?.values.clientKey ?? clientKey} />
            <div className="cols">
              <Field prefix="stub" name="periodStart" label={stubLabels.periodStart} errors={add?.errors}>
                {(props) => <input {...props} type="date" defaultValue={add?.values.periodStart ?? ""} />}
              </Field>
              <Field prefix="stub" name="periodEnd" label={stubLabels.periodEnd} errors={add?.errors}>
                {(props) => <input {...props} type="date" defaultValue={add?.values.periodEnd ?? ""} />}
              </Field>
            </div>
            <Field prefix="stub" name="payDate" label={stubLabels.payDate} hint={t("benefits.payStub.payDate.hint")} errors={add?.errors}>
              {(props) => <input {...props} type="date" className="narrow" defaultValue={add?.values.payDate ?? ""} />}
            </Field>
            <div className="cols">
              <Field prefix="stub" name="gross" label={stubLabels.gross} hint={t("benefits.payStub.gross.hint")} errors={add?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={add?.values.gross ?? ""} />}
              </Field>
              <Field prefix="stub" name="hours" label={stubLabels.hours} hint={t("benefits.payStub.hours.hint")} errors={add?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={add?.values.hours ?? ""} />}
              </Field>
            </div>
            <Field prefix="stub" name="employer" label={stubLabels.employer} errors={add?.errors}>
              {(props) => <input {...props} type="text" defaultValue={add?.values.employer ?? overview.payStubs.find((s) => !s.voidedAt)?.employer ?? ""} />}
            </Field>
            <Submit label={t("benefits.payStub.submit")} />
          </Form>
        </details>
      ) : null}
    </section>
  );
}

const BENEFIT_FIELDS = [
  ["hasSsi", "benefits.kind.ssi"], ["hasSsdi", "benefits.kind.ssdi"], ["hasMedicaid", "benefits.kind.medicaid"],
  ["hasMedicare", "benefits.kind.medicare"], ["hasHousingAssistance", "benefits.kind.housingAssistance"], ["hasSnap", "benefits.kind.snap"],
] as const;

function ProfileSection({ t, name, overview, canUpdate, result }: { t: Translate; name: string; overview: BenefitsOverview; canUpdate: boolean; result: ActionResult | null }) {
  const base = useFormsBase();
  const { profile } = overview;
  const v = result?.values;
  const text = (key: string, stored: number | string | null) => v ? v[key] ?? "" : stored === null ? "" : String(stored);
  const checked = (key: (typeof BENEFIT_FIELDS)[number][0] | "blind" | "student") => (v ? v[key] === "on" : profile[key]);
  const labels: Record<string, string> = {
    ...Object.fromEntries(BENEFIT_FIELDS.map(([key, label]) => [key, t(label)])),
    ssiMonthly: t("benefits.profile.ssiMonthly"), ssdiMonthly: t("benefits.profile.ssdiMonthly"), otherUnearned: t("benefits.profile.otherUnearned"),
    irweMonthly: t("benefits.profile.irweMonthly"), birthYear: t("benefits.profile.birthYear"), priorTrialWorkMonths: t("benefits.profile.priorTrialWorkMonths"),
    notes: t("benefits.profile.notes"), blind: t("benefits.profile.blind"), student: t("benefits.profile.student"),
  };
  return (
    <section aria-labelledby="profile-heading" id="profile">
      <h2 id="profile-heading">{t("benefits.profile.heading")}</h2>
      {profile.updatedAt ? <p className="hint">{t("benefits.profile.updated", { date: formatDate(profile.updatedAt, t.locale, "medium"), by: profile.updatedBy ?? "" })}</p> : null}
      {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
      {!canUpdate ? (
        <ul>{BENEFIT_FIELDS.filter(([key]) => profile[key]).map(([key, label]) => <li key={key}>{t(label)}</li>)}</ul>
      ) : (
        <>
          {profile.updatedAt ? (
            // Read as facts; changed behind a disclosure (issue 14 §2: read-only data and edit forms looked alike).
            <dl className="facts">
              <dt>{t("benefits.profile.has", { name })}</dt>
              <dd>{BENEFIT_FIELDS.filter(([key]) => profile[key]).map(([, label]) => t(label)).join(", ") || "—"}</dd>
              {profile.ssiMonthly !== null ? <><dt>{labels.ssiMonthly}</dt><dd>{formatDollars(profile.ssiMonthly, t.locale)}</dd></> : null}
              {profile.ssdiMonthly !== null ? <><dt>{labels.ssdiMonthly}</dt><dd>{formatDollars(profile.ssdiMonthly, t.locale)}</dd></> : null}
            </dl>
          ) : null}
          <details className="disclosure no-print" open={!profile.updatedAt || result ? true : undefined}>
          <summary>{t("fit.benefits.changeProfile")}</summary>
          <div>
          <ErrorSummary prefix="profile" errors={result?.errors} labels={labels} />
          <Form method="post" action={`${base}/profile`} noValidate>
            <CsrfField />
            <input type="hidden" name="version" value={profile.version} />
            <fieldset className="field" id="profile-benefits">
              <legend>{t("benefits.profile.has", { name })}</legend>
              {BENEFIT_FIELDS.map(([key, label]) => (
                <CheckboxField key={key} prefix="profile" name={key} label={t(label)} defaultChecked={checked(key)}
                  errors={result?.errors} />
              ))}
            </fieldset>
            <div className="cols">
              <Field prefix="profile" name="ssiMonthly" label={labels.ssiMonthly!} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("ssiMonthly", profile.ssiMonthly)} />}
              </Field>
              <Field prefix="profile" name="ssdiMonthly" label={labels.ssdiMonthly!} hint={t("benefits.profile.ssdiMonthly.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("ssdiMonthly", profile.ssdiMonthly)} />}
              </Field>
              <Field prefix="profile" name="otherUnearned" label={labels.otherUnearned!} hint={t("benefits.profile.otherUnearned.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("otherUnearned", profile.otherUnearned)} />}
              </Field>
              <Field prefix="profile" name="irweMonthly" label={labels.irweMonthly!} hint={t("benefits.profile.irweMonthly.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("irweMonthly", profile.irweMonthly)} />}
              </Field>
            </div>
            <CheckboxField prefix="profile" name="blind" label={labels.blind!} defaultChecked={checked("blind")} />
            <CheckboxField prefix="profile" name="student" label={labels.student!} defaultChecked={checked("student")} />
            <Field prefix="profile" name="birthYear" label={labels.birthYear!} hint={t("benefits.profile.birthYear.hint")} errors={result?.errors}>
              {(props) => <input {...props} type="text" inputMode="numeric" className="narrow" defaultValue={text("birthYear", profile.birthYear)} />}
            </Field>
            <Field prefix="profile" name="priorTrialWorkMonths" label={labels.priorTrialWorkMonths!} hint={t("benefits.profile.priorTrialWorkMonths.hint")} errors={result?.errors}>
              {(props) => <input {...props} type="text" defaultValue={text("priorTrialWorkMonths", profile.priorTrialWorkMonths.join(", "))} />}
            </Field>
            <Field prefix="profile" name="notes" label={labels.notes!} errors={result?.errors}>
              {(props) => <textarea {...props} rows={3} defaultValue={text("notes", profile.notes)} />}
            </Field>
            <Submit label={t("benefits.profile.submit")} />
          </Form>
          </div>
          </details>
        </>
      )}
    </section>
  );
}

function ReferralFields({ t, prefix, referral, result }: { t: Translate; prefix: string; referral: Referral | null; result: ActionResult | null }) {
  const v = result?.values;
  const value = (key: keyof Referral, fallback = "") => (v ? v[key] ?? "" : referral ? String(referral[key] ?? "") : fallback);
  return (
    <>
      <div className="cols">
        <Field prefix={prefix} name="referredOn" label={t("benefits.referral.referredOn")} errors={result?.errors}>
          {(props) => <input {...props} type="date" defaultValue={value("referredOn")} />}
        </Field>
        <Field prefix={prefix} name="counselorName" label={t("benefits.referral.counselorName")} errors={result?.errors}>
          {(props) => <input {...props} type="text" defaultValue={value("counselorName")} />}
        </Field>
      </div>
      <Field prefix={prefix} name="organization" label={t("benefits.referral.organization")} hint={t("benefits.referral.organization.hint")} errors={result?.errors}>
        {(props) => <input {...props} type="text" defaultValue={value("organization")} />}
      </Field>
      <div className="cols">
        <Field prefix={prefix} name="outcome" label={t("benefits.referral.outcome")} errors={result?.errors}>
          {(props) => (
            <select {...props} defaultValue={value("outcome", "waiting")}>
              {REFERRAL_OUTCOMES.map((o) => <option key={o} value={o}>{t(`benefits.referral.outcome.${o}`)}</option>)}
            </select>
          )}
        </Field>
        <Field prefix={prefix} name="outcomeOn" label={t("benefits.referral.outcomeOn")} errors={result?.errors}>
          {(props) => <input {...props} type="date" defaultValue={value("outcomeOn")} />}
        </Field>
      </div>
      <Field prefix={prefix} name="notes" label={t("benefits.referral.notes")} errors={result?.errors}>
        {(props) => <textarea {...props} rows={2} defaultValue={value("notes")} />}
      </Field>
    </>
  );
}

function Referrals({ t, participantId, referrals, canUpdate, resultFor }: {
  t: Translate; participantId: string; referrals: Referral[]; canUpdate: boolean; resultFor: ResultFor;
}) {
  const base = useFormsBase();
  const add = resultFor("referral");
  const labels = {
    referredOn: t("benefits.referral.referredOn"), counselorName: t("benefits.referral.counselorName"), organization: t("benefits.referral.organization"),
    outcome: t("benefits.referral.outcome"), outcomeOn: t("benefits.referral.outcomeOn"), notes: t("benefits.referral.notes"),
  };
  return (
    <section aria-labelledby="referrals-heading" id="referrals">
      <h2 id="referrals-heading">{t("benefits.referral.heading")}</h2>
      <p className="hint">{t("benefits.referral.hint")}</p>
      {referrals.length === 0 ? <p>{t("benefits.referral.none")}</p> : null}
      {referrals.map((r) => {
        const prefix = `referral-${r.id}`;
        const result = resultFor("referralUpdate", r.id);
        return (
          <div className="card" key={r.id} data-referral-id={r.id}>
            <h3>{t("benefits.referral.summary", { name: r.counselorName, date: formatDate(r.referredOn, t.locale, "medium") })}</h3>
            <p>
              <span className="status">{t(`benefits.referral.outcome.${r.outcome}`)}</span>
              {r.outcomeOn ? ` · ${formatDate(r.outcomeOn, t.locale, "medium")}` : ""}
              {r.organization ? ` · ${r.organization}` : ""}
            </p>
            {r.notes ? <p>{r.notes}</p> : null}
            {canUpdate ? (
              <details className="inline" open={!!result}>
                <summary>{t("benefits.referral.edit")}</summary>
                {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
                <ErrorSummary prefix={prefix} errors={result?.errors} labels={labels} />
                <Form method="post" action={`${base}/referrals/${r.id}`} noValidate>
                  <CsrfField />
                  <input type="hidden" name="version" value={r.version} />
                  <ReferralFields t={t} prefix={prefix} referral={r} result={result} />
                  <Submit label={t("benefits.referral.save")} />
                </Form>
              </details>
            ) : null}
          </div>
        );
      })}
      {canUpdate ? (
        <details className="disclosure no-print" open={add ? true : undefined}>
          <summary><span id="add-referral-heading">{t("benefits.referral.add")}</span></summary>
          <ErrorSummary prefix="referral" errors={add?.errors} labels={labels} />
          {/* A new referral in the list draws a blank form for the next one. */}
          <Form method="post" action={`${base}/referrals`} noValidate aria-labelledby="add-referral-heading" key={add ? "retry" : referrals.length}>
            <CsrfField />
            <ReferralFields t={t} prefix="referral" referral={null} result={add} />
            <Submit label={t("benefits.referral.submit")} />
          </Form>
        </details>
      ) : null}
      {canUpdate ? (
        <p className="no-print">
          <Link to={`/participants/${participantId}/meetings/new?kind=benefits`}>{t("benefits.referral.planMeeting")}</Link>
        </p>
      ) : null}
    </section>
  );
}

import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/benefits";
import { needsReport, type ReportStatus } from "../../src/domain/benefits/earnings.ts";
import { addPayStub, recordEarningsReport, voidPayStub } from "../../src/domain/benefits/earnings.server.ts";
import { createReferral, getBenefitsOverview, saveBenefitsProfile, updateReferral } from "../../src/domain/benefits/profile.server.ts";
import {
  REFERRAL_OUTCOMES, REPORT_METHODS, benefitsProfileInputSchema, earningsReportInputSchema, payStubInputSchema, payStubVoidSchema,
  referralInputSchema, referralUpdateSchema, type BenefitsOverview, type Referral,
} from "../../src/domain/benefits/records.ts";
import { TRIAL_WORK_MONTHS } from "../../src/domain/benefits/ssdi.ts";
import { Checkbox, Field, PrefixedErrorSummary, dollars, formatDate, formatMonth } from "../components/benefits.tsx";
import benefitsStyles from "../components/benefits.css?url";
import { CsrfField } from "../components/forms.tsx";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { app, fieldErrorsOf, notFound, requireParticipant } from "../lib/request.server.ts";
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

function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (key !== "_csrf") values[key] = String(value);
  return values;
}

type ActionResult = { intent: string; target: string | null; errors: Record<string, string>; values: Record<string, string>; message: MessageKey | null };

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const target = form.get("target") ? String(form.get("target")) : null;
  const values = valuesOf(form);
  const fail = (status: number, errors: Record<string, string>, message: MessageKey | null = null) =>
    data<ActionResult>({ intent, target, errors, values, message }, { status });
  const done = (kind: Done, anchor: string) => redirect(`/participants/${params.id}/benefits?done=${kind}#${anchor}`);
  const field = (name: string) => form.get(name) ?? undefined;

  if (intent === "profile") {
    const parsed = benefitsProfileInputSchema.safeParse({
      hasSsi: field("hasSsi"), hasSsdi: field("hasSsdi"), hasMedicaid: field("hasMedicaid"), hasMedicare: field("hasMedicare"),
      hasHousingAssistance: field("hasHousingAssistance"), hasSnap: field("hasSnap"), ssiMonthly: field("ssiMonthly"), ssdiMonthly: field("ssdiMonthly"),
      otherUnearned: field("otherUnearned"), irweMonthly: field("irweMonthly"), blind: field("blind"), student: field("student"),
      birthYear: field("birthYear"), priorTrialWorkMonths: field("priorTrialWorkMonths"), notes: field("notes"), version: field("version"),
    });
    if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
    const result = await saveBenefitsProfile(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok && result.reason === "conflict") return fail(409, {}, "benefits.profile.conflict");
    if (!result.ok) throw notFound();
    return done("profile", "profile");
  }

  if (intent === "report") {
    const parsed = earningsReportInputSchema.safeParse({ month: field("month"), reportedOn: field("reportedOn"), method: field("method") });
    if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
    const result = await recordEarningsReport(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return done("report", "reporting");
  }

  if (intent === "stub") {
    const parsed = payStubInputSchema.safeParse({
      payDate: field("payDate"), periodStart: field("periodStart"), periodEnd: field("periodEnd"), hours: field("hours"),
      gross: field("gross"), employer: field("employer"), clientKey: field("clientKey"),
    });
    if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
    const result = await addPayStub(ctx.db, access, parsed.data, ctx.meta);
    if (!result.ok) throw notFound();
    return done("stub", "earnings");
  }

  if (intent === "void") {
    const parsed = payStubVoidSchema.safeParse({ reason: field("reason") });
    if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
    const result = await voidPayStub(ctx.db, access, target ?? "", parsed.data.reason, ctx.meta);
    if (!result.ok && result.reason === "already_voided") return fail(409, {}, "benefits.payStub.alreadyVoided");
    if (!result.ok) throw notFound();
    return done("void", "earnings");
  }

  if (intent === "referral" || intent === "referralUpdate") {
    const input = {
      referredOn: field("referredOn"), counselorName: field("counselorName"), organization: field("organization"),
      outcome: field("outcome"), outcomeOn: field("outcomeOn"), notes: field("notes"),
    };
    if (intent === "referral") {
      const parsed = referralInputSchema.safeParse(input);
      if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
      const result = await createReferral(ctx.db, access, parsed.data, ctx.meta);
      if (!result.ok) throw notFound();
      return done("referral", "referrals");
    }
    const parsed = referralUpdateSchema.safeParse({ ...input, version: field("version") });
    if (!parsed.success) return fail(400, fieldErrorsOf(parsed.error));
    const result = await updateReferral(ctx.db, access, target ?? "", parsed.data, ctx.meta);
    if (!result.ok && result.reason === "conflict") return fail(409, {}, "benefits.referral.conflict");
    if (!result.ok) throw notFound();
    return done("referralUpdate", "referrals");
  }
  throw notFound();
}

const shortName = (p: { firstName: string; preferredName: string | null }) => p.preferredName ?? p.firstName;

export default function BenefitsPage() {
  const t = useT();
  const { participant, canUpdate, overview, done, clientKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? null;
  const name = shortName(participant);
  const { profile } = overview;
  const resultFor = (intent: string, target: string | null = null) => (result && result.intent === intent && result.target === target ? result : null);
  // Until the profile is saved it comes first: the rest of the page depends on it.
  const profileSection = <ProfileSection t={t} name={name} overview={overview} canUpdate={canUpdate} result={resultFor("profile")} />;
  return (
    <div className="page">
      <title>{`${t("benefits.page.title", { name })} · ${t("app.name")}`}</title>
      <p className="back-link no-print"><Link to={`/participants/${participant.id}`}>{t("benefits.page.back", { name })}</Link></p>
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
            <h3>{t("benefits.report.reminder", { month: formatMonth(m.month), paid: dollars(m.paid) })} <StatusMark t={t} status={m.status} /></h3>
            <p>
              {m.status === "changed"
                ? t("benefits.report.changed", { reported: dollars(m.reported ?? 0), paid: dollars(m.paid), date: formatDate(m.reportedOn ?? m.dueOn) })
                : t("benefits.report.dueBy", { date: formatDate(m.dueOn) })}
            </p>
            {canUpdate ? (
              <details className="inline" open={!!result}>
                <summary>{t("benefits.report.markReported")}</summary>
                <PrefixedErrorSummary t={t} prefix={prefix} errors={result?.errors} labels={{ reportedOn: t("benefits.report.reportedOn"), method: t("benefits.report.method") }} />
                <Form method="post" noValidate>
                  <CsrfField />
                  <input type="hidden" name="intent" value="report" />
                  <input type="hidden" name="target" value={m.month} />
                  <input type="hidden" name="month" value={m.month} />
                  <Field t={t} prefix={prefix} name="reportedOn" label={t("benefits.report.reportedOn")} errors={result?.errors}>
                    {(props) => <input {...props} type="date" className="narrow" defaultValue={result?.values.reportedOn ?? overview.today} />}
                  </Field>
                  <Field t={t} prefix={prefix} name="method" label={t("benefits.report.method")} errors={result?.errors}>
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
          {t("benefits.report.upcoming", { month: formatMonth(m.month), paid: dollars(m.paid), date: formatDate(m.dueOn) })}
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
          <p className="twp-count" data-testid="twp-count">{t("benefits.twp.completed", { month: formatMonth(ssdi.completedIn) })}</p>
          <p>{ssdi.inEpe ? t("benefits.twp.epeRuns", { month: formatMonth(ssdi.epeEndsIn!) }) : t("benefits.twp.epeOver", { month: formatMonth(ssdi.epeEndsIn!) })}</p>
          {ssdi.inEpe ? <p>{t("benefits.twp.graceLeft", { count: ssdi.graceMonthsLeft })}</p> : null}
        </>
      ) : (
        <p className="twp-count" data-testid="twp-count">{t("benefits.twp.count", { used: ssdi.monthsInWindow, of: TRIAL_WORK_MONTHS })}</p>
      )}
      <p className="hint">{t("benefits.twp.hint")}</p>
      {ssdi.trialWorkMonths.length ? (
        <p>{t("benefits.twp.months")} {ssdi.trialWorkMonths.map(formatMonth).join(", ")}</p>
      ) : null}
      {ssdi.monthsWithoutFigures.length ? (
        <p className="warning">{t("benefits.twp.noFigures", { months: ssdi.monthsWithoutFigures.map(formatMonth).join(", ") })}</p>
      ) : null}
      {ssdi.epeMonths.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t("benefits.twp.epeTable")}</caption>
            <thead>
              <tr><th scope="col">{t("benefits.col.month")}</th><th scope="col">{t("benefits.col.epeMonth")}</th><th scope="col">{t("benefits.col.earned")}</th><th scope="col">{t("benefits.col.ssdi")}</th></tr>
            </thead>
            <tbody>
              {ssdi.epeMonths.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <td>{formatMonth(m.month)}</td>
                  <td>{m.number}</td>
                  <td>{dollars(m.earned)}</td>
                  <td><span className={`status status--${m.status}`}>{t(`benefits.epe.status.${m.status}`)}</span></td>
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
          <table className="monthly-totals">
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
                    <td>{formatMonth(m.month)}</td>
                    <td data-value={m.paid}>{dollars(m.paid)}</td>
                    <td data-value={m.earned}>{dollars(m.earned)}</td>
                    {profile.hasSsdi ? <td>{m.trialWorkMonth ? t("common.yes") : t("common.no")}</td> : null}
                    {profile.hasSsi ? <td>{status ? <StatusMark t={t} status={status} /> : "—"}</td> : null}
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
          <table className="pay-stubs">
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
                    <td>{formatDate(s.payDate)}</td>
                    <td>{t("benefits.payStub.periodRange", { from: formatDate(s.periodStart), to: formatDate(s.periodEnd) })}</td>
                    <td>{s.hours ?? "—"}</td>
                    <td>{dollars(s.gross)}</td>
                    <td>{s.employer}</td>
                    <td>{s.enteredBy}</td>
                    <td className="keep">
                      {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
                      {s.voidedAt ? t("benefits.payStub.voided", { date: formatDate(s.voidedAt), by: s.voidedBy ?? "", reason: s.voidReason ?? "" }) : canUpdate ? (
                        <details className="inline" open={!!result}>
                          <summary>{t("benefits.payStub.void")}<span className="visually-hidden"> {t("benefits.payStub.voidWhich", { date: formatDate(s.payDate), gross: dollars(s.gross) })}</span></summary>
                          <Form method="post" noValidate>
                            <CsrfField />
                            <input type="hidden" name="intent" value="void" />
                            <input type="hidden" name="target" value={s.id} />
                            <Field t={t} prefix={prefix} name="reason" label={t("benefits.payStub.voidReason")} errors={result?.errors}>
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
        <div className="card">
          <h3 id="add-stub-heading">{t("benefits.payStub.add")}</h3>
          <PrefixedErrorSummary t={t} prefix="stub" errors={add?.errors} labels={stubLabels} />
          <Form method="post" noValidate aria-labelledby="add-stub-heading">
            <CsrfField />
            <input type="hidden" name="intent" value="stub" />
            <input type="hidden" name="clientKey" value={add?.values.clientKey ?? clientKey} />
            <div className="cols">
              <Field t={t} prefix="stub" name="periodStart" label={stubLabels.periodStart} errors={add?.errors}>
                {(props) => <input {...props} type="date" defaultValue={add?.values.periodStart ?? ""} />}
              </Field>
              <Field t={t} prefix="stub" name="periodEnd" label={stubLabels.periodEnd} errors={add?.errors}>
                {(props) => <input {...props} type="date" defaultValue={add?.values.periodEnd ?? ""} />}
              </Field>
            </div>
            <Field t={t} prefix="stub" name="payDate" label={stubLabels.payDate} hint={t("benefits.payStub.payDate.hint")} errors={add?.errors}>
              {(props) => <input {...props} type="date" className="narrow" defaultValue={add?.values.payDate ?? ""} />}
            </Field>
            <div className="cols">
              <Field t={t} prefix="stub" name="gross" label={stubLabels.gross} hint={t("benefits.payStub.gross.hint")} errors={add?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={add?.values.gross ?? ""} />}
              </Field>
              <Field t={t} prefix="stub" name="hours" label={stubLabels.hours} hint={t("benefits.payStub.hours.hint")} errors={add?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={add?.values.hours ?? ""} />}
              </Field>
            </div>
            <Field t={t} prefix="stub" name="employer" label={stubLabels.employer} errors={add?.errors}>
              {(props) => <input {...props} type="text" defaultValue={add?.values.employer ?? overview.payStubs.find((s) => !s.voidedAt)?.employer ?? ""} />}
            </Field>
            <Submit label={t("benefits.payStub.submit")} />
          </Form>
        </div>
      ) : null}
    </section>
  );
}

const BENEFIT_FIELDS = [
  ["hasSsi", "benefits.kind.ssi"], ["hasSsdi", "benefits.kind.ssdi"], ["hasMedicaid", "benefits.kind.medicaid"],
  ["hasMedicare", "benefits.kind.medicare"], ["hasHousingAssistance", "benefits.kind.housingAssistance"], ["hasSnap", "benefits.kind.snap"],
] as const;

function ProfileSection({ t, name, overview, canUpdate, result }: { t: Translate; name: string; overview: BenefitsOverview; canUpdate: boolean; result: ActionResult | null }) {
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
      {profile.updatedAt ? <p className="hint">{t("benefits.profile.updated", { date: formatDate(profile.updatedAt), by: profile.updatedBy ?? "" })}</p> : null}
      {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
      {!canUpdate ? (
        <ul>{BENEFIT_FIELDS.filter(([key]) => profile[key]).map(([key, label]) => <li key={key}>{t(label)}</li>)}</ul>
      ) : (
        <>
          <PrefixedErrorSummary t={t} prefix="profile" errors={result?.errors} labels={labels} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="profile" />
            <input type="hidden" name="version" value={profile.version} />
            <fieldset className="field" id="profile-benefits">
              <legend>{t("benefits.profile.has", { name })}</legend>
              {BENEFIT_FIELDS.map(([key, label]) => (
                <Checkbox key={key} prefix="profile" name={key} label={t(label)} defaultChecked={checked(key)}
                  error={result?.errors[key] ? t(result.errors[key] as MessageKey) : undefined} />
              ))}
            </fieldset>
            <div className="cols">
              <Field t={t} prefix="profile" name="ssiMonthly" label={labels.ssiMonthly!} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("ssiMonthly", profile.ssiMonthly)} />}
              </Field>
              <Field t={t} prefix="profile" name="ssdiMonthly" label={labels.ssdiMonthly!} hint={t("benefits.profile.ssdiMonthly.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("ssdiMonthly", profile.ssdiMonthly)} />}
              </Field>
              <Field t={t} prefix="profile" name="otherUnearned" label={labels.otherUnearned!} hint={t("benefits.profile.otherUnearned.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("otherUnearned", profile.otherUnearned)} />}
              </Field>
              <Field t={t} prefix="profile" name="irweMonthly" label={labels.irweMonthly!} hint={t("benefits.profile.irweMonthly.hint")} errors={result?.errors}>
                {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={text("irweMonthly", profile.irweMonthly)} />}
              </Field>
            </div>
            <Checkbox prefix="profile" name="blind" label={labels.blind!} defaultChecked={checked("blind")} />
            <Checkbox prefix="profile" name="student" label={labels.student!} defaultChecked={checked("student")} />
            <Field t={t} prefix="profile" name="birthYear" label={labels.birthYear!} hint={t("benefits.profile.birthYear.hint")} errors={result?.errors}>
              {(props) => <input {...props} type="text" inputMode="numeric" className="narrow" defaultValue={text("birthYear", profile.birthYear)} />}
            </Field>
            <Field t={t} prefix="profile" name="priorTrialWorkMonths" label={labels.priorTrialWorkMonths!} hint={t("benefits.profile.priorTrialWorkMonths.hint")} errors={result?.errors}>
              {(props) => <input {...props} type="text" defaultValue={text("priorTrialWorkMonths", profile.priorTrialWorkMonths.join(", "))} />}
            </Field>
            <Field t={t} prefix="profile" name="notes" label={labels.notes!} errors={result?.errors}>
              {(props) => <textarea {...props} rows={3} defaultValue={text("notes", profile.notes)} />}
            </Field>
            <Submit label={t("benefits.profile.submit")} />
          </Form>
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
        <Field t={t} prefix={prefix} name="referredOn" label={t("benefits.referral.referredOn")} errors={result?.errors}>
          {(props) => <input {...props} type="date" defaultValue={value("referredOn")} />}
        </Field>
        <Field t={t} prefix={prefix} name="counselorName" label={t("benefits.referral.counselorName")} errors={result?.errors}>
          {(props) => <input {...props} type="text" defaultValue={value("counselorName")} />}
        </Field>
      </div>
      <Field t={t} prefix={prefix} name="organization" label={t("benefits.referral.organization")} hint={t("benefits.referral.organization.hint")} errors={result?.errors}>
        {(props) => <input {...props} type="text" defaultValue={value("organization")} />}
      </Field>
      <div className="cols">
        <Field t={t} prefix={prefix} name="outcome" label={t("benefits.referral.outcome")} errors={result?.errors}>
          {(props) => (
            <select {...props} defaultValue={value("outcome", "waiting")}>
              {REFERRAL_OUTCOMES.map((o) => <option key={o} value={o}>{t(`benefits.referral.outcome.${o}`)}</option>)}
            </select>
          )}
        </Field>
        <Field t={t} prefix={prefix} name="outcomeOn" label={t("benefits.referral.outcomeOn")} errors={result?.errors}>
          {(props) => <input {...props} type="date" defaultValue={value("outcomeOn")} />}
        </Field>
      </div>
      <Field t={t} prefix={prefix} name="notes" label={t("benefits.referral.notes")} errors={result?.errors}>
        {(props) => <textarea {...props} rows={2} defaultValue={value("notes")} />}
      </Field>
    </>
  );
}

function Referrals({ t, participantId, referrals, canUpdate, resultFor }: {
  t: Translate; participantId: string; referrals: Referral[]; canUpdate: boolean; resultFor: ResultFor;
}) {
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
            <h3>{t("benefits.referral.summary", { name: r.counselorName, date: formatDate(r.referredOn) })}</h3>
            <p>
              <span className="status">{t(`benefits.referral.outcome.${r.outcome}`)}</span>
              {r.outcomeOn ? ` · ${formatDate(r.outcomeOn)}` : ""}
              {r.organization ? ` · ${r.organization}` : ""}
            </p>
            {r.notes ? <p>{r.notes}</p> : null}
            {canUpdate ? (
              <details className="inline" open={!!result}>
                <summary>{t("benefits.referral.edit")}</summary>
                {result?.message ? <p className="form-error" role="alert">{t(result.message)}</p> : null}
                <PrefixedErrorSummary t={t} prefix={prefix} errors={result?.errors} labels={labels} />
                <Form method="post" noValidate>
                  <CsrfField />
                  <input type="hidden" name="intent" value="referralUpdate" />
                  <input type="hidden" name="target" value={r.id} />
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
        <div className="card">
          <h3 id="add-referral-heading">{t("benefits.referral.add")}</h3>
          <PrefixedErrorSummary t={t} prefix="referral" errors={add?.errors} labels={labels} />
          <Form method="post" noValidate aria-labelledby="add-referral-heading">
            <CsrfField />
            <input type="hidden" name="intent" value="referral" />
            <ReferralFields t={t} prefix="referral" referral={null} result={add} />
            <Submit label={t("benefits.referral.submit")} />
          </Form>
        </div>
      ) : null}
      {canUpdate ? (
        <p className="no-print">
          <Link to={`/participants/${participantId}/meetings/new?kind=benefits`}>{t("benefits.referral.planMeeting")}</Link>
        </p>
      ) : null}
    </section>
  );
}

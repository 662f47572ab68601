import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/benefits-estimate";
import { estimate } from "../../src/domain/benefits/estimate.ts";
import { MAX_SCENARIOS, estimateRequestSchemaFor, type EstimateRequest, type EstimateRequestInput, type EstimateResult } from "../../src/domain/benefits/model.ts";
import { supportedYears } from "../../src/domain/benefits/parameters.ts";
import { getBenefitsOverview } from "../../src/domain/benefits/profile.server.ts";
import { estimateDefaults } from "../../src/domain/benefits/records.ts";
import { estimateShareChoices, getSharedEstimate, listEstimateShares, shareEstimate } from "../../src/domain/benefits/shares.server.ts";
import { storedBenefitYears } from "../../src/domain/benefits/years.server.ts";
import { EstimateResults, PrintButton, scenarioLabel } from "../components/benefits.tsx";
import { formatDate } from "../../src/i18n/format.ts";
import { benefitsActions } from "../../src/domain/benefits/policy.ts";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import benefitsStyles from "../components/benefits.css?url";
import { CheckboxField, CsrfField, ErrorSummary, Field } from "../components/forms.tsx";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireActor, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: benefitsStyles }];

/**
 * The estimator page, for one participant (/participants/:id/benefits/estimate,
 * prefilled from the benefits profile and earnings log) or for anyone
 * (/benefits/estimate). A GET form, so an estimate has its own address, prints
 * and reloads; the request goes through the same schema and engine as the API
 * and the CLI. A participant's estimate can be recorded as shared with supports
 * whose consent covers benefits and income at that moment.
 */

const NUMBER_FIELDS = [
  "year", "ssdiMonthly", "twpMonthsUsed", "graceMonthsLeft", "age", "studentExclusionUsedThisYear", "unearnedIncome", "irwe", "blindWorkExpenses", "pass",
] as const;
const BOOLEAN_FIELDS = ["ssi", "inEpe", "blind", "student"] as const;
const SCENARIO_FIELDS = ["hoursPerWeek", "hourlyWage", "monthlyGross"] as const;
/** Fields kept under "More details": opened when one of them has a problem. */
const DETAIL_FIELDS = new Set<string>(["twpMonthsUsed", "inEpe", "graceMonthsLeft", "blind", "student", "age", "studentExclusionUsedThisYear", "unearnedIncome", "irwe", "blindWorkExpenses", "pass"]);

type Values = Record<string, string>;

/** "15", "$1,300.50" become numbers; anything else goes to the schema as typed, so it gets the schema's message. */
function numberish(value: string): number | string {
  const cleaned = value.replace(/[$,\s]/g, "");
  return cleaned !== "" && Number.isFinite(Number(cleaned)) ? Number(cleaned) : value;
}

/** The estimate request from the form's fields, and which form row each scenario came from. */
function requestFromForm(values: Values): { body: Record<string, unknown>; rows: number[] } {
  const body: Record<string, unknown> = {};
  for (const name of NUMBER_FIELDS) {
    const value = values[name]?.trim();
    if (value) body[name] = numberish(value);
  }
  for (const name of BOOLEAN_FIELDS) body[name] = values[name] === "on";
  const scenarios: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (let i = 0; i < MAX_SCENARIOS; i++) {
    const [hours, wage, gross] = SCENARIO_FIELDS.map((f) => values[`scenarios.${i}.${f}`]?.trim() ?? "");
    if (!hours && !wage && !gross) continue;
    const scenario: Record<string, unknown> = {};
    if (hours || wage) {
      scenario.hoursPerWeek = hours ? numberish(hours) : undefined;
      scenario.hourlyWage = wage ? numberish(wage) : undefined;
    }
    if (gross) scenario.monthlyGross = numberish(gross);
    scenarios.push(scenario);
    rows.push(i);
  }
  body.scenarios = scenarios;
  return { body, rows };
}

/**
 * Field errors keyed by form field name. A scenario is one of two shapes, so when
 * it fails, the problems of the shape the person was filling in are the useful ones.
 */
function estimateFieldErrors(error: z.ZodError, body: Record<string, unknown>, rows: number[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (key: string, message: string) => {
    if (!(key in errors)) errors[key] = message.includes(".") ? message : "benefits.request.invalid";
  };
  for (const issue of error.issues) {
    const [head, index, ...rest] = issue.path.map(String);
    if (head !== "scenarios" || index === undefined) {
      put(issue.path.join(".") || "form", issue.message);
      continue;
    }
    const row = `scenarios.${rows[Number(index)] ?? index}`;
    const scenario = (body.scenarios as Record<string, unknown>[])[Number(index)] ?? {};
    const byHours = "hoursPerWeek" in scenario && !("monthlyGross" in scenario);
    const byGross = "monthlyGross" in scenario && !("hoursPerWeek" in scenario);
    if (issue.code === "invalid_union" && (byHours || byGross) && rest.length === 0) {
      for (const inner of issue.errors[byHours ? 0 : 1] ?? []) put(`${row}.${inner.path.join(".")}`, inner.message);
    } else put(rest.length ? `${row}.${rest.join(".")}` : row, issue.message);
  }
  return errors;
}

function valuesFromDefaults(defaults: Omit<EstimateRequestInput, "scenarios">): Values {
  const values: Values = {};
  for (const name of NUMBER_FIELDS) {
    const value = defaults[name];
    if (value !== undefined) values[name] = String(value);
  }
  for (const name of BOOLEAN_FIELDS) values[name] = defaults[name] ? "on" : "";
  return values;
}

function defaultYear(years: number[], today: Date): number {
  const thisYear = today.getUTCFullYear();
  return years.includes(thisYear) ? thisYear : Math.max(...years.filter((y) => y <= thisYear), Math.min(...years));
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const url = new URL(request.url);
  const extraYears = await storedBenefitYears(ctx.db);
  const years = supportedYears(extraYears);
  const participantId = "id" in params && typeof params.id === "string" ? params.id : null;
  // The page's one authorization, when it is about a participant; the reads below take its answer.
  const access: AuthorizedParticipant | null = participantId ? await requireParticipant(context, request, participantId, "read") : null;
  const now = new Date();

  let participant: { id: string; firstName: string; lastName: string; preferredName: string | null; specialistName: string } | null = null;
  let canShare = false;
  let defaults: Omit<EstimateRequestInput, "scenarios"> = { year: defaultYear(years, now), ssi: true };
  if (access) {
    const copyId = url.searchParams.get("copy");
    if (copyId) {
      // getSharedEstimate checks access, consent at this moment, and audits the read.
      const copy = await getSharedEstimate(ctx.db, access, copyId, ctx.meta, now);
      if (!copy) throw notFound();
      return { mode: "copy" as const, participant: access.participant, copy: copy.allowed ? copy : { ...copy, request: null, result: null } };
    }
    const view = await getBenefitsOverview(ctx.db, access, ctx.meta, now);
    if (!view) throw notFound();
    participant = view.participant;
    canShare = benefitsActions(access).shareEstimate;
    defaults = estimateDefaults(view.overview, view.overview.studentExclusionUsed);
    if (!years.includes(Number(defaults.year))) defaults.year = defaultYear(years, now);
  }

  let values = valuesFromDefaults(defaults);
  let estimateRequest: EstimateRequest | null = null;
  let result: EstimateResult | null = null;
  let errors: Record<string, string> = {};
  if (url.searchParams.has("calculate")) {
    values = {};
    for (const [key, value] of url.searchParams) if (key !== "calculate" && key !== "shared") values[key] = value;
    const { body, rows } = requestFromForm(values);
    const parsed = estimateRequestSchemaFor(extraYears).safeParse(body);
    if (parsed.success) {
      estimateRequest = parsed.data;
      result = estimate(parsed.data, { extraYears, locale: actor.locale });
    } else errors = estimateFieldErrors(parsed.error, body, rows);
  }

  const sharedIds = (url.searchParams.get("shared") ?? "").split(",").filter(Boolean);
  const shares = access ? await listEstimateShares(ctx.db, access) : [];
  return {
    mode: "estimate" as const,
    participant,
    canShare,
    years,
    values,
    errors,
    estimateRequest,
    result,
    today: now.toISOString().slice(0, 10),
    preparedBy: actor.name,
    shareChoices: access && result && canShare ? await estimateShareChoices(ctx.db, access, now) : null,
    shares,
    justShared: shares.filter((s) => sharedIds.includes(s.id)),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = app(context);
  const participantId = "id" in params && typeof params.id === "string" ? params.id : null;
  if (!participantId) throw notFound();
  const access = await requireParticipant(context, request, participantId, "update");
  const form = await readForm(request);
  if (String(form.get("intent") ?? "") !== "share") throw notFound();
  let body: unknown = null;
  try {
    body = JSON.parse(String(form.get("request") ?? ""));
  } catch {
    return data({ errors: {}, message: "benefits.share.invalidRequest" as const }, { status: 400 });
  }
  const ids = form.getAll("supportPersonId").map(String);
  const result = await shareEstimate(ctx.db, access, body, ids, ctx.meta);
  if (!result.ok) {
    if (result.reason === "not_found") throw notFound();
    if (result.reason === "nobody") return data({ errors: { supportPersonId: "benefits.share.nobody" }, message: null }, { status: 400 });
    if (result.reason === "not_allowed") return data({ errors: { supportPersonId: "benefits.share.notAllowed" }, message: null }, { status: 422 });
    return data({ errors: {}, message: "benefits.share.invalidRequest" as const }, { status: 400 });
  }
  // Back to the same estimate; request.url may be the ".data" address of a script-driven submission, so only its query is kept.
  const query = new URLSearchParams(new URL(request.url).search);
  for (const internal of ["_routes", "index"]) query.delete(internal);
  query.set("shared", result.shares.map((s) => s.id).join(","));
  return redirect(`/participants/${participantId}/benefits/estimate?${query}#shared`);
}

const shortName = (p: { firstName: string; preferredName: string | null }) => p.preferredName ?? p.firstName;

export default function BenefitsEstimatePage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  if (loaded.mode === "copy") return <SharedCopy t={t} participant={loaded.participant} copy={loaded.copy} />;
  return <EstimatePage t={t} {...loaded} />;
}

function SharedCopy({ t, participant, copy }: {
  t: Translate;
  participant: { id: string; firstName: string; preferredName: string | null };
  copy: { id: string; name: string; sharedBy: string; sharedAt: string; request: EstimateRequest | null; result: EstimateResult | null; allowed: boolean };
}) {
  const name = shortName(participant);
  return (
    <div className="page estimate-copy">
      <title>{`${t("benefits.copy.title", { name: copy.name })} · ${t("app.name")}`}</title>
      <p className="back-link no-print"><Link to={`/participants/${participant.id}/benefits/estimate`}>{t("benefits.copy.back", { name })}</Link></p>
      <header className="estimate-header">
        <h1>{t("benefits.copy.heading", { name })}</h1>
        <p>{t("benefits.copy.for", { person: copy.name, by: copy.sharedBy, date: formatDate(copy.sharedAt, t.locale, "medium") })}</p>
      </header>
      {copy.allowed && copy.request && copy.result ? (
        <>
          <div className="actions no-print"><PrintButton label={t("benefits.estimate.print")} /></div>
          <EstimateResults t={t} request={copy.request} result={copy.result} />
        </>
      ) : (
        <p className="warning" role="status">{t("benefits.copy.notAllowed", { person: copy.name })}</p>
      )}
    </div>
  );
}

type EstimateData = Extract<Awaited<ReturnType<typeof loader>>, { mode: "estimate" }>;

function EstimatePage({ t, participant, canShare, years, values, errors, estimateRequest, result, today, preparedBy, shareChoices, shares, justShared }: EstimateData & { t: Translate }) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = participant ? shortName(participant) : null;
  const title = name ? t("benefits.estimate.titleFor", { name }) : t("benefits.estimate.title");
  const detailsOpen = Object.keys(errors).some((k) => DETAIL_FIELDS.has(k));
  const labels: Record<string, string> = {
    year: t("benefits.estimate.field.year"), ssi: t("benefits.estimate.field.ssi"), ssdiMonthly: t("benefits.estimate.field.ssdiMonthly"),
    twpMonthsUsed: t("benefits.estimate.field.twpMonthsUsed"), inEpe: t("benefits.estimate.field.inEpe"), graceMonthsLeft: t("benefits.estimate.field.graceMonthsLeft"),
    blind: t("benefits.estimate.field.blind"), student: t("benefits.estimate.field.student"), age: t("benefits.estimate.field.age"),
    studentExclusionUsedThisYear: t("benefits.estimate.field.studentExclusionUsedThisYear"), unearnedIncome: t("benefits.estimate.field.unearnedIncome"),
    irwe: t("benefits.estimate.field.irwe"), blindWorkExpenses: t("benefits.estimate.field.blindWorkExpenses"), pass: t("benefits.estimate.field.pass"),
    scenarios: t("benefits.estimate.scenarios"),
  };
  for (let i = 0; i < MAX_SCENARIOS; i++) {
    labels[`scenarios.${i}`] = t("benefits.estimate.option", { n: i + 1 });
    labels[`scenarios.${i}.hoursPerWeek`] = `${t("benefits.estimate.option", { n: i + 1 })}, ${t("benefits.estimate.field.hoursPerWeek")}`;
    labels[`scenarios.${i}.hourlyWage`] = `${t("benefits.estimate.option", { n: i + 1 })}, ${t("benefits.estimate.field.hourlyWage")}`;
    labels[`scenarios.${i}.monthlyGross`] = `${t("benefits.estimate.option", { n: i + 1 })}, ${t("benefits.estimate.field.monthlyGross")}`;
  }
  const text = (fieldName: string, label: string, hint?: string, inputMode: "decimal" | "numeric" = "decimal") => (
    <Field name={fieldName} label={label} hint={hint} errors={errors}>
      {(props) => <input {...props} type="text" inputMode={inputMode} defaultValue={values[fieldName] ?? ""} />}
    </Field>
  );
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      {participant ? (
        <p className="back-link no-print"><Link to={`/participants/${participant.id}/benefits`}>{t("benefits.page.backToBenefits", { name: name! })}</Link></p>
      ) : null}
      <h1>{title}</h1>
      <p className="no-print">{t("benefits.estimate.intro")}</p>

      <ErrorSummary errors={errors} labels={labels} />
      <Form method="get" noValidate className="estimate-form" preventScrollReset>
        <input type="hidden" name="calculate" value="1" />
        <fieldset className="field">
          <legend>{t("benefits.estimate.now")}</legend>
          <Field name="year" label={labels.year!} errors={errors}>
            {(props) => (
              <select {...props} className="narrow" defaultValue={values.year ?? ""}>
                {years.map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            )}
          </Field>
          <CheckboxField name="ssi" label={labels.ssi!} defaultChecked={values.ssi === "on"} />
          {text("ssdiMonthly", labels.ssdiMonthly!, t("benefits.estimate.field.ssdiMonthly.hint"))}
          <details className="inline" open={detailsOpen}>
            <summary>{t("benefits.estimate.moreDetails")}</summary>
            {text("unearnedIncome", labels.unearnedIncome!, t("benefits.estimate.field.unearnedIncome.hint"))}
            {text("twpMonthsUsed", labels.twpMonthsUsed!, t("benefits.estimate.field.twpMonthsUsed.hint"), "numeric")}
            <CheckboxField name="inEpe" label={labels.inEpe!} defaultChecked={values.inEpe === "on"} errors={errors} />
            {text("graceMonthsLeft", labels.graceMonthsLeft!, t("benefits.estimate.field.graceMonthsLeft.hint"), "numeric")}
            {text("irwe", labels.irwe!, t("benefits.estimate.field.irwe.hint"))}
            {text("age", labels.age!, undefined, "numeric")}
            <CheckboxField name="student" label={labels.student!} defaultChecked={values.student === "on"} />
            {text("studentExclusionUsedThisYear", labels.studentExclusionUsedThisYear!)}
            <CheckboxField name="blind" label={labels.blind!} defaultChecked={values.blind === "on"} errors={errors} />
            {text("blindWorkExpenses", labels.blindWorkExpenses!)}
            {text("pass", labels.pass!, t("benefits.estimate.field.pass.hint"))}
          </details>
        </fieldset>

        <fieldset className="field" id="field-scenarios">
          <legend>{labels.scenarios}</legend>
          <p className="hint">{t("benefits.estimate.scenarios.hint")}</p>
          {errors.scenarios ? <p className="field-error">{t(errors.scenarios as "benefits.scenarios.required")}</p> : null}
          <div className="scenarios">
            {Array.from({ length: MAX_SCENARIOS }, (_, i) => (
              <fieldset className="field" key={i} id={`field-scenarios-${i}`}>
                <legend>{labels[`scenarios.${i}`]}</legend>
                {errors[`scenarios.${i}`] ? <p className="field-error">{t(errors[`scenarios.${i}`] as "benefits.scenario.invalid")}</p> : null}
                {text(`scenarios.${i}.hoursPerWeek`, t("benefits.estimate.field.hoursPerWeek"))}
                {text(`scenarios.${i}.hourlyWage`, t("benefits.estimate.field.hourlyWage"))}
                {text(`scenarios.${i}.monthlyGross`, t("benefits.estimate.field.monthlyGross"), t("benefits.estimate.field.monthlyGross.hint"))}
              </fieldset>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t("benefits.estimate.submit")}</button>
      </Form>

      {result && estimateRequest ? (
        <section aria-labelledby="results-heading" className="estimate-section">
          <header className="estimate-header">
            <h2 id="results-heading">{name ? t("benefits.estimate.resultsFor", { name }) : t("benefits.estimate.results")}</h2>
            <p>{t("benefits.estimate.prepared", { date: formatDate(today, t.locale, "medium"), by: preparedBy, year: result.year })}</p>
          </header>
          <div className="actions no-print"><PrintButton label={t("benefits.estimate.print")} /></div>
          <EstimateResults t={t} request={estimateRequest} result={result} headingLevel={2} />

          {participant && canShare && shareChoices ? (
            <section aria-labelledby="share-heading" className="card no-print" id="share">
              <h2 id="share-heading">{t("benefits.share.heading")}</h2>
              <p className="hint">{t("benefits.share.hint", { name: name! })}</p>
              {actionData?.message ? <p className="form-error" role="alert">{t(actionData.message)}</p> : null}
              {shareChoices.offered.length ? (
                <Form method="post" noValidate>
                  <CsrfField />
                  <input type="hidden" name="intent" value="share" />
                  <input type="hidden" name="request" value={JSON.stringify(estimateRequest)} />
                  <fieldset className="field" aria-describedby={actionData?.errors && "supportPersonId" in actionData.errors ? "share-error" : undefined}>
                    <legend>{t("benefits.share.who")}</legend>
                    {actionData?.errors && "supportPersonId" in actionData.errors
                      ? <p className="field-error" id="share-error">{t(actionData.errors.supportPersonId as "benefits.share.nobody")}</p> : null}
                    {shareChoices.offered.map((p) => (
                      <CheckboxField key={p.id} id={`share-${p.id}`} name="supportPersonId" label={p.name} defaultChecked={false} value={p.id} />
                    ))}
                  </fieldset>
                  <button type="submit" disabled={busy}>{t("benefits.share.submit")}</button>
                </Form>
              ) : <p>{t("benefits.share.nobodyAllowed", { name: name! })}</p>}
              {shareChoices.notOffered.length ? (
                <p className="muted" data-testid="not-offered">{t("benefits.share.notOffered", { names: shareChoices.notOffered.map((p) => p.name).join(", ") })}</p>
              ) : null}
            </section>
          ) : null}
        </section>
      ) : null}

      {participant && (justShared.length || shares.length) ? (
        <section aria-labelledby="shared-heading" id="shared" className="no-print">
          <h2 id="shared-heading">{t("benefits.share.sharedHeading")}</h2>
          {justShared.length ? <p className="notice" role="status">{t("benefits.share.done", { names: justShared.map((s) => s.name).join(", ") })}</p> : null}
          <ul>
            {shares.map((s) => (
              <li key={s.id} data-share-id={s.id}>
                <Link to={`/participants/${participant.id}/benefits/estimate?copy=${s.id}`}>{t("benefits.share.copyFor", { name: s.name })}</Link>
                {" · "}{t("benefits.share.sharedOn", { date: formatDate(s.sharedAt, t.locale, "medium"), by: s.sharedBy })}
                {" · "}{s.monthlyGross.map((g) => scenarioLabel(t, { monthlyGross: g })).join("; ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

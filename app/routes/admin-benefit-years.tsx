import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/admin-benefit-years";
import { FIGURE_NAMES, benefitYearSchema, type FigureName } from "../../src/domain/benefits/parameters.ts";
import { addBenefitYear, listBenefitYears } from "../../src/domain/benefits/years.server.ts";
import { formatDate, formatDollars } from "../../src/i18n/format.ts";
import benefitsStyles from "../components/benefits.css?url";
import { CheckboxField, CsrfField, ErrorSummary, Field } from "../components/forms.tsx";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: benefitsStyles }];

/**
 * The yearly Social Security figures the estimator and the earnings log use, with
 * the source of each; an administrator adds next year's (or corrects a year) here,
 * checked by the same schema as the built-in years.
 */

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "manage", "benefits");
  const ctx = app(context);
  const years = await listBenefitYears(ctx.db);
  const url = new URL(request.url);
  const from = years.find((y) => String(y.year) === url.searchParams.get("from")) ?? null;
  const added = url.searchParams.get("added");
  return {
    years,
    start: { year: String(Math.max(...years.map((y) => y.year)) + 1), figures: from?.figures ?? null, fromYear: from?.year ?? null },
    added: added && /^\d{4}$/.test(added) ? Number(added) : null,
  };
}

function numberOrText(value: string | undefined): number | string {
  const text = String(value ?? "").replace(/[$,\s]/g, "");
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : String(value ?? "");
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "manage", "benefits");
  const ctx = app(context);
  const form = await readForm(request);
  // Each figure's amount, source and "verified" box arrive as "figures.<name>.<part>".
  const parsed = form.parse(benefitYearSchema, (submitted) => ({
    year: numberOrText(submitted.get("year")),
    figures: Object.fromEntries(FIGURE_NAMES.map((name) => [name, {
      amount: numberOrText(submitted.get(`figures.${name}.amount`)),
      source: submitted.get(`figures.${name}.source`) ?? "",
      verified: submitted.get(`figures.${name}.verified`) === "on",
    }])),
  }));
  const values = parsed.values;
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await addBenefitYear(ctx.db, actor, parsed.data, form.get("replace") === "on", ctx.meta);
  if (!result.ok && result.reason === "forbidden") throw notFound();
  if (!result.ok) return data({ errors: { year: "benefits.years.exists" }, values }, { status: 409 });
  return redirect(`/admin/benefit-years?added=${parsed.data.year}`);
}

export default function AdminBenefitYears() {
  const t = useT();
  const { years, start, added } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = result?.values;
  const figureLabel = (name: FigureName) => t(`benefits.figure.${name}`);
  const labels: Record<string, string> = { year: t("benefits.years.field.year") };
  for (const name of FIGURE_NAMES) {
    labels[`figures.${name}.amount`] = `${figureLabel(name)}: ${t("benefits.years.col.amount")}`;
    labels[`figures.${name}.source`] = `${figureLabel(name)}: ${t("benefits.years.col.source")}`;
  }
  return (
    <div className="page">
      <title>{`${t("benefits.years.title")} · ${t("app.name")}`}</title>
      <h1>{t("benefits.years.title")}</h1>
      <p>{t("benefits.years.intro")}</p>
      {added ? <p className="notice" role="status">{t("benefits.years.added", { year: added })}</p> : null}

      {years.map((year) => (
        <section key={year.year} aria-labelledby={`year-${year.year}`} data-year={year.year}>
          <h2 id={`year-${year.year}`}>{year.year}</h2>
          <p className="hint">
            {year.origin === "built-in"
              ? t("benefits.years.builtIn")
              : t(year.replacesBuiltIn ? "benefits.years.storedReplaces" : "benefits.years.stored", { by: year.addedBy ?? "", date: formatDate(year.addedAt ?? "", t.locale, "medium") })}
            {year.earlier.length ? ` ${t("benefits.years.earlier", { count: year.earlier.length })}` : ""}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("benefits.years.caption", { year: year.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("benefits.years.col.figure")}</th>
                  <th scope="col">{t("benefits.years.col.amount")}</th>
                  <th scope="col">{t("benefits.years.col.source")}</th>
                </tr>
              </thead>
              <tbody>
                {FIGURE_NAMES.map((name) => {
                  const figure = year.figures[name];
                  return (
                    <tr key={name} data-figure={name}>
                      <th scope="row">{figureLabel(name)}</th>
                      <td>{formatDollars(figure.amount, t.locale)}</td>
                      <td><span translate="no">{figure.source}</span>{figure.verified ? "" : ` (${t("benefits.years.unverified")})`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="no-print"><Link to={`/admin/benefit-years?from=${year.year}#add-heading`}>{t("benefits.years.startFrom", { year: year.year })}</Link></p>
        </section>
      ))}

      <section aria-labelledby="add-heading" className="card">
        <h2 id="add-heading">{t("benefits.years.add")}</h2>
        <p className="hint">{start.fromYear ? t("benefits.years.startedFrom", { year: start.fromYear }) : t("benefits.years.addHint")}</p>
        <ErrorSummary prefix="field" errors={result?.errors} labels={labels} />
        <Form method="post" noValidate>
          <CsrfField />
          <Field name="year" label={labels.year!} errors={result?.errors}>
            {(props) => <input {...props} type="text" inputMode="numeric" className="narrow" defaultValue={v?.year ?? start.year} />}
          </Field>
          {FIGURE_NAMES.map((name) => (
            <FigureFields key={name} t={t} name={name} label={figureLabel(name)} errors={result?.errors}
              amount={v ? v[`figures.${name}.amount`] ?? "" : start.figures ? String(start.figures[name].amount) : ""}
              source={v ? v[`figures.${name}.source`] ?? "" : start.figures?.[name].source ?? ""}
              verified={v ? v[`figures.${name}.verified`] === "on" : start.figures?.[name].verified ?? true} />
          ))}
          <CheckboxField name="replace" label={t("benefits.years.replace")} hint={t("benefits.years.replace.hint")} defaultChecked={v?.replace === "on"} />
          <button type="submit" disabled={busy}>{t("benefits.years.submit")}</button>
        </Form>
      </section>
    </div>
  );
}

function FigureFields({ t, name, label, errors, amount, source, verified }: {
  t: Translate; name: FigureName; label: string; errors: Record<string, string> | undefined; amount: string; source: string; verified: boolean;
}) {
  return (
    <fieldset className="field" data-figure={name}>
      <legend>{label}</legend>
      <div className="cols">
        <Field name={`figures.${name}.amount`} label={t("benefits.years.col.amount")} errors={errors}>
          {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={amount} />}
        </Field>
        <Field name={`figures.${name}.source`} label={t("benefits.years.col.source")} errors={errors}>
          {(props) => <input {...props} type="text" defaultValue={source} />}
        </Field>
      </div>
      <CheckboxField name={`figures.${name}.verified`} label={t("benefits.years.verified")} defaultChecked={verified} />
    </fieldset>
  );
}

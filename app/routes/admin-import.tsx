import { Form, data, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/admin-import";
import type { ImportError, ParticipantPlan } from "../../src/domain/imports/caseload-csv.ts";
import { PARTICIPANT_COLUMNS, REQUIRED_COLUMNS, SUPPORT_COLUMNS } from "../../src/domain/imports/columns.ts";
import { importCaseload } from "../../src/domain/imports/caseload-import.server.ts";
import { mayImportCaseload } from "../../src/domain/imports/policy.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CsrfField } from "../components/forms.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * The caseload import (issue 16 §3): an administrator checks a CSV file, sees
 * every line's problems or what it would change, then imports it, all or nothing.
 * The file is sent again with "Import" (it is not kept between the two steps).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  if (!mayImportCaseload(requireActor(context, request))) throw notFound();
  return null;
}

/** How many planned lines the page lists; the counts above cover the rest. */
const SHOWN_LINES = 200;

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  if (!mayImportCaseload(actor)) throw notFound();
  const ctx = app(context);
  const form = await readForm(request);
  const file = form.file("file");
  const csv = file ? await file.text() : (form.get("csv") ?? "");
  if (!csv.trim()) return data({ kind: "errors" as const, errors: [{ line: 0, column: null, message: file ? "import.file.empty" : "import.file.required" }] as ImportError[], csv: "" }, { status: 400 });
  const dryRun = form.get("intent") !== "import";
  const outcome = await importCaseload(ctx.db, actor, csv, { dryRun }, ctx.meta);
  if (!outcome.ok && outcome.reason === "not_allowed") throw notFound();
  if (!outcome.ok) return data({ kind: "errors" as const, errors: outcome.errors, csv: "" }, { status: 422 });
  return {
    kind: dryRun ? ("checked" as const) : ("done" as const),
    summary: outcome.summary,
    lines: outcome.plan.participants.slice(0, SHOWN_LINES),
    more: Math.max(0, outcome.plan.participants.length - SHOWN_LINES),
    // Sent back only after a clean check, so "Import" carries the very file that was checked.
    csv: dryRun ? csv : "",
  };
}

function fieldLabel(t: Translate, field: string): string {
  const participant: Record<string, Parameters<Translate>[0]> = {
    firstName: "participant.field.firstName", lastName: "participant.field.lastName", preferredName: "participant.field.preferredName",
    phone: "participant.field.phone", email: "participant.field.email", preferredLanguage: "participant.field.preferredLanguage",
    specialistId: "participant.field.specialistId",
  };
  return participant[field] ? t(participant[field]) : field;
}

function supportFieldLabel(t: Translate, field: string): string {
  const labels: Record<string, Parameters<Translate>[0]> = {
    phone: "network.field.phone", email: "network.field.email", relationshipKind: "network.field.relationshipKind", closeness: "network.field.closeness",
  };
  return labels[field] ? t(labels[field]) : field;
}

function whatHappens(t: Translate, line: ParticipantPlan): string[] {
  const own = line.action === "create" ? t("import.plan.create")
    : line.fields.length > 0 ? t("import.plan.update", { fields: line.fields.map((f) => fieldLabel(t, f)).join(", ") })
    : line.supportChanges.length === 0 ? t("import.plan.unchanged") : null;
  const support = line.supportChanges.map((s) => (s.kind === "add"
    ? t("import.plan.supportAdd", { name: s.input.name })
    : t("import.plan.supportUpdate", { name: s.person.name, fields: s.fields.map((f) => supportFieldLabel(t, f)).join(", ") })));
  return [...(own ? [own] : []), ...support];
}

function Problems({ errors, t }: { errors: ImportError[]; t: Translate }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("import.errors.heading", { count: errors.length })}</h2>
      <table className="responsive-table">
        <thead><tr><th scope="col">{t("import.errors.col.line")}</th><th scope="col">{t("import.errors.col.column")}</th><th scope="col">{t("import.errors.col.problem")}</th></tr></thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td data-label={t("import.errors.col.line")}>{e.line > 0 ? e.line : t("import.errors.whole")}</td>
              <td data-label={t("import.errors.col.column")}>{e.column ? <code>{e.column}</code> : ""}</td>
              <td data-label={t("import.errors.col.problem")}>{t(e.message as "import.file.empty", { value: e.value ?? "" })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AdminImportPage() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const list = (columns: readonly string[]) => columns.map((c) => `“${c}”`).join(", ");
  return (
    <div className="page page--narrow">
      <title>{`${t("import.title")} · ${t("app.name")}`}</title>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <details className="disclosure">
        <summary>{t("import.columns.heading")}</summary>
        <p>{t("import.columns.required", { columns: list(REQUIRED_COLUMNS) })}</p>
        <p>{t("import.columns.optional", { columns: list(PARTICIPANT_COLUMNS.filter((c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c))) })}</p>
        <p>{t("import.columns.support", { columns: list(SUPPORT_COLUMNS) })}</p>
        <p>{t("import.columns.again")}</p>
      </details>

      {result?.kind === "errors" ? <Problems errors={result.errors} t={t} /> : null}

      {result && result.kind !== "errors" ? (
        <section aria-labelledby="import-result">
          <div role="status">
            <h2 id="import-result">{t(result.kind === "done" ? "import.done.heading" : "import.checked.heading")}</h2>
            <p data-testid="import-summary">{t("import.summary", result.summary)}</p>
          </div>
          <table className="responsive-table">
            <thead><tr><th scope="col">{t("import.plan.col.line")}</th><th scope="col">{t("import.plan.col.person")}</th><th scope="col">{t("import.plan.col.what")}</th></tr></thead>
            <tbody>
              {result.lines.map((line) => (
                <tr key={line.externalId}>
                  <td data-label={t("import.plan.col.line")}>{line.line}</td>
                  <td data-label={t("import.plan.col.person")}>{line.name} <span className="hint">({line.externalId})</span></td>
                  <td data-label={t("import.plan.col.what")}>{whatHappens(t, line).join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.more > 0 ? <p>{t("import.plan.more", { count: result.more })}</p> : null}
          {result.kind === "checked" ? (
            <Form method="post" encType="multipart/form-data">
              <CsrfField />
              <input type="hidden" name="csv" value={result.csv} />
              <button type="submit" name="intent" value="import" disabled={busy}>{t("import.run")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <div className="field">
          <label htmlFor="field-file">{t("import.field.file")}</label>
          <p id="field-file-hint" className="hint">{t("import.field.file.hint")}</p>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="field-file-hint" />
        </div>
        <button type="submit" name="intent" value="check" className={result?.kind === "checked" ? "secondary" : undefined} disabled={busy}>{t("import.check")}</button>
      </Form>
    </div>
  );
}

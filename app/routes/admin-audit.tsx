import { Form, Link, data, useLoaderData } from "react-router";
import type { Route } from "./+types/admin-audit";
import { viewAuditLog } from "../../src/domain/audit/audit-log.server.ts";
import { AUDIT_ACTIONS, auditFilterSchema } from "../../src/domain/audit/model.ts";
import { formatUtcDateTime } from "../../src/i18n/format.ts";
import { ErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { fieldErrorsOf } from "../../src/domain/validation.ts";
import { useT } from "../lib/i18n.ts";

const FILTER_FIELDS = ["actor", "action", "participant", "from", "to"] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "read", "audit");
  const ctx = app(context);
  const params = new URL(request.url).searchParams;
  const values = Object.fromEntries(FILTER_FIELDS.map((field) => [field, params.get(field) ?? ""])) as Record<(typeof FILTER_FIELDS)[number], string>;
  const parsed = auditFilterSchema.safeParse({ ...values, page: params.get("page") || undefined });
  if (!parsed.success) return data({ values, errors: fieldErrorsOf(parsed.error), page: 1, rows: [], hasMore: false }, { status: 400 });
  const result = await viewAuditLog(ctx.db, actor, parsed.data, ctx.meta);
  if (!result) throw notFound();
  const rows = result.rows.map((row) => ({
    seq: Number(row.seq), occurredAt: row.occurred_at, actorLabel: row.actor_label, action: row.action,
    entityType: row.entity_type, entityId: row.entity_id, participantId: row.participant_id, ip: row.ip, reason: row.reason,
    details: readableDetails(row.details),
  }));
  return { values, errors: {}, page: parsed.data.page, rows, hasMore: result.hasMore };
}

/** The event's details as indented JSON, or null when it has none: the action's schema (audit/events.ts) says what each key means. */
function readableDetails(stored: string): string | null {
  const details: unknown = JSON.parse(stored);
  if (details && typeof details === "object" && Object.keys(details).length === 0) return null;
  return JSON.stringify(details, null, 2);
}

export default function AdminAudit() {
  const t = useT();
  const { values, errors, page, rows, hasMore } = useLoaderData<typeof loader>();
  const labels = {
    actor: t("admin.audit.filter.actor"), action: t("admin.audit.filter.action"), participant: t("admin.audit.filter.participant"),
    from: t("admin.audit.filter.from"), to: t("admin.audit.filter.to"),
  };
  const pageLink = (target: number) => {
    const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ""));
    if (target > 1) query.set("page", String(target));
    const search = query.toString();
    return search ? `/admin/audit?${search}` : "/admin/audit";
  };

  return (
    <div className="page">
      <title>{`${t("admin.audit.title")} · ${t("app.name")}`}</title>
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>

      <ErrorSummary errors={errors} labels={labels} />
      <Form method="get" role="search" aria-label={t("admin.audit.filter.heading")}>
        <div className="cols">
          <TextField name="actor" label={labels.actor} hint={t("admin.audit.filter.actorHint")} defaultValue={values.actor} errors={errors} />
          <SelectField
            name="action" label={labels.action} defaultValue={values.action} errors={errors}
            options={[{ value: "", label: t("admin.audit.filter.anyAction") }, ...AUDIT_ACTIONS.map((action) => ({ value: action, label: action, verbatim: true }))]}
          />
          <TextField name="participant" label={labels.participant} defaultValue={values.participant} errors={errors} />
          <TextField name="from" type="date" label={labels.from} defaultValue={values.from} errors={errors} />
          <TextField name="to" type="date" label={labels.to} defaultValue={values.to} errors={errors} />
        </div>
        <div className="actions">
          <button type="submit">{t("admin.audit.filter.submit")}</button>
          <Link to="/admin/audit">{t("admin.audit.filter.clear")}</Link>
        </div>
      </Form>

      {rows.length === 0 ? <p>{t("admin.audit.none")}</p> : (
        <div className="table-wrap">
          <table className="responsive-table" data-testid="audit-rows">
            <caption className="muted">{t("admin.audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.col.time")}</th>
                <th scope="col">{t("admin.audit.col.who")}</th>
                <th scope="col">{t("admin.audit.col.action")}</th>
                <th scope="col">{t("admin.audit.col.what")}</th>
                <th scope="col">{t("admin.audit.col.participant")}</th>
                <th scope="col">{t("admin.audit.col.ip")}</th>
                <th scope="col">{t("admin.audit.col.why")}</th>
                <th scope="col">{t("admin.audit.col.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.seq}>
                  <td data-label={t("admin.audit.col.time")}><time dateTime={row.occurredAt}>{formatUtcDateTime(row.occurredAt, t.locale)}</time></td>
                  <td data-label={t("admin.audit.col.who")}>{row.actorLabel}</td>
                  <td data-label={t("admin.audit.col.action")}><code translate="no">{row.action}</code></td>
                  <td data-label={t("admin.audit.col.what")} translate="no">{row.entityId ? `${row.entityType} ${row.entityId}` : row.entityType}</td>
                  <td data-label={t("admin.audit.col.participant")}>
                    {row.participantId ? <Link to={`/participants/${row.participantId}`} translate="no">{row.participantId}</Link> : t("common.none")}
                  </td>
                  <td data-label={t("admin.audit.col.ip")}>{row.ip ? <span translate="no">{row.ip}</span> : t("common.none")}</td>
                  <td data-label={t("admin.audit.col.why")} translate="no">{row.reason}</td>
                  <td data-label={t("admin.audit.col.details")}>
                    {row.details ? (
                      <details>
                        <summary>{t("admin.audit.details.show")}</summary>
                        <pre className="prose" translate="no">{row.details}</pre>
                      </details>
                    ) : t("common.none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page > 1 || hasMore ? (
        <nav className="pagination" aria-label={t("common.pagination")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("common.previous")}</Link> : null}
          <span>{t("admin.audit.page", { page })}</span>
          {hasMore ? <Link to={pageLink(page + 1)}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

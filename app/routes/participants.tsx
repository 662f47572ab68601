import { Form, Link, href, useLoaderData } from "react-router";
import type { Route } from "./+types/participants";
import { caseloadQuerySchema } from "../../src/domain/participants/model.ts";
import { listCaseload } from "../../src/domain/participants/participants.server.ts";
import { caseloadScope } from "../../src/domain/participants/policy.ts";
import { ssiReportsDue } from "../../src/domain/benefits/earnings.server.ts";
import { accessFor } from "../../src/domain/auth/permissions.ts";
import { formatDate, formatDollars, formatMonth } from "../../src/i18n/format.ts";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { app, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** The specialist's dashboard: the caseload, searchable and a page at a time, with the SSI reports due. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const params = new URL(request.url).searchParams;
  // A search longer than the schema allows is cut rather than refused: the page and status fall back the same way.
  const query = caseloadQuerySchema.parse({ q: params.get("q")?.slice(0, 100), page: params.get("page") ?? undefined, status: params.get("status") ?? undefined });
  const scope = caseloadScope(actor).kind;
  const [caseload, reminders] = await Promise.all([
    listCaseload(ctx.db, actor, query, ctx.meta),
    query.status === "active" && query.page === 1 && !query.q ? ssiReportsDue(ctx.db, actor, ctx.meta) : Promise.resolve([]),
  ]);
  return {
    query, scope, caseload, reminders,
    mayCreate: accessFor(actor.permissions, "create", "participant") !== null,
    showSpecialist: scope !== "own",
  };
}

export default function Caseload() {
  const t = useT();
  const { query, scope, caseload, reminders, mayCreate, showSpecialist } = useLoaderData<typeof loader>();
  const title = t(`caseload.title.${scope}`);
  const pageLink = (target: number) => {
    const search = new URLSearchParams();
    if (query.q) search.set("q", query.q);
    if (query.status !== "active") search.set("status", query.status);
    if (target > 1) search.set("page", String(target));
    const s = search.toString();
    return s ? `/participants?${s}` : "/participants";
  };
  const exportSearch = new URLSearchParams();
  if (query.q) exportSearch.set("q", query.q);
  if (query.status !== "active") exportSearch.set("status", query.status);
  const exportLink = exportSearch.size ? `/participants.csv?${exportSearch}` : "/participants.csv";
  // The rows' links are plain <a> with typed paths (decision 0041): a <Link> per row
  // resolves itself against the route tree on every server render of the page.
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {mayCreate ? <p className="actions"><Link className="button" to="/participants/new">{t("caseload.add")}</Link></p> : null}

      {reminders.length > 0 ? (
        <section aria-labelledby="reminders-heading" className="card">
          <h2 id="reminders-heading">{t("caseload.reminders.heading")}</h2>
          <p className="hint">{t("caseload.reminders.intro")}</p>
          <ul data-testid="ssi-reminders">
            {reminders.map((r) => (
              <li key={`${r.participantId}-${r.month}`} data-status={r.status}>
                <a href={href("/participants/:id/benefits", { id: r.participantId })}>
                  {t("caseload.reminders.item", { name: participantDisplayName(r), month: formatMonth(r.month, t.locale), paid: formatDollars(r.paid, t.locale), dueOn: formatDate(r.dueOn, t.locale, "medium") })}
                </a>
                {" "}<span className={r.status === "due" ? "mark" : "mark mark--warning"}>{t(`caseload.reminders.status.${r.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" role="search" aria-label={t("caseload.search.label")} className="caseload-search">
        <div className="cols">
          <div className="field">
            <label htmlFor="caseload-q">{t("caseload.search.label")}</label>
            <input id="caseload-q" type="search" name="q" defaultValue={query.q} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="caseload-status">{t("caseload.status.label")}</label>
            <select id="caseload-status" name="status" defaultValue={query.status}>
              <option value="active">{t("caseload.status.active")}</option>
              <option value="archived">{t("caseload.status.archived")}</option>
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit">{t("caseload.search.submit")}</button>
          {query.q || query.status !== "active" ? <Link to="/participants">{t("caseload.search.clear")}</Link> : null}
        </div>
      </Form>

      <p role="status">
        {query.q ? t("caseload.countFor", { count: caseload.total, q: query.q }) : t("caseload.count", { count: caseload.total })}
      </p>

      {caseload.total > 0 ? (
        <p className="no-print">
          <Link to={exportLink} reloadDocument download>{t("export.caseload.link")}</Link>
          <br /><span className="hint">{t("export.caseload.hint")}</span>
        </p>
      ) : null}

      {caseload.participants.length === 0 ? (
        <p>{query.q ? t("caseload.emptySearch", { q: query.q }) : t("caseload.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive-table caseload">
            <caption className="muted">{t("caseload.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("caseload.col.name")}</th>
                <th scope="col">{t("caseload.col.goal")}</th>
                {showSpecialist ? <th scope="col">{t("caseload.col.specialist")}</th> : null}
                <th scope="col">{t("caseload.col.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {caseload.participants.map((p) => (
                <tr key={p.id} data-participant-id={p.id}>
                  <td data-label={t("caseload.col.name")}><a href={href("/participants/:id", { id: p.id })}>{`${p.lastName}, ${p.firstName}`}</a>{p.preferredName ? ` (${p.preferredName})` : ""}</td>
                  <td data-label={t("caseload.col.goal")}>{p.workGoal ?? <span className="muted">{t("caseload.noGoal")}</span>}</td>
                  {showSpecialist ? <td data-label={t("caseload.col.specialist")}>{p.specialistName}</td> : null}
                  <td data-label={t("caseload.col.updated")}>{formatDate(p.updatedAt, t.locale, "medium")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {caseload.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("common.pagination")}>
          {caseload.page > 1 ? <Link to={pageLink(caseload.page - 1)}>{t("common.previous")}</Link> : null}
          <span>{t("common.pageOf", { page: caseload.page, pageCount: caseload.pageCount })}</span>
          {caseload.page < caseload.pageCount ? <Link to={pageLink(caseload.page + 1)}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

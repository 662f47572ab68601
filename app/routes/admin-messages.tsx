import { Form, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/admin-messages";
import { listMessageQueue, retryMessage } from "../../src/domain/messages/delivery.server.ts";
import { QUEUE_VIEWS, queueViewSchema, retryMessageSchema } from "../../src/domain/messages/model.ts";
import { formatUtcDateTime } from "../../src/i18n/format.ts";
import { CsrfField } from "../components/forms.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** The administrators' view of the outbox (decision 0025): waiting, failed, withheld and sent messages, and "try again now". */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "manage", "program");
  const ctx = app(context);
  const params = new URL(request.url).searchParams;
  const { view } = queueViewSchema.parse({ view: params.get("view") ?? undefined });
  const queue = await listMessageQueue(ctx.db, actor, view, ctx.meta);
  if (!queue) throw notFound();
  return { view, ...queue, retried: params.has("retried") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "manage", "program");
  const ctx = app(context);
  const parsed = (await readForm(request)).parse(retryMessageSchema);
  if (!parsed.ok || !(await retryMessage(ctx.db, actor, parsed.data.messageId, ctx.meta))) throw notFound();
  return redirect("/admin/messages?retried=1");
}

export default function AdminMessages() {
  const t = useT();
  const { view, messages, counts, retried } = useLoaderData<typeof loader>();
  const mayRetry = view === "failed" || view === "withheld" || view === "queued";
  return (
    <div className="page">
      <title>{`${t("messages.admin.title")} · ${t("app.name")}`}</title>
      <h1>{t("messages.admin.title")}</h1>
      <p>{t("messages.admin.intro")}</p>
      {retried ? <p role="status" className="notice">{t("messages.admin.retried")}</p> : null}
      <p><Link to="/admin/messages/mailbox">{t("messages.admin.mailboxLink")}</Link></p>
      <nav aria-label={t("messages.admin.title")}>
        <ul className="tabs">
          {QUEUE_VIEWS.map((name) => (
            <li key={name}>
              <Link to={`/admin/messages?view=${name}`} aria-current={name === view ? "page" : undefined}>
                {`${t(`messages.admin.view.${name}`)} (${counts[name]})`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {messages.length === 0 ? <p>{t("messages.admin.none")}</p> : (
        <div className="table-wrap">
          <table className="responsive-table">
            <thead>
              <tr>
                <th scope="col">{t("messages.admin.col.created")}</th>
                <th scope="col">{t("messages.admin.col.kind")}</th>
                <th scope="col">{t("messages.admin.col.reader")}</th>
                <th scope="col">{t("messages.admin.col.channel")}</th>
                <th scope="col">{t("messages.admin.col.status")}</th>
                <th scope="col">{t("messages.admin.col.attempts")}</th>
                <th scope="col">{t("messages.admin.col.error")}</th>
                {mayRetry ? <th scope="col"><span className="visually-hidden">{t("messages.admin.retry")}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td data-label={t("messages.admin.col.created")}><time dateTime={m.createdAt}>{formatUtcDateTime(m.createdAt, t.locale, false)}</time></td>
                  <td data-label={t("messages.admin.col.kind")}>{t("messages.kind", { kind: m.kind })}</td>
                  <td data-label={t("messages.admin.col.reader")}>{t("messages.reader", { kind: m.readerKind, name: m.readerName })}</td>
                  <td data-label={t("messages.admin.col.channel")}>{t("messages.channel", { channel: m.channel })}</td>
                  <td data-label={t("messages.admin.col.status")}>{t("messages.status", { status: m.status })}</td>
                  <td data-label={t("messages.admin.col.attempts")}>{m.attempts}</td>
                  <td data-label={t("messages.admin.col.error")}>{m.lastError ?? t("common.none")}</td>
                  {mayRetry ? (
                    <td>
                      {m.status === "sending" || m.status === "cancelled" || m.status === "withheld_no_channel" ? null : (
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="messageId" value={m.id} />
                          <button type="submit" className="secondary">{t("messages.admin.retry")}</button>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

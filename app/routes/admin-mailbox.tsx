import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/admin-mailbox";
import { listDevelopmentMailbox } from "../../src/domain/messages/delivery.server.ts";
import { formatUtcDateTime } from "../../src/i18n/format.ts";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * With no SMTP server or text provider configured (the demo, development), messages
 * are delivered here: every email and text as it would have been sent (decision 0025).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "manage", "program");
  const ctx = app(context);
  const messages = await listDevelopmentMailbox(ctx.db, actor, ctx.meta);
  if (!messages) throw notFound();
  return { messages };
}

export default function AdminMailbox() {
  const t = useT();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("messages.mailbox.title")} · ${t("app.name")}`}</title>
      <p><Link to="/admin/messages">{t("messages.admin.title")}</Link></p>
      <h1>{t("messages.mailbox.title")}</h1>
      <p>{t("messages.mailbox.intro")}</p>
      {messages.length === 0 ? <p>{t("messages.mailbox.none")}</p> : messages.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`message-${m.id}`}>
          <h2 id={`message-${m.id}`}>{m.rendered?.subject || t("messages.kind", { kind: m.kind })}</h2>
          <dl className="summary">
            <dt>{t("messages.mailbox.to")}</dt>
            <dd>{`${t("messages.reader", { kind: m.readerKind, name: m.readerName })} · ${m.rendered?.to ?? ""}`}</dd>
            <dt>{t("messages.admin.col.channel")}</dt>
            <dd>{t("messages.channel", { channel: m.channel })}</dd>
            <dt>{t("messages.admin.col.created")}</dt>
            <dd>{m.sentAt ? <time dateTime={m.sentAt}>{formatUtcDateTime(m.sentAt, t.locale, false)}</time> : null}</dd>
          </dl>
          <pre className="prose">{m.rendered?.text ?? ""}</pre>
        </article>
      ))}
    </div>
  );
}

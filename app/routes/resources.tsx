import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/resources";
import { resourceInputSchema } from "../../src/domain/resources/model.ts";
import { createResource, listResources } from "../../src/domain/resources/resources.server.ts";
import { mayKeepResources } from "../../src/domain/resources/policy.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField } from "../components/forms.tsx";
import { ResourceDetails, ResourceFields } from "../components/resource-parts.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const NOTICES = ["created", "saved", "retiredNotice"] as const;

/** The program's resource directory (issue 15): every staff member reads it and can print it; specialists and administrators keep it. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const done = new URL(request.url).searchParams.get("done");
  return { resources: await listResources(app(context).db, actor), canKeep: mayKeepResources(actor), notice: NOTICES.find((n) => n === done) ?? null };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, resourceInputSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await createResource(ctx.db, actor, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/resources?done=created#resource-${result.resource.id}`);
}

export default function ResourcesPage() {
  const t = useT();
  const { resources, canKeep, notice } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const active = resources.filter((r) => r.retiredAt === null);
  const retired = resources.filter((r) => r.retiredAt !== null);
  const entry = (r: (typeof resources)[number]) => (
    <li key={r.id} id={`resource-${r.id}`} className="card resource-entry">
      <h3>{r.name}</h3>
      {r.retiredAt ? <p>{t("resource.retired", { date: formatDate(r.retiredAt.slice(0, 10), t.locale) })}</p> : null}
      <p className="pre-line">{r.description}</p>
      <ResourceDetails t={t} resource={r} staff />
      {canKeep ? <p className="no-print"><Link to={`/resources/${r.id}`}>{t("resource.edit.link", { name: r.name })}</Link></p> : null}
    </li>
  );
  return (
    <div className="page">
      <title>{`${t("resource.title")} · ${t("app.name")}`}</title>
      <h1>{t("resource.title")}</h1>
      {notice ? <p className="notice no-print" role="status">{t(`resource.${notice}`)}</p> : null}
      <p>{t("resource.intro")}</p>
      <p className="hint no-print">{t("resource.print")}</p>
      <p className="no-print"><Link to="/families">{t("families.introduce.link")}</Link></p>
      {resources.length === 0 ? <p>{t("resource.none")}</p> : null}
      {active.length > 0 ? (
        <section aria-labelledby="resources-active">
          <h2 id="resources-active">{t("resource.active.heading")}</h2>
          <ul className="plain-list" data-testid="resources-active">{active.map(entry)}</ul>
        </section>
      ) : null}
      {retired.length > 0 ? (
        <section aria-labelledby="resources-retired" className="no-print">
          <h2 id="resources-retired">{t("resource.retired.heading")}</h2>
          <ul className="plain-list">{retired.map(entry)}</ul>
        </section>
      ) : null}
      {canKeep ? (
        <section aria-labelledby="add-resource" className="no-print">
          <details className="disclosure" open={!!problem || resources.length === 0}>
            <summary><h2 id="add-resource">{t("resource.add.heading")}</h2></summary>
            <Form method="post" noValidate>
              <CsrfField />
              <ResourceFields t={t} resource={null} errors={problem?.errors} values={problem?.values} />
              <p><button type="submit" disabled={busy}>{t("resource.add.submit")}</button></p>
            </Form>
          </details>
        </section>
      ) : null}
    </div>
  );
}

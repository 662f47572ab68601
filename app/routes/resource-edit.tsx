import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/resource-edit";
import { resourceRetireSchema, resourceUpdateSchema, type Resource } from "../../src/domain/resources/model.ts";
import { getResource, retireResource, updateResource } from "../../src/domain/resources/resources.server.ts";
import { CsrfField } from "../components/forms.tsx";
import { ResourceDetails, ResourceFields } from "../components/resource-parts.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

interface Problem { errors: Record<string, string>; values: Record<string, string>; current?: Resource }

/** Editing or retiring one resource of the directory, over the version the person started from. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const resource = await getResource(app(context).db, actor, params.resourceId);
  if (!resource) throw notFound();
  return { resource };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  if (form.get("intent") === "retire") {
    const parsed = form.parse(resourceRetireSchema);
    if (!parsed.ok) return data<Problem>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await retireResource(ctx.db, actor, params.resourceId, parsed.data.version, ctx.meta);
    if (result.ok) return redirect("/resources?done=retiredNotice");
    if (result.reason === "conflict") return data<Problem>({ errors: {}, values: {}, current: result.current }, { status: 409 });
    throw notFound();
  }
  const parsed = form.parse(resourceUpdateSchema);
  if (!parsed.ok) return data<Problem>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateResource(ctx.db, actor, params.resourceId, parsed.data, ctx.meta);
  if (result.ok) return redirect(`/resources?done=saved#resource-${result.resource.id}`);
  if (result.reason === "conflict") return data<Problem>({ errors: {}, values: parsed.values, current: result.current }, { status: 409 });
  throw notFound();
}

export default function ResourceEditPage() {
  const t = useT();
  const { resource } = useLoaderData<typeof loader>();
  const problem = useActionData<Problem>();
  const busy = useNavigation().state === "submitting";
  const shown = problem?.current ?? resource;
  const title = t("resource.edit.title", { name: resource.name });
  return (
    <div className="page page--narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p><Link to="/resources">{t("resource.back")}</Link></p>
      <h1>{title}</h1>
      {problem?.current ? (
        <div className="conflict" data-testid="resource-conflict">
          <div className="form-error" role="alert"><p>{t("resource.conflict")}</p></div>
          <ResourceDetails t={t} resource={problem.current} staff />
        </div>
      ) : null}
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={shown.version} />
        <ResourceFields t={t} resource={resource} errors={problem?.errors} values={problem && Object.keys(problem.values).length > 0 ? problem.values : undefined} />
        <p><button type="submit" disabled={busy}>{t("resource.edit.submit")}</button></p>
      </Form>
      {resource.retiredAt === null ? (
        <section aria-labelledby="retire-heading">
          <h2 id="retire-heading">{t("resource.retire.heading")}</h2>
          <p>{t("resource.retire.hint")}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="retire" />
            <input type="hidden" name="version" value={shown.version} />
            <p><button type="submit" className="danger" disabled={busy}>{t("resource.retire.submit")}</button></p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

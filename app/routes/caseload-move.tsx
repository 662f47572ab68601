import { Form, Link, data, redirect, useActionData, useLoaderData, useLocation, useNavigation } from "react-router";
import type { Route } from "./+types/caseload-move";
import { caseloadMoveSchema } from "../../src/domain/caseload/model.ts";
import { caseloadToMove, moveCaseload } from "../../src/domain/caseload/move.server.ts";
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, SelectField } from "../components/forms.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** Moving a specialist's participants to another specialist: an administrator, or the supervisor of their team. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const caseload = await caseloadToMove(ctx.db, actor, params.id, ctx.meta);
  if (!caseload) throw notFound();
  const moved = Number(new URL(request.url).searchParams.get("moved") ?? "0");
  return { caseload, moved: Number.isInteger(moved) && moved > 0 ? moved : 0 };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, caseloadMoveSchema);
  if (!form.ok) return data({ errors: form.errors, chosen: form.chosen, values: form.values }, { status: 400 });
  const result = await moveCaseload(ctx.db, actor, params.id, form.data, ctx.meta);
  if (result.ok) return redirect(`/admin/users/${params.id}/caseload?moved=${result.moved.length}`);
  if (result.reason === "not_found") throw notFound();
  const errors: Record<string, string> = result.reason === "invalid_target" ? { toSpecialistId: "caseloadMove.to.invalid" } : { participantIds: "caseloadMove.participants.stale" };
  return data({ errors, chosen: form.chosen, values: form.values }, { status: 422 });
}

export default function CaseloadMovePage() {
  const t = useT();
  const { caseload, moved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const location = useLocation();
  const { from, participants, receivers } = caseload;
  const labels = {
    toSpecialistId: t("caseloadMove.to.label"), which: t("caseloadMove.which.label"), participantIds: t("caseloadMove.participants.label"),
  };
  return (
    <div className="page">
      <title>{`${t("caseloadMove.title", { name: from.name })} · ${t("app.name")}`}</title>
      <h1>{t("caseloadMove.title", { name: from.name })}</h1>
      {moved > 0 ? <p className="notice" role="status">{t("caseloadMove.done", { count: moved, name: from.name })}</p> : null}
      {!from.active ? <p>{t("caseloadMove.deactivated", { name: from.name })}</p> : null}
      <p>{t("caseloadMove.intro")}</p>
      {participants.length === 0 ? (
        <p data-testid="caseload-empty">{t("caseloadMove.empty", { name: from.name })}</p>
      ) : receivers.length === 0 ? (
        <p>{t("caseloadMove.noReceivers")}</p>
      ) : (
        // Keyed by the visit: after a move the page is the same route, and without the key the browser kept the
        // last choices ("only the ones I tick", with nothing ticked now), so moving the rest failed. Fresh, as without JavaScript.
        <Form method="post" noValidate key={location.key}>
          <CsrfField />
          <ErrorSummary errors={result?.errors} labels={labels} />
          <SelectField name="toSpecialistId" label={labels.toSpecialistId} errors={result?.errors} defaultValue={result?.values.toSpecialistId ?? ""}
            options={[{ value: "", label: t("caseloadMove.to.choose") }, ...receivers.map((r) => ({ value: r.id, label: r.name }))]} />
          <RadioGroup name="which" label={labels.which} errors={result?.errors} defaultValue={result?.values.which ?? "all"}
            options={[{ value: "all", label: t("caseloadMove.which.all", { count: participants.length }) }, { value: "chosen", label: t("caseloadMove.which.chosen") }]} />
          <CheckboxGroup name="participantIds" label={labels.participantIds} hint={t("caseloadMove.participants.hint")} errors={result?.errors}
            checked={result?.chosen.participantIds ?? []}
            options={participants.map((p) => ({ value: p.id, label: p.status === "archived" ? t("caseloadMove.participant.archived", { name: participantDisplayName(p) }) : participantDisplayName(p) }))} />
          <p>{t("caseloadMove.follows")}</p>
          <button type="submit" disabled={busy}>{t("caseloadMove.submit")}</button>
        </Form>
      )}
      <p><Link to="/participants">{t("caseloadMove.toCaseload")}</Link></p>
    </div>
  );
}

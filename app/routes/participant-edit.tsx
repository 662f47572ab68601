import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/participant-edit";
import { participantUpdateSchema } from "../../src/domain/participants/model.ts";
import { changedFields, getParticipant, listAssignableSpecialists, updateParticipant } from "../../src/domain/participants/participants.server.ts";
import { CsrfField, ErrorSummary } from "../components/forms.tsx";
import {
  ParticipantFields, describeField, participantFormInput, participantLabels, participantValuesOf, type ParticipantValues,
} from "../components/participant-fields.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const view = await getParticipant(ctx.db, actor, params.id, ctx.meta);
  if (!view || !view.can.update) throw notFound();
  const specialists = await listAssignableSpecialists(ctx.db, actor);
  // The current specialist stays a choice even when the editor could not assign to them.
  if (!specialists.some((s) => s.id === view.participant.specialistId)) {
    specialists.unshift({ id: view.participant.specialistId, name: view.participant.specialistName });
  }
  return { participant: view.participant, specialists };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const values = participantValuesOf(form);
  const parsed = form.parse(participantUpdateSchema, (submitted) => participantFormInput(submitted, true));
  if (!parsed.ok) return data({ errors: parsed.errors, values, conflict: null }, { status: 400 });
  const result = await updateParticipant(ctx.db, actor, params.id, parsed.data, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}?done=saved`);
  if (result.reason === "not_found") throw notFound();
  if (result.reason === "invalid_specialist") return data({ errors: { specialistId: "participant.specialistId.invalid" }, values, conflict: null }, { status: 400 });
  // Saved meanwhile by someone else: nothing written; show both versions and keep what this person typed.
  const fields = changedFields(result.current, parsed.data);
  const conflict = {
    version: result.current.version,
    rows: fields.map((field) => ({ field, mine: parsed.data[field], theirs: result.current[field] })),
  };
  return data({ errors: {}, values, conflict }, { status: 409 });
}

export default function EditParticipant() {
  const t = useT();
  const { participant, specialists } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const labels = participantLabels(t);
  const conflict = result?.conflict ?? null;
  const values: ParticipantValues = result?.values ?? participant;
  const version = conflict?.version ?? participant.version;
  return (
    <div className="page page--narrow">
      <title>{`${t("participant.edit.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("participant.edit.title", { name })}</h1>

      {conflict ? (
        <section className="form-error conflict" role="alert" aria-labelledby="conflict-heading" tabIndex={-1}>
          <h2 id="conflict-heading">{t("participant.conflict.heading")}</h2>
          <p>{t("participant.conflict.intro")}</p>
          {conflict.rows.length > 0 ? (
            <div className="table-wrap">
              <table className="responsive-table" data-testid="conflict">
                <caption>{t("participant.conflict.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("participant.conflict.field")}</th>
                    <th scope="col">{t("participant.conflict.mine")}</th>
                    <th scope="col">{t("participant.conflict.theirs")}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflict.rows.map((row) => (
                    <tr key={row.field} data-field={row.field}>
                      <th scope="row">{labels[row.field]}</th>
                      <td data-label={t("participant.conflict.mine")}>{describeField(t, row.field, row.mine)}</td>
                      <td data-label={t("participant.conflict.theirs")}>{describeField(t, row.field, row.theirs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <p><a href={`/participants/${participant.id}`}>{t("participant.conflict.keepTheirs")}</a></p>
        </section>
      ) : null}

      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate key={`${version}-${conflict ? "conflict" : "edit"}`}>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <ParticipantFields t={t} values={values} errors={result?.errors} specialists={specialists} />
        <button type="submit" disabled={busy}>{conflict ? t("participant.conflict.saveMine") : t("participant.edit.submit")}</button>
      </Form>
    </div>
  );
}

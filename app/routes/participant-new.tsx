import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/participant-new";
import { participantInputSchema } from "../../src/domain/participants/model.ts";
import { createParticipant, listAssignableSpecialists } from "../../src/domain/participants/participants.server.ts";
import { CsrfField, ErrorSummary } from "../components/forms.tsx";
import { ParticipantFields, participantFormInput, participantLabels, participantValuesOf } from "../components/participant-fields.tsx";
import { app, requirePermission } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "create", "participant");
  const specialists = await listAssignableSpecialists(app(context).db, actor);
  // A specialist's own name comes first: new participants land on their caseload unless they choose otherwise.
  specialists.sort((a, b) => Number(b.id === actor.userId) - Number(a.id === actor.userId));
  return { specialists };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "create", "participant");
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(participantInputSchema, (submitted) => participantFormInput(submitted));
  if (!parsed.ok) return data({ errors: parsed.errors, values: participantValuesOf(form) }, { status: 400 });
  const result = await createParticipant(ctx.db, actor, parsed.data, ctx.meta);
  if (!result.ok) return data({ errors: { specialistId: "participant.specialistId.invalid" }, values: participantValuesOf(form) }, { status: 400 });
  return redirect(`/participants/${result.participant.id}?done=created`);
}

export default function NewParticipant() {
  const t = useT();
  const { specialists } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page page--narrow">
      <title>{`${t("participant.new.title")} · ${t("app.name")}`}</title>
      <p><Link to="/participants">{t("participant.back")}</Link></p>
      <h1>{t("participant.new.title")}</h1>
      <p>{t("participant.new.intro")}</p>
      <ErrorSummary errors={result?.errors} labels={participantLabels(t)} />
      <Form method="post" noValidate>
        <CsrfField />
        <ParticipantFields t={t} values={result?.values ?? {}} errors={result?.errors} specialists={specialists} />
        <button type="submit" disabled={busy}>{t("participant.new.submit")}</button>
      </Form>
    </div>
  );
}

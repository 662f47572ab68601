import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/families";
import { familyIntroductionSchema } from "../../src/domain/families/model.ts";
import { introduceFamilies, listIntroductionCandidates } from "../../src/domain/families/families.server.ts";
import { CsrfField, ErrorSummary, SelectField, TextArea } from "../components/forms.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";
import { IntroductionList } from "./participant-families.tsx";

/** "Introduce families" (decision 0044): two support persons of two participants, each of the four having agreed. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const view = await listIntroductionCandidates(app(context).db, actor);
  return { ...view, done: new URL(request.url).searchParams.has("introduced") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await parseForm(request, familyIntroductionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refused: null }, { status: 400 });
  const result = await introduceFamilies(ctx.db, actor, form.data, ctx.meta);
  if (result.ok) return redirect("/families?introduced=1");
  if (result.reason === "not_found") throw notFound();
  return data({ errors: {}, values: form.values, refused: result.reason }, { status: 422 });
}

export default function FamiliesPage() {
  const t = useT();
  const { candidates, introductions, done } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> | undefined = problem?.errors;
  const labels = { firstSupportPersonId: t("families.introduce.first"), secondSupportPersonId: t("families.introduce.second"), note: t("families.introduce.note") };
  const options = [{ value: "", label: "" }, ...candidates.map((c) => ({ value: c.supportPersonId, label: t("families.introduce.candidate", { name: c.name, participant: c.participantName }) }))];
  const twoParticipants = new Set(candidates.map((c) => c.participantId)).size >= 2;
  return (
    <div className="page">
      <title>{`${t("families.introduce.title")} · ${t("app.name")}`}</title>
      <h1>{t("families.introduce.title")}</h1>
      {done ? <p className="notice" role="status">{t("families.introduce.done")}</p> : null}
      <p>{t("families.introduce.intro")}</p>
      {!twoParticipants ? <p>{t("families.introduce.none")}</p> : (
        <Form method="post" noValidate className="no-print">
          <CsrfField />
          <ErrorSummary errors={errors} labels={labels} />
          {problem?.refused ? <div className="form-error" role="alert"><p>{t(`families.introduce.refused.${problem.refused}`)}</p></div> : null}
          <SelectField name="firstSupportPersonId" label={labels.firstSupportPersonId} errors={errors} options={options} defaultValue={problem?.values.firstSupportPersonId ?? null} />
          <SelectField name="secondSupportPersonId" label={labels.secondSupportPersonId} errors={errors} options={options} defaultValue={problem?.values.secondSupportPersonId ?? null} />
          <TextArea name="note" label={labels.note} errors={errors} rows={2} maxLength={1000} defaultValue={problem?.values.note ?? null} />
          <p><button type="submit" disabled={busy}>{t("families.introduce.submit")}</button></p>
        </Form>
      )}
      <h2>{t("families.introduce.current")}</h2>
      <IntroductionList t={t} introductions={introductions} />
    </div>
  );
}

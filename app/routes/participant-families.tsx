import { data, Form, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/participant-families";
import { familyAgreementAnswerSchema, type FamilyAgreementView, type FamilyIntroductionView } from "../../src/domain/families/model.ts";
import { answerFamilyAgreement, readFamilies } from "../../src/domain/families/families.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CheckboxField, CsrfField } from "../components/forms.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** Families connecting on a participant's record (decision 0044): who agreed, recorded by staff, and the introductions of their supports. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await readFamilies(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  return { participant: access.participant, ...view, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, familyAgreementAnswerSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await answerFamilyAgreement(ctx.db, access, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/families?saved=1`);
}

function AgreementState({ t, agreement, shares }: { t: Translate; agreement: FamilyAgreementView | null; shares: boolean }) {
  if (!agreement) return <p>{t("families.record.notAgreed")}</p>;
  const by = agreement.agreedByKind === "staff" ? t("families.record.agreedBy.staff", { name: agreement.agreedByName ?? "" }) : t("families.record.agreedBy.self");
  const what = [t("families.record.share.name"), ...(agreement.sharePhone ? [t("families.record.share.phone")] : []), ...(agreement.shareEmail ? [t("families.record.share.email")] : [])];
  return (
    <>
      <p>{t("families.record.agreed", { date: formatDate(agreement.agreedAt.slice(0, 10), t.locale) })}, {by}</p>
      {shares ? <p>{t("families.record.shares", { what: what.join(", ") })}</p> : null}
    </>
  );
}

function AnswerForms({ t, subject, agreement, shares }: { t: Translate; subject: string; agreement: FamilyAgreementView | null; shares: boolean }) {
  return (
    <div className="actions no-print">
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="answer" value="yes" />
        {shares ? (
          <fieldset className="checkboxes">
            <CheckboxField name="sharePhone" prefix={subject} label={t("families.record.sharePhone")} defaultChecked={agreement?.sharePhone ?? false} />
            <CheckboxField name="shareEmail" prefix={subject} label={t("families.record.shareEmail")} defaultChecked={agreement?.shareEmail ?? false} />
          </fieldset>
        ) : null}
        {agreement && !shares ? null : <button type="submit" className="secondary">{agreement ? t("families.record.update") : t("families.record.agree")}</button>}
      </Form>
      {agreement ? (
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="subject" value={subject} />
          <input type="hidden" name="answer" value="stop" />
          <button type="submit" className="secondary">{t("families.record.withdraw")}</button>
        </Form>
      ) : null}
    </div>
  );
}

export function IntroductionList({ t, introductions }: { t: Translate; introductions: FamilyIntroductionView[] }) {
  if (introductions.length === 0) return <p>{t("families.record.introductions.none")}</p>;
  return (
    <ul data-testid="family-introductions">
      {introductions.map((i) => (
        <li key={i.id}>{t("families.introduction.line", { first: i.first.name, second: i.second.name, date: formatDate(i.introducedAt.slice(0, 10), t.locale) })}</li>
      ))}
    </ul>
  );
}

export default function ParticipantFamiliesPage() {
  const t = useT();
  const { participant, participantAgreement, people, introductions, canRecord, saved } = useLoaderData<typeof loader>();
  const name = participantDisplayName(participant);
  const title = t("families.record.title", { name });
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {saved ? <p className="notice" role="status">{t("families.record.saved")}</p> : null}
      <p>{t("families.record.intro")}</p>
      <p className="no-print"><Link to="/families">{t("families.introduce.link")}</Link></p>
      <ul className="plain-list">
        <li className="card" data-testid="family-agreement-participant">
          <h2>{t("families.record.participant", { name })}</h2>
          <AgreementState t={t} agreement={participantAgreement} shares={false} />
          {canRecord ? <AnswerForms t={t} subject="participant" agreement={participantAgreement} shares={false} /> : null}
        </li>
        {people.map((p) => (
          <li key={p.supportPersonId} className="card" data-testid={`family-agreement-${p.supportPersonId}`}>
            <h2>{p.name}</h2>
            <AgreementState t={t} agreement={p.agreement} shares />
            {canRecord ? <AnswerForms t={t} subject={p.supportPersonId} agreement={p.agreement} shares /> : null}
          </li>
        ))}
      </ul>
      <h2>{t("families.record.introductions")}</h2>
      <IntroductionList t={t} introductions={introductions} />
    </div>
  );
}

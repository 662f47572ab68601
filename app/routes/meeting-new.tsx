import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/meeting-new";
import { listConcerns } from "../../src/domain/concerns/concerns.server.ts";
import { CONCERN_TYPES, type Concern, type ConcernType } from "../../src/domain/concerns/model.ts";
import { concernTypesToPrepare } from "../../src/domain/concerns/talking-points.ts";
import { MEETING_KINDS, MEETING_STEPS, defaultMeetingDisclosure, meetingInputSchema, type MeetingKind } from "../../src/domain/meetings/model.ts";
import { createMeeting, invitableSupports, listMeetings } from "../../src/domain/meetings/meetings.server.ts";
import { CsrfField, ErrorSummary } from "../components/forms.tsx";
import { MeetingFormFields, meetingFieldLabels } from "../components/meeting-form.tsx";
import { TalkingPoints, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { translator, type Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { meetingFormInput, meetingFormValues } from "../lib/meeting-form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await listMeetings(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const { invitable, notInvitable } = await invitableSupports(ctx.db, access);
  // Read with the meetings list above, which authorized and audited this page's read.
  const concerns = await listConcerns(ctx.db, access);
  const query = new URL(request.url).searchParams;
  const kind = query.get("kind");
  const t = translator(access.actor.locale);
  const meetingKind = MEETING_KINDS.includes(kind as MeetingKind) ? (kind as MeetingKind) : "support";
  return {
    participant: view.participant,
    openConcerns: concerns.filter((c) => c.status !== "resolved").map((c) => ({ id: c.id, type: c.type, description: c.description })),
    prepare: concernTypesToPrepare(concerns, query.getAll("concern")),
    invitable: invitable.map((p) => ({ id: p.id, name: p.name, categories: p.categories, relationshipKind: p.relationshipKind, relationshipOther: p.relationshipOther, organization: p.organization })),
    notInvitable: notInvitable.map((p) => ({ id: p.id, name: p.name, reason: p.reason })),
    defaults: {
      kind: meetingKind,
      discloses: defaultMeetingDisclosure(meetingKind),
      agenda: MEETING_STEPS.map((s) => t(`meeting.step.${s}`)).join("\n"),
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, meetingInputSchema, meetingFormInput);
  if (!form.ok) return data({ errors: form.errors, values: meetingFormValues(form), refused: [] as string[] }, { status: 400 });
  const result = await createMeeting(ctx.db, access, form.data, ctx.meta);
  if (!result.ok && result.reason === "not_invitable") {
    return data({ errors: { inviteeIds: "meetings.new.notInvitable" }, values: meetingFormValues(form), refused: result.people }, { status: 422 });
  }
  if (!result.ok && result.reason === "past") {
    return data({ errors: { scheduledAt: "meeting.scheduledAt.past" }, values: meetingFormValues(form), refused: [] as string[] }, { status: 422 });
  }
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/meetings/${result.meeting.id}?planned=1`);
}

export default function MeetingNewPage() {
  const t = useT();
  const { participant, invitable, notInvitable, defaults, openConcerns, prepare } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const values = result?.values ?? {};
  const errors = result?.errors;
  const refusedNames = (result?.refused ?? []).map((id) => notInvitable.find((p) => p.id === id)?.name ?? id);
  return (
    <div className="page">
      <title>{`${t("meetings.new.title")} · ${name} · ${t("app.name")}`}</title>
      <h1>{t("meetings.new.title")}</h1>
      <p>{t("meetings.new.intro", { name })}</p>
      <ErrorSummary errors={errors} labels={meetingFieldLabels(t)} />
      {refusedNames.length ? <p className="form-error" role="alert">{t("meetings.new.refusedByContent", { names: refusedNames.join(", ") })}</p> : null}
      <PrepareTalkingPoints t={t} participantId={participant.id} name={name} prepare={prepare} openConcerns={openConcerns} />
      <Form method="post" noValidate>
        <CsrfField />
        <MeetingFormFields t={t} name={name} values={values} errors={errors} fallback={result ? null : defaults} invitable={invitable} notInvitable={notInvitable} />
        <div className="actions">
          <button type="submit" disabled={busy}>{t("meetings.new.submit")}</button>
          <Link to={`/participants/${participant.id}/meetings`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

/**
 * Talking points to read before the meeting: open for the kinds of concern still
 * open on the record (or named in ?concern=), folded for the other kinds.
 */
function PrepareTalkingPoints({ t, participantId, name, prepare, openConcerns }: {
  t: Translate; participantId: string; name: string; prepare: ConcernType[]; openConcerns: Pick<Concern, "id" | "type" | "description">[];
}) {
  const others = CONCERN_TYPES.filter((type) => !prepare.includes(type));
  return (
    <section aria-labelledby="prepare-heading" className="prepare no-print">
      <h2 id="prepare-heading">{t("meetings.new.prepare.heading")}</h2>
      <p className="hint">{prepare.length ? t("meetings.new.prepare.hint", { name }) : t("meetings.new.prepare.none", { name })}</p>
      {prepare.map((type) => {
        const onRecord = openConcerns.filter((c) => c.type === type);
        return (
          <details key={type} open data-concern-type={type} data-prepared="">
            <summary>{t(`concern.type.${type}`)}</summary>
            {onRecord.length ? (
              <>
                <p><strong>{t("meetings.new.prepare.onRecord", { name })}</strong></p>
                <ul>{onRecord.map((c) => <li key={c.id}>{c.description}</li>)}</ul>
              </>
            ) : null}
            <TalkingPoints t={t} type={type} participantId={participantId} headingLevel={4} />
          </details>
        );
      })}
      {others.length ? (
        <>
          <h3>{t("meetings.new.prepare.others")}</h3>
          {others.map((type) => (
            <details key={type} data-concern-type={type}>
              <summary>{t(`concern.type.${type}`)}</summary>
              <TalkingPoints t={t} type={type} participantId={participantId} headingLevel={4} />
            </details>
          ))}
        </>
      ) : null}
    </section>
  );
}

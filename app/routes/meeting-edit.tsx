import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/meeting-edit";
import { getMeeting, invitableSupports, updateMeeting } from "../../src/domain/meetings/meetings.server.ts";
import { meetingUpdateSchema, type Meeting } from "../../src/domain/meetings/model.ts";
import { CsrfField, ErrorSummary } from "../components/forms.tsx";
import { MeetingFormFields, meetingFieldLabels, type MeetingFormStart } from "../components/meeting-form.tsx";
import { formatMeetingTime, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { meetingFormInput, meetingFormValues } from "../lib/meeting-form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/** The meeting as the form starts from it: the stored wall clock back to what a datetime-local field shows. */
function startOf(meeting: Meeting): MeetingFormStart {
  return {
    kind: meeting.kind, discloses: meeting.discloses, agenda: meeting.agenda.join("\n"), title: meeting.title,
    scheduledAt: meeting.scheduledAt.slice(0, 16), durationMinutes: String(meeting.durationMinutes), place: meeting.place,
    refreshments: meeting.refreshments ?? "", seating: meeting.seating ?? "", separatePermission: meeting.separatePermission ?? "",
    inviteeIds: meeting.invitees.map((i) => i.supportPersonId),
  };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const view = await getMeeting(ctx.db, access, params.meetingId, ctx.meta);
  if (!view || !view.can.edit || view.meeting.status !== "planned") throw notFound();
  const { invitable, notInvitable } = await invitableSupports(ctx.db, access);
  // People already invited stay choices even when their consent changed: unticking them takes them off.
  const invitedElsewhere = view.meeting.invitees.filter((i) => !invitable.some((p) => p.id === i.supportPersonId));
  return {
    participant: view.participant,
    meeting: view.meeting,
    start: startOf(view.meeting),
    invitable: [
      ...invitable.map((p) => ({ id: p.id, name: p.name, categories: p.categories, relationshipKind: p.relationshipKind, relationshipOther: p.relationshipOther, organization: p.organization })),
      ...invitedElsewhere.map((i) => ({ id: i.supportPersonId, name: i.name, categories: [] })),
    ],
    notInvitable: notInvitable.filter((p) => !invitedElsewhere.some((i) => i.supportPersonId === p.id)).map((p) => ({ id: p.id, name: p.name, reason: p.reason })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, meetingUpdateSchema, meetingFormInput);
  const values = meetingFormValues(form);
  const fail = (status: number, errors: Record<string, string>, extra: { refused?: string[]; current?: Meeting; problem?: "meetings.edit.notChangeable" } = {}) =>
    data({ errors, values, refused: extra.refused ?? [], current: extra.current ?? null, problem: extra.problem ?? null }, { status });
  if (!form.ok) return fail(400, form.errors);
  const result = await updateMeeting(ctx.db, access, params.meetingId, form.data, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}/meetings/${params.meetingId}?changed=1`);
  switch (result.reason) {
    case "not_invitable": return fail(422, { inviteeIds: "meetings.new.notInvitable" }, { refused: result.people });
    case "past": return fail(422, { scheduledAt: "meeting.scheduledAt.past" });
    // Saved meanwhile by someone else: nothing written; both versions shown, what this person typed kept.
    case "conflict": return fail(409, {}, { current: result.current });
    case "not_changeable": return fail(409, {}, { problem: "meetings.edit.notChangeable" });
    default: throw notFound();
  }
}

export default function MeetingEditPage() {
  const t = useT();
  const { participant, meeting, start, invitable, notInvitable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const here = `/participants/${participant.id}/meetings/${meeting.id}`;
  const current = result?.current ?? null;
  const version = current?.version ?? meeting.version;
  const refusedNames = (result?.refused ?? []).map((id) => notInvitable.find((p) => p.id === id)?.name ?? id);
  return (
    <div className="page">
      <title>{`${t("meetings.edit.title", { title: meeting.title })} · ${name} · ${t("app.name")}`}</title>
      <p className="back-link"><Link to={here}>{t("meetings.run.back", { title: meeting.title })}</Link></p>
      <h1>{t("meetings.edit.title", { title: meeting.title })}</h1>
      <p>{t("meetings.edit.intro")}</p>
      {current ? (
        <section className="form-error conflict" role="alert" aria-labelledby="conflict-heading" data-testid="conflict">
          <h2 id="conflict-heading">{t("meetings.edit.conflict.heading")}</h2>
          <p>{t("meetings.edit.conflict.intro")}</p>
          <dl className="facts">
            <dt>{t("meetings.field.title")}</dt><dd>{current.title}</dd>
            <dt>{t("meetings.field.when")}</dt><dd>{formatMeetingTime(current.scheduledAt, t.locale)}</dd>
            <dt>{t("meetings.field.place")}</dt><dd>{current.place}</dd>
            <dt>{t("meetings.field.status")}</dt><dd>{t(`meeting.status.${current.status}`)}</dd>
            <dt>{t("meetings.invitees.heading")}</dt><dd>{current.invitees.map((i) => i.name).join(", ") || t("common.none")}</dd>
          </dl>
          <p><a href={here}>{t("meetings.edit.conflict.keepTheirs")}</a></p>
        </section>
      ) : null}
      {result?.problem ? <p className="form-error" role="alert">{t(result.problem)}</p> : null}
      <ErrorSummary errors={result?.errors} labels={meetingFieldLabels(t)} />
      {refusedNames.length ? <p className="form-error" role="alert">{t("meetings.new.refusedByContent", { names: refusedNames.join(", ") })}</p> : null}
      <Form method="post" noValidate key={`${version}-${current ? "conflict" : "edit"}`}>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <MeetingFormFields t={t} name={name} values={result?.values ?? {}} errors={result?.errors} fallback={result ? null : start}
          invitable={invitable} notInvitable={notInvitable} />
        <div className="actions">
          <button type="submit" disabled={busy}>{current ? t("meetings.edit.saveMine") : t("meetings.edit.submit")}</button>
          <Link to={here}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

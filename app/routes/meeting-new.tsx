import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/meeting-new";
import { listConcerns } from "../../src/domain/concerns/concerns.server.ts";
import { CONCERN_TYPES, type Concern, type ConcernType } from "../../src/domain/concerns/model.ts";
import { concernTypesToPrepare } from "../../src/domain/concerns/talking-points.ts";
import { MEETING_KINDS, MEETING_STEPS, defaultMeetingDisclosure, meetingInputSchema, type MeetingKind } from "../../src/domain/meetings/model.ts";
import { createMeeting, invitableSupports, listMeetings } from "../../src/domain/meetings/meetings.server.ts";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type Errors } from "../components/forms.tsx";
import { MeetingDisclosesFields, ParticipantSections, TalkingPoints, shortName } from "../components/meetings.tsx";
import meetingStyles from "../components/meetings.css?url";
import { translator, type Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { parseForm, type SubmittedForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

const DURATIONS = ["30", "45", "60", "90", "120"] as const;

type Values = Record<string, string | string[]>;

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
    invitable: invitable.map((p) => ({ id: p.id, name: p.name, categories: p.categories })),
    notInvitable: notInvitable.map((p) => ({ id: p.id, name: p.name, reason: p.reason })),
    defaults: {
      kind: meetingKind,
      discloses: defaultMeetingDisclosure(meetingKind),
      agenda: MEETING_STEPS.map((s) => t(`meeting.step.${s}`)).join("\n"),
    },
  };
}

/** The agenda is typed one point a line; the schema takes a list. */
function formInput(form: SubmittedForm) {
  const text = (name: string) => form.get(name) ?? "";
  return {
    kind: text("kind"),
    title: text("title"),
    scheduledAt: text("scheduledAt"),
    durationMinutes: text("durationMinutes"),
    place: text("place"),
    inviteeIds: form.getAll("inviteeIds"),
    refreshments: text("refreshments"),
    seating: text("seating"),
    agenda: text("agenda").split(/\r?\n/).map((line) => line.trim()),
    separatePermission: text("separatePermission"),
    checkedWithParticipant: form.get("checkedWithParticipant") === "on",
    discloses: form.getAll("discloses").map(String),
    confirmSubstanceUse: form.get("confirmSubstanceUse") === "on",
  };
}

function valuesOf(form: { values: Record<string, string>; chosen: Record<string, string[]> }): Values {
  return { ...form.values, inviteeIds: form.chosen.inviteeIds ?? [], discloses: form.chosen.discloses ?? [] };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, meetingInputSchema, formInput);
  if (!form.ok) return data({ errors: form.errors, values: valuesOf(form), refused: [] as string[] }, { status: 400 });
  const result = await createMeeting(ctx.db, access, form.data, ctx.meta);
  if (!result.ok && result.reason === "not_invitable") {
    return data({ errors: { inviteeIds: "meetings.new.notInvitable" }, values: valuesOf(form), refused: result.people }, { status: 422 });
  }
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/meetings/${result.meeting.id}?planned=1`);
}

function labelsOf(t: Translate): Record<string, string> {
  return {
    kind: t("meetings.field.kind"),
    title: t("meetings.field.title"),
    scheduledAt: t("meetings.field.when"),
    durationMinutes: t("meetings.field.duration"),
    place: t("meetings.field.place"),
    refreshments: t("meetings.field.refreshments"),
    seating: t("meetings.field.seating"),
    agenda: t("meetings.field.agenda"),
    inviteeIds: t("meetings.field.invitees"),
    separatePermission: t("meetings.field.separatePermission"),
    confirmSubstanceUse: t("meetings.discloses.legend"),
  };
}

export default function MeetingNewPage() {
  const t = useT();
  const { participant, invitable, notInvitable, defaults, openConcerns, prepare } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const name = shortName(participant);
  const values = result?.values ?? {};
  const value = (key: string, fallback = "") => (typeof values[key] === "string" ? (values[key] as string) : result ? "" : fallback);
  const chosen = Array.isArray(values.inviteeIds) ? values.inviteeIds : [];
  const discloses = result ? (Array.isArray(values.discloses) ? values.discloses : []) : defaults.discloses;
  const errors = result?.errors;
  const refusedNames = (result?.refused ?? []).map((id) => notInvitable.find((p) => p.id === id)?.name ?? id);
  return (
    <div className="page">
      <title>{`${t("meetings.new.title")} · ${name} · ${t("app.name")}`}</title>
      <ParticipantSections t={t} participantId={participant.id} name={name} current="meetings" />
      <h1>{t("meetings.new.title")}</h1>
      <p>{t("meetings.new.intro", { name })}</p>
      <ErrorSummary errors={errors} labels={labelsOf(t)} />
      {refusedNames.length ? <p className="form-error" role="alert">{t("meetings.new.refusedByContent", { names: refusedNames.join(", ") })}</p> : null}
      <PrepareTalkingPoints t={t} participantId={participant.id} name={name} prepare={prepare} openConcerns={openConcerns} />
      <Form method="post" noValidate>
        <CsrfField />
        <SelectField name="kind" label={t("meetings.field.kind")} errors={errors} defaultValue={value("kind", defaults.kind)}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meeting.kind.${k}`) }))} hint={t("meetings.field.kind.hint")} />
        <TextField name="title" label={t("meetings.field.title")} errors={errors} defaultValue={value("title")} hint={t("meetings.field.title.hint")} required />
        <DateTimeField name="scheduledAt" label={t("meetings.field.when")} hint={t("meetings.field.when.hint")} errors={errors} defaultValue={value("scheduledAt")} />
        <SelectField name="durationMinutes" label={t("meetings.field.duration")} errors={errors} defaultValue={value("durationMinutes", "60")}
          options={DURATIONS.map((d) => ({ value: d, label: t("meetings.duration.minutes", { count: Number(d) }) }))} />
        <TextField name="place" label={t("meetings.field.place")} errors={errors} defaultValue={value("place")} hint={t("meetings.field.place.hint")} required />
        <TextField name="refreshments" label={t("meetings.field.refreshments")} errors={errors} defaultValue={value("refreshments")} hint={t("meetings.field.refreshments.hint")} />
        <TextField name="seating" label={t("meetings.field.seating")} errors={errors} defaultValue={value("seating", t("meetings.field.seating.default"))} hint={t("meetings.field.seating.hint")} />
        <TextArea name="agenda" label={t("meetings.field.agenda")} errors={errors} defaultValue={value("agenda", defaults.agenda)} hint={t("meetings.field.agenda.hint")} rows={7} />
        <MeetingDisclosesFields t={t} checked={discloses} errors={errors} confirmed={values.confirmSubstanceUse === "on"} />

        <fieldset className="field" id="field-inviteeIds" aria-describedby={errors?.inviteeIds ? "inviteeIds-error" : "inviteeIds-hint"}>
          <legend>{t("meetings.field.invitees")}</legend>
          <p id="inviteeIds-hint" className="hint">{t("meetings.field.invitees.hint")}</p>
          {errors?.inviteeIds ? <p id="inviteeIds-error" className="field-error">{t(errors.inviteeIds as "meetings.new.notInvitable")}</p> : null}
          {invitable.length === 0 ? <p>{t("meetings.new.noneInvitable")}</p> : null}
          {invitable.map((p) => (
            <div className="checkbox" key={p.id}>
              <input type="checkbox" id={`invitee-${p.id}`} name="inviteeIds" value={p.id} defaultChecked={chosen.includes(p.id)} />
              <label htmlFor={`invitee-${p.id}`}>{p.name}</label>
              <span className="hint"> ({t("meetings.new.mayBeShown", { categories: p.categories.map((c) => t(`consent.category.${c}`)).join(", ") })})</span>
            </div>
          ))}
          {notInvitable.length ? (
            <div className="unavailable" data-testid="not-invitable">
              <p>{t("meetings.new.notInvitable.heading")}</p>
              <ul>
                {notInvitable.map((p) => (
                  <li key={p.id} data-person-id={p.id}>{p.name}: {t(`meetings.new.reason.${p.reason}`)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </fieldset>

        <TextArea name="separatePermission" label={t("meetings.field.separatePermission")} errors={errors} defaultValue={value("separatePermission")}
          hint={t("meetings.field.separatePermission.hint", { name })} rows={2} />
        <div className="field">
          <div className="checkbox">
            <input type="checkbox" id="field-checkedWithParticipant" name="checkedWithParticipant" defaultChecked={values.checkedWithParticipant === "on"} />
            <label htmlFor="field-checkedWithParticipant">{t("meetings.field.checkedWithParticipant", { name })}</label>
          </div>
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>{t("meetings.new.submit")}</button>
          <Link to={`/participants/${participant.id}/meetings`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

/** A date and time picker; browsers without one accept YYYY-MM-DDTHH:MM typed in. */
function DateTimeField(props: { name: string; label: string; hint: string; errors: Errors; defaultValue: string }) {
  const t = useT();
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{props.label}<span aria-hidden="true"> *</span></label>
      <p id={`${id}-hint`} className="hint">{props.hint}</p>
      {error ? <p id={`${id}-error`} className="field-error">{t(error as "meeting.scheduledAt.invalid")}</p> : null}
      <input id={id} name={props.name} type="datetime-local" defaultValue={props.defaultValue} required
        aria-invalid={error ? true : undefined} aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")} />
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

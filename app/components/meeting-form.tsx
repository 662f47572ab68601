import { SelectField, TextArea, TextField, type Errors } from "./forms.tsx";
import { MeetingDisclosesFields } from "./meetings.tsx";
import { MEETING_KINDS } from "../../src/domain/meetings/model.ts";
import type { ConsentCategory } from "../../src/domain/consent/model.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { isProfessional, type RelationshipKind } from "../../src/domain/network/vocabulary.ts";
import { relationshipLabel } from "./support-person-fields.tsx";

/** How an invitee is connected: a professional is listed with their role and organization. */
type RelationshipFacts = { relationshipKind: RelationshipKind; relationshipOther: string | null; organization: string | null };

/** The fields of a meeting, as planned and as edited (one form, two pages). */

const DURATIONS = ["30", "45", "60", "90", "120"] as const;

export type MeetingFormValues = Record<string, string | string[]>;

/** What the form starts from: a new meeting's defaults, or the meeting as it is. */
export interface MeetingFormStart {
  kind: string;
  discloses: readonly ConsentCategory[];
  agenda: string;
  title?: string;
  scheduledAt?: string;
  durationMinutes?: string;
  place?: string;
  refreshments?: string;
  seating?: string;
  separatePermission?: string;
  inviteeIds?: readonly string[];
}

export function meetingFieldLabels(t: Translate): Record<string, string> {
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


export function MeetingFormFields({ t, name, values, errors, fallback, invitable, notInvitable }: {
  t: Translate;
  name: string;
  /** What was sent, after a refused submit. */
  values: MeetingFormValues;
  errors: Errors;
  /** The start values; null once something was sent (then `values` fill the form). */
  fallback: MeetingFormStart | null;
  invitable: readonly ({ id: string; name: string; categories: readonly ConsentCategory[] } & Partial<RelationshipFacts>)[];
  notInvitable: readonly { id: string; name: string; reason: "no_meeting_consent" | "do_not_contact" | "not_covered" | "unreviewed" }[];
}) {
  const value = (key: keyof MeetingFormStart & string, start = "") => {
    const sent = values[key];
    if (typeof sent === "string") return sent;
    if (!fallback) return "";
    const given = fallback[key];
    return typeof given === "string" ? given : start;
  };
  const chosen = fallback ? [...(fallback.inviteeIds ?? [])] : Array.isArray(values.inviteeIds) ? values.inviteeIds : [];
  const discloses = fallback ? [...fallback.discloses] : Array.isArray(values.discloses) ? values.discloses : [];
  return (
    <>
        <SelectField name="kind" label={t("meetings.field.kind")} errors={errors} defaultValue={value("kind")}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meeting.kind.${k}`) }))} hint={t("meetings.field.kind.hint")} />
        <TextField name="title" label={t("meetings.field.title")} errors={errors} defaultValue={value("title")} hint={t("meetings.field.title.hint")} required />
        <DateTimeField t={t} name="scheduledAt" label={t("meetings.field.when")} hint={t("meetings.field.when.hint")} errors={errors} defaultValue={value("scheduledAt")} />
        <SelectField name="durationMinutes" label={t("meetings.field.duration")} errors={errors} defaultValue={value("durationMinutes", "60")}
          options={DURATIONS.map((d) => ({ value: d, label: t("meetings.duration.minutes", { count: Number(d) }) }))} />
        <TextField name="place" label={t("meetings.field.place")} errors={errors} defaultValue={value("place")} hint={t("meetings.field.place.hint")} required />
        <TextField name="refreshments" label={t("meetings.field.refreshments")} errors={errors} defaultValue={value("refreshments")} hint={t("meetings.field.refreshments.hint")} />
        <TextField name="seating" label={t("meetings.field.seating")} errors={errors} defaultValue={value("seating", t("meetings.field.seating.default"))} hint={t("meetings.field.seating.hint")} />
        <TextArea name="agenda" label={t("meetings.field.agenda")} errors={errors} defaultValue={value("agenda")} hint={t("meetings.field.agenda.hint")} rows={7} />
        <MeetingDisclosesFields t={t} checked={discloses} errors={errors} confirmed={values.confirmSubstanceUse === "on"} />

        <fieldset className="field" id="field-inviteeIds" aria-describedby={errors?.inviteeIds ? "inviteeIds-error" : "inviteeIds-hint"}>
          <legend>{t("meetings.field.invitees")}</legend>
          <p id="inviteeIds-hint" className="hint">{t("meetings.field.invitees.hint")}</p>
          {errors?.inviteeIds ? <p id="inviteeIds-error" className="field-error">{t(errors.inviteeIds as "meetings.new.notInvitable")}</p> : null}
          {invitable.length === 0 ? <p>{t("meetings.new.noneInvitable")}</p> : null}
          {invitable.map((p) => (
            <div className="checkbox" key={p.id}>
              <input type="checkbox" id={`invitee-${p.id}`} name="inviteeIds" value={p.id} defaultChecked={chosen.includes(p.id)} />
              <label htmlFor={`invitee-${p.id}`}>{p.name}{p.relationshipKind && isProfessional(p.relationshipKind) ? ` — ${relationshipLabel({ ...p, relationshipKind: p.relationshipKind, relationshipOther: p.relationshipOther ?? null }, t)}` : null}</label>
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
    </>
  );
}

/** A date and time picker; browsers without one accept YYYY-MM-DDTHH:MM typed in. */
function DateTimeField(props: { t: Translate; name: string; label: string; hint: string; errors: Errors; defaultValue: string }) {
    const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{props.label}<span aria-hidden="true"> *</span></label>
      <p id={`${id}-hint`} className="hint">{props.hint}</p>
      {error ? <p id={`${id}-error`} className="field-error">{props.t(error as "meeting.scheduledAt.invalid")}</p> : null}
      <input id={id} name={props.name} type="datetime-local" defaultValue={props.defaultValue} required
        aria-invalid={error ? true : undefined} aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")} />
    </div>
  );
}


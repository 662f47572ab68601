import type { EditableField, PastJob } from "../../src/domain/participants/model.ts";
import { LANGUAGES, SITUATION_FLAGS } from "../../src/domain/participants/vocabulary.ts";
import { isMessageKey, type Translate } from "../../src/i18n/index.ts";
import { CheckboxGroup, SelectField, TextArea, TextField, type Errors } from "./forms.tsx";
import { errorText } from "../lib/i18n.ts";
import type { SubmittedForm } from "../lib/form.server.ts";

/** What the participant form shows: a saved record, or what was just submitted. */
export interface ParticipantValues {
  firstName?: string | null;
  lastName?: string | null;
  preferredName?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: string | null;
  specialistId?: string | null;
  workGoal?: string | null;
  schoolGoal?: string | null;
  jobPreferences?: string | null;
  strengths?: string | null;
  interests?: string | null;
  education?: string | null;
  pastJobs?: readonly { title?: string | null; employer?: string | null; years?: string | null; notes?: string | null }[];
  situationFlags?: readonly string[];
}

const TEXT_FIELDS = [
  "firstName", "lastName", "preferredName", "phone", "email", "preferredLanguage", "specialistId",
  "workGoal", "schoolGoal", "jobPreferences", "strengths", "interests", "education",
] as const;
const PAST_JOB_FIELDS = ["title", "employer", "years", "notes"] as const;
/** Past job rows the form can carry; the schema allows 30. */
const MAX_PAST_JOB_ROWS = 30;

function text(form: SubmittedForm, name: string): string | null {
  return form.get(name) ?? null;
}

/** The past job rows as typed, in order, without the rows left entirely empty. */
function pastJobRows(form: SubmittedForm) {
  const rows: Record<(typeof PAST_JOB_FIELDS)[number], string>[] = [];
  for (let i = 0; i < MAX_PAST_JOB_ROWS; i++) {
    const row = Object.fromEntries(PAST_JOB_FIELDS.map((f) => [f, text(form, `pastJobs.${i}.${f}`) ?? ""])) as Record<(typeof PAST_JOB_FIELDS)[number], string>;
    if (PAST_JOB_FIELDS.some((f) => row[f].trim() !== "")) rows.push(row);
  }
  return rows;
}

/**
 * The participant form's fields as the zod schema expects them. Only the record's
 * own fields are taken, so _csrf and intent never reach the strict schema.
 */
export function participantFormInput(form: SubmittedForm, withVersion = false): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) {
    const value = text(form, name);
    if (value !== null) input[name] = value;
  }
  input.pastJobs = pastJobRows(form);
  input.situationFlags = form.getAll("situationFlags");
  if (withVersion) input.version = text(form, "version");
  return input;
}

/** Submitted values echoed back into the form after a problem, so nothing typed is lost. */
export function participantValuesOf(form: SubmittedForm): ParticipantValues {
  const values: ParticipantValues = Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(form, name)]));
  return { ...values, pastJobs: pastJobRows(form), situationFlags: form.getAll("situationFlags") };
}

export function participantLabels(t: Translate): Record<string, string> {
  const labels: Record<string, string> = {
    firstName: t("participant.field.firstName"),
    lastName: t("participant.field.lastName"),
    preferredName: t("participant.field.preferredName"),
    phone: t("participant.field.phone"),
    email: t("participant.field.email"),
    preferredLanguage: t("participant.field.preferredLanguage"),
    specialistId: t("participant.field.specialistId"),
    workGoal: t("participant.field.workGoal"),
    schoolGoal: t("seedsCareer.field.schoolGoal"),
    jobPreferences: t("participant.field.jobPreferences"),
    strengths: t("participant.field.strengths"),
    interests: t("participant.field.interests"),
    education: t("participant.field.education"),
    pastJobs: t("participant.field.pastJobs"),
    situationFlags: t("participant.field.situationFlags"),
  };
  for (let i = 0; i < MAX_PAST_JOB_ROWS; i++) {
    for (const f of PAST_JOB_FIELDS) labels[`pastJobs.${i}.${f}`] = `${t("participant.field.pastJob", { number: i + 1 })}, ${t(`participant.field.pastJob.${f}`)}`;
  }
  return labels;
}

export function languageLabel(t: Translate, language: string): string {
  return language === "es" ? t("participant.language.es") : t("participant.language.en");
}

/** Every field a person edits on a participant's record. */
export function ParticipantFields({ t, values, errors, specialists }: {
  t: Translate; values: ParticipantValues; errors: Errors; specialists: { id: string; name: string }[];
}) {
  const labels = participantLabels(t);
  // Room for every saved job plus one more, so a job can be added without JavaScript.
  const jobs = [...(values.pastJobs ?? []), {}].slice(0, MAX_PAST_JOB_ROWS);
  return (
    <>
      <fieldset>
        <legend>{t("participant.section.contact")}</legend>
        <div className="cols">
          <TextField name="firstName" label={labels.firstName!} defaultValue={values.firstName} errors={errors} required autoComplete="off" />
          <TextField name="lastName" label={labels.lastName!} defaultValue={values.lastName} errors={errors} required autoComplete="off" />
        </div>
        <TextField name="preferredName" label={labels.preferredName!} hint={t("participant.field.preferredName.hint")} defaultValue={values.preferredName} errors={errors} autoComplete="off" />
        <div className="cols">
          <TextField name="phone" type="tel" inputMode="tel" label={labels.phone!} defaultValue={values.phone} errors={errors} autoComplete="off" />
          <TextField name="email" type="email" inputMode="email" label={labels.email!} defaultValue={values.email} errors={errors} autoComplete="off" />
        </div>
        <SelectField
          name="preferredLanguage" label={labels.preferredLanguage!} defaultValue={values.preferredLanguage ?? "en"} errors={errors}
          options={LANGUAGES.map((l) => ({ value: l, label: languageLabel(t, l) }))}
        />
        {specialists.length > 1 ? (
          <SelectField
            name="specialistId" label={labels.specialistId!} defaultValue={values.specialistId ?? specialists[0]!.id} errors={errors}
            options={specialists.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t("participant.section.profile")}</legend>
        <TextArea name="workGoal" label={labels.workGoal!} hint={t("participant.field.workGoal.hint")} defaultValue={values.workGoal} errors={errors} />
        <TextArea name="schoolGoal" label={labels.schoolGoal!} hint={t("seedsCareer.field.schoolGoal.hint")} defaultValue={values.schoolGoal} errors={errors} />
        <TextArea name="jobPreferences" label={labels.jobPreferences!} hint={t("participant.field.jobPreferences.hint")} defaultValue={values.jobPreferences} errors={errors} />
        <TextArea name="strengths" label={labels.strengths!} defaultValue={values.strengths} errors={errors} />
        <TextArea name="interests" label={labels.interests!} defaultValue={values.interests} errors={errors} />
        <TextArea name="education" label={labels.education!} defaultValue={values.education} errors={errors} />
        <CheckboxGroup
          name="situationFlags" label={labels.situationFlags!} hint={t("participant.field.situationFlags.hint")} checked={values.situationFlags ?? []} errors={errors}
          options={SITUATION_FLAGS.map((f) => ({ value: f, label: t(`participant.flag.${f}`) }))}
        />
      </fieldset>

      <fieldset>
        <legend>{labels.pastJobs}</legend>
        <p className="hint">{t("participant.field.pastJobs.hint")}</p>
        {errors?.pastJobs ? <p className="field-error" id="field-pastJobs">{errorText(t, errors.pastJobs)}</p> : null}
        {jobs.map((job, i) => (
          <fieldset key={i} className="past-job">
            <legend>{t("participant.field.pastJob", { number: i + 1 })}</legend>
            <div className="cols">
              <TextField name={`pastJobs.${i}.title`} label={t("participant.field.pastJob.title")} defaultValue={job.title} errors={errors} autoComplete="off" />
              <TextField name={`pastJobs.${i}.employer`} label={t("participant.field.pastJob.employer")} defaultValue={job.employer} errors={errors} autoComplete="off" />
              <TextField name={`pastJobs.${i}.years`} label={t("participant.field.pastJob.years")} defaultValue={job.years} errors={errors} autoComplete="off" />
            </div>
            <TextArea name={`pastJobs.${i}.notes`} label={t("participant.field.pastJob.notes")} defaultValue={job.notes} errors={errors} rows={2} />
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}

/** One field's value in words, for comparing two versions side by side. */
export function describeField(t: Translate, field: EditableField, value: unknown): string {
  if (field === "pastJobs") {
    const jobs = (value ?? []) as PastJob[];
    return jobs.length ? jobs.map((j) => [j.title, j.employer, j.years].filter(Boolean).join(", ")).join("; ") : t("participant.conflict.empty");
  }
  if (field === "situationFlags") {
    const flags = (value ?? []) as string[];
    return flags.length ? flags.map((f) => { const key = `participant.flag.${f}`; return isMessageKey(key) ? t(key) : f; }).join(", ") : t("participant.conflict.empty");
  }
  if (field === "preferredLanguage") return languageLabel(t, String(value));
  return typeof value === "string" && value !== "" ? value : t("participant.conflict.empty");
}

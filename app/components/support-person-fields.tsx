import { CLOSENESS, CONTACT_CHANNELS, RELATIONSHIP_KINDS, RELATIONSHIP_STATUSES, SUPPORT_KINDS } from "../../src/domain/network/vocabulary.ts";
import { hasCaution } from "../../src/domain/network/discovery.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CheckboxGroup, SelectField, TextArea, TextField, type Errors } from "./forms.tsx";
import type { SubmittedForm } from "../lib/form.server.ts";

/** What the support person form shows: a saved person, submitted values, or a prompt's suggestion. */
export interface SupportPersonValues {
  name?: string | null;
  relationshipKind?: string | null;
  relationshipOther?: string | null;
  organization?: string | null;
  closeness?: string | null;
  status?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredChannel?: string | null;
  helpKinds?: readonly string[];
  helpOther?: string | null;
  notes?: string | null;
  firstCall?: boolean;
}

const TEXT_FIELDS = ["name", "relationshipKind", "relationshipOther", "organization", "closeness", "status", "phone", "email", "preferredChannel", "helpOther", "notes", "discoveredFrom"] as const;

/**
 * The support person form's fields as the zod schema expects them. Only the
 * person's own fields are taken, so the form's _csrf and intent never reach the
 * strict schema; an unticked checkbox is simply absent.
 */
export function supportPersonFormInput(form: SubmittedForm, extra: readonly string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of [...TEXT_FIELDS, ...extra]) {
    const value = form.get(name);
    if (value !== undefined) input[name] = value;
  }
  input.helpKinds = form.getAll("helpKinds");
  input.firstCall = form.get("firstCall") === "on";
  return input;
}

/** Submitted values echoed back into the form after a problem, so nothing typed is lost. */
export function supportPersonValuesOf(form: SubmittedForm): SupportPersonValues {
  const text = (name: string) => form.get(name) ?? null;
  return {
    name: text("name"), relationshipKind: text("relationshipKind"), relationshipOther: text("relationshipOther"), organization: text("organization"), closeness: text("closeness"),
    status: text("status"), phone: text("phone"), email: text("email"), preferredChannel: text("preferredChannel"), helpOther: text("helpOther"), notes: text("notes"),
    helpKinds: form.getAll("helpKinds"), firstCall: form.get("firstCall") === "on",
  };
}

export function supportPersonLabels(t: Translate): Record<string, string> {
  return {
    name: t("network.field.name"),
    relationshipKind: t("network.field.relationshipKind"),
    relationshipOther: t("network.field.relationshipOther"),
    organization: t("network.field.organization"),
    closeness: t("network.field.closeness"),
    status: t("network.field.status"),
    phone: t("network.field.phone"),
    email: t("network.field.email"),
    preferredChannel: t("network.field.preferredChannel"),
    helpKinds: t("network.field.helpKinds"),
    helpOther: t("seedsNetwork.helpOther.label"),
    notes: t("network.field.notes"),
    firstCall: t("network.field.firstCall"),
    version: t("network.field.version"),
  };
}

/** The kinds start on "Choose one": nothing, not even "relative", is assumed about a new person. */
export function relationshipOptions(t: Translate) {
  return [{ value: "", label: t("seedsNetwork.choose") }, ...RELATIONSHIP_KINDS.map((k) => ({ value: k, label: t(`network.relationshipKind.${k}`) }))];
}
/** How close someone is is the participant's to say: no ring is chosen for them. */
export function closenessOptions(t: Translate) {
  return [{ value: "", label: t("seedsNetwork.choose") }, ...CLOSENESS.map((c) => ({ value: c, label: t(`network.closeness.${c}`) }))];
}

/** Beside the probation officer kind: a person with power over the participant. */
export function OfficerCaution({ t }: { t: Translate }) {
  return (
    <div className="warning" role="note" data-caution="probation_officer">
      <p><strong>{t("seedsNetwork.caution.heading")}</strong></p>
      <p>{t("seedsNetwork.caution.power")}</p>
      <p>{t("seedsNetwork.caution.agree")}</p>
    </div>
  );
}

/** The kinds of help a person gives, in words, with "other" help as it was described. */
export function helpKindsText(person: { helpKinds: readonly (typeof SUPPORT_KINDS)[number][]; helpOther: string | null }, t: Translate): string {
  return person.helpKinds
    .map((k) => (k === "other" && person.helpOther ? t("seedsNetwork.helpOther.shown", { description: person.helpOther }) : t(`network.helpKind.${k}`)))
    .join(", ");
}

/** What the first-call box says: who holds the mark now, so ticking it is a choice made knowingly. */
export function firstCallHint(t: Translate, holder: string | null): string {
  return holder ? t("seedsNetwork.firstCall.holder", { name: holder }) : t("seedsNetwork.firstCall.nobody");
}
export function statusOptions(t: Translate) {
  return RELATIONSHIP_STATUSES.map((s) => ({ value: s, label: t(`network.status.${s}`) }));
}

/** Every field of a support person, for adding and for editing. */
export function SupportPersonFields({ t, values, errors, firstCallHolder }: { t: Translate; values: SupportPersonValues; errors: Errors; firstCallHolder: string | null }) {
  const labels = supportPersonLabels(t);
  return (
    <>
      <TextField name="name" label={labels.name!} defaultValue={values.name} errors={errors} required autoComplete="off" />
      <SelectField name="relationshipKind" label={labels.relationshipKind!} defaultValue={values.relationshipKind ?? ""} options={relationshipOptions(t)} errors={errors} />
      {hasCaution(values.relationshipKind) ? <OfficerCaution t={t} /> : null}
      <TextField name="relationshipOther" label={labels.relationshipOther!} hint={t("network.field.relationshipOther.hint")} defaultValue={values.relationshipOther} errors={errors} />
      <TextField name="organization" label={labels.organization!} hint={t("network.field.organization.hint")} defaultValue={values.organization} errors={errors} autoComplete="off" />
      <SelectField name="closeness" label={labels.closeness!} hint={t("network.field.closeness.hint")} defaultValue={values.closeness ?? ""} options={closenessOptions(t)} errors={errors} />
      <SelectField name="status" label={labels.status!} defaultValue={values.status ?? "supportive"} options={statusOptions(t)} errors={errors} />
      <TextField name="phone" type="tel" inputMode="tel" label={labels.phone!} defaultValue={values.phone} errors={errors} autoComplete="off" />
      <TextField name="email" type="email" inputMode="email" label={labels.email!} defaultValue={values.email} errors={errors} autoComplete="off" />
      <SelectField
        name="preferredChannel" label={labels.preferredChannel!} defaultValue={values.preferredChannel ?? ""} errors={errors}
        options={[{ value: "", label: t("network.field.preferredChannel.none") }, ...CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`network.channel.${c}`) }))]}
      />
      <CheckboxGroup
        name="helpKinds" label={labels.helpKinds!} checked={values.helpKinds ?? []} errors={errors}
        options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`network.helpKind.${k}`) }))}
      />
      <TextField name="helpOther" label={labels.helpOther!} hint={t("seedsNetwork.helpOther.hint")} defaultValue={values.helpOther} errors={errors} autoComplete="off" />
      <TextArea name="notes" label={labels.notes!} defaultValue={values.notes} errors={errors} />
      <div className="checkbox field">
        <input type="checkbox" id="field-firstCall" name="firstCall" defaultChecked={values.firstCall ?? false} aria-describedby="field-firstCall-hint" />
        <label htmlFor="field-firstCall">{labels.firstCall}</label>
      </div>
      <p id="field-firstCall-hint" className="hint">{t("network.field.firstCall.hint")} {firstCallHint(t, firstCallHolder)}</p>
    </>
  );
}

/**
 * How the person is connected, in words: the free text for "other"; for anyone
 * with an organization (a professional's office or clinic), the role and where.
 */
export function relationshipLabel(
  person: { relationshipKind: (typeof RELATIONSHIP_KINDS)[number]; relationshipOther: string | null; organization?: string | null },
  t: Translate,
): string {
  const role = person.relationshipKind === "other" && person.relationshipOther ? person.relationshipOther : t(`network.relationshipKind.${person.relationshipKind}`);
  return person.organization ? t("network.person.roleAt", { role, organization: person.organization }) : role;
}

export function participantDisplayName(p: { firstName: string; lastName: string; preferredName: string | null }): string {
  return p.preferredName ? `${p.preferredName} (${p.firstName} ${p.lastName})` : `${p.firstName} ${p.lastName}`;
}

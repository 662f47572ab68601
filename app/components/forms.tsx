import { useEffect, useRef, type ReactNode } from "react";
import { useRouteLoaderData } from "react-router";
import { errorText, useT } from "../lib/i18n.ts";

/**
 * The one set of form fields. Each field is tied to its hint and its error with
 * aria-describedby (GOV.UK's pattern); the error sits between the label and the
 * control so a screen reader hears it before the value. A page holding several
 * forms with the same field names (one per plan item) gives each form a `prefix`,
 * which keeps the ids unique and the error summary's links pointing at the right form.
 */

function useRoot() {
  return useRouteLoaderData("root") as { csrfToken: string } | undefined;
}


/** The hidden token every state-changing form must carry. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useRoot()?.csrfToken ?? ""} />;
}

/** Field name to message key, as the form parser and the actions answer them. */
export type Errors = Record<string, string> | undefined;

export function fieldId(name: string, prefix = "field"): string {
  return `${prefix}-${name.replace(/\./g, "-")}`;
}

/**
 * A summary above a form, linking to each field that needs attention. After a failed
 * submit it takes the focus and scrolls into view: on a long page the form may be far
 * below the top, and without this it looks as if nothing happened.
 */
export function ErrorSummary({ errors, labels, prefix }: { errors: Errors; labels: Record<string, string>; prefix?: string }) {
  const t = useT();
  const summary = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0 || !summary.current) return;
    summary.current.focus({ preventScroll: true });
    summary.current.scrollIntoView({ block: "start" });
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
      <h2>{t("common.formErrors", { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${fieldId(field, prefix)}`}>{labels[field] ? `${labels[field]}: ` : ""}{errorText(t, key)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorMessage({ id, errorKey }: { id: string; errorKey: string | undefined }) {
  const t = useT();
  if (!errorKey) return null;
  return <p id={id} className="field-error">{errorText(t, errorKey)}</p>;
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Errors;
  hint?: string;
  prefix?: string;
}

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A labelled field around any control: the control comes from `children`, for the
 * few that are not a plain input, textarea or select.
 */
export function Field({ name, label, hint, errors, prefix, required, children }: FieldProps & { required?: boolean; children: (props: ControlProps) => ReactNode }) {
  const id = fieldId(name, prefix);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      <ErrorMessage id={`${id}-error`} errorKey={error} />
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </div>
  );
}

export function TextField(props: FieldProps & {
  defaultValue?: string | number | null; required?: boolean;
  type?: "text" | "email" | "tel" | "password" | "search" | "date" | "month" | "number" | "datetime-local";
  autoComplete?: string; inputMode?: "text" | "tel" | "email" | "numeric" | "decimal"; step?: string; min?: string; max?: string;
}) {
  const { defaultValue, type, autoComplete, inputMode, step, min, max, required, ...field } = props;
  return (
    <Field {...field} required={required}>
      {(control) => (
        <input {...control} type={type ?? "text"} defaultValue={defaultValue ?? ""} autoComplete={autoComplete} inputMode={inputMode}
          step={step} min={min} max={max} required={required} />
      )}
    </Field>
  );
}

/** A day, as YYYY-MM-DD. */
export function DateField(props: FieldProps & { defaultValue?: string | null; required?: boolean }) {
  return <TextField {...props} type="date" />;
}

export function TextArea(props: FieldProps & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const { defaultValue, rows, maxLength, ...field } = props;
  return (
    <Field {...field}>
      {(control) => <textarea {...control} rows={rows ?? 3} maxLength={maxLength} defaultValue={defaultValue ?? ""} />}
    </Field>
  );
}

/**
 * A choice among options. An option marked `verbatim` is a name that is the same in
 * every language (a time zone's, an audit action's): it says so with translate="no",
 * so neither a browser's translator nor the pseudo-locale walk takes it for words.
 */
export function SelectField(props: FieldProps & { options: readonly { value: string; label: string; verbatim?: boolean }[]; defaultValue?: string | null }) {
  const { options, defaultValue, ...field } = props;
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} defaultValue={defaultValue ?? ""}>
          {options.map((o) => <option key={o.value} value={o.value} translate={o.verbatim ? "no" : undefined}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/** One yes/no box; its label follows it, its hint and error are tied to it. */
export function CheckboxField({ name, label, hint, errors, prefix, id: givenId, defaultChecked, value = "on" }: FieldProps & {
  id?: string; defaultChecked: boolean; value?: string;
}) {
  const id = givenId ?? fieldId(name, prefix);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <ErrorMessage id={`${id}-error`} errorKey={error} />
      <div className="checkbox">
        <input type="checkbox" id={id} name={name} value={value} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
    </div>
  );
}

/** Several boxes under one name: the form parser hands the ticked values to the schema as a list. */
export function CheckboxGroup(props: FieldProps & { options: readonly { value: string; label: string }[]; checked: readonly string[] }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(value) => props.checked.includes(value)} />;
}

/** One choice out of a few, all visible. */
export function RadioGroup(props: FieldProps & { options: readonly { value: string; label: string }[]; defaultValue?: string | null }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(value) => value === props.defaultValue} />;
}

function ChoiceGroup({ name, label, hint, errors, prefix, options, type, isChecked }: FieldProps & {
  options: readonly { value: string; label: string }[]; type: "checkbox" | "radio"; isChecked: (value: string) => boolean;
}) {
  const id = fieldId(name, prefix);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={error ? "field field--error" : "field"} id={id} tabIndex={-1} aria-describedby={describedBy}>
      <legend>{label}</legend>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      <ErrorMessage id={`${id}-error`} errorKey={error} />
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input type={type} id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={isChecked(o.value)} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

import { useId } from "react";
import { useRouteLoaderData } from "react-router";
import { errorText, useT } from "../lib/i18n.ts";

function useRoot() {
  return useRouteLoaderData("root") as { csrfToken: string } | undefined;
}

/** The hidden token every state-changing form must carry. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useRoot()?.csrfToken ?? ""} />;
}

/** Field name to the message key of its first problem. */
export type Errors = Record<string, string> | undefined;

/** A summary at the top of a form, linking to each field that needs attention. */
export function ErrorSummary({ errors, labels }: { errors: Errors; labels: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("common.formErrors", { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field.replace(/\./g, "-")}`}>{labels[field] ? `${labels[field]}: ` : ""}{errorText(t, key)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Errors;
  hint?: string;
  defaultValue?: string | null;
  required?: boolean;
}

function describedBy(hintId: string | null, errorId: string | null) {
  return [hintId, errorId].filter(Boolean).join(" ") || undefined;
}

function FieldMessage({ id, errorKey }: { id: string; errorKey: string | undefined }) {
  const t = useT();
  if (!errorKey) return null;
  return <p id={id} className="field-error">{errorText(t, errorKey)}</p>;
}

export function TextField(props: FieldProps & { type?: "text" | "email" | "tel" | "password" | "search" | "date"; autoComplete?: string; inputMode?: "text" | "tel" | "email" }) {
  const uid = useId();
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${uid}-hint` : null;
  const errorId = error ? `${uid}-error` : null;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={`field-${props.name.replace(/\./g, "-")}`}>{props.label}{props.required ? <span aria-hidden="true"> *</span> : null}</label>
      {props.hint ? <p id={hintId!} className="hint">{props.hint}</p> : null}
      <FieldMessage id={errorId ?? ""} errorKey={error} />
      <input
        id={`field-${props.name.replace(/\./g, "-")}`}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? ""}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const uid = useId();
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${uid}-hint` : null;
  const errorId = error ? `${uid}-error` : null;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={`field-${props.name.replace(/\./g, "-")}`}>{props.label}</label>
      {props.hint ? <p id={hintId!} className="hint">{props.hint}</p> : null}
      <FieldMessage id={errorId ?? ""} errorKey={error} />
      <textarea
        id={`field-${props.name.replace(/\./g, "-")}`}
        name={props.name}
        rows={props.rows ?? 3}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const uid = useId();
  const error = props.errors?.[props.name];
  const errorId = error ? `${uid}-error` : null;
  const hintId = props.hint ? `${uid}-hint` : null;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={`field-${props.name.replace(/\./g, "-")}`}>{props.label}</label>
      {props.hint ? <p id={hintId!} className="hint">{props.hint}</p> : null}
      <FieldMessage id={errorId ?? ""} errorKey={error} />
      <select
        id={`field-${props.name.replace(/\./g, "-")}`}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function CheckboxGroup(props: { name: string; legend: string; options: { value: string; label: string }[]; checked: readonly string[]; errors?: Errors; hint?: string }) {
  const uid = useId();
  const error = props.errors?.[props.name];
  return (
    <fieldset className="field" aria-describedby={error ? `${uid}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      <FieldMessage id={`${uid}-error`} errorKey={error} />
      {props.options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input type="checkbox" id={`${uid}-${o.value}`} name={props.name} value={o.value} defaultChecked={props.checked.includes(o.value)} />
          <label htmlFor={`${uid}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

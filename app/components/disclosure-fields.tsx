import { CONSENT_CATEGORIES, PART2_CATEGORY } from "../../src/domain/consent/model.ts";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";

/**
 * What a piece tells about the participant (consent by content): one box per
 * consent category, with substance use treatment set apart as its own, explicit
 * mark. A support person is shown the piece only if their consent covers every
 * box ticked; with none ticked it reaches nobody. Works without JavaScript.
 */
export function DisclosureFields({ t, prefix, name, checked, errors, hint }: {
  t: Translate; prefix: string; name: string; checked: readonly string[]; errors?: Record<string, string> | undefined;
  /** What leaving every box empty means, when it does not mean "shared with no one". */
  hint?: string;
}) {
  const error = errors?.discloses;
  const id = `${prefix}-discloses`;
  return (
    <fieldset className={error ? "field field--error" : "field"} id={id} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend>{t("disclosure.field.legend", { name })}</legend>
      <p className="hint" id={`${id}-hint`}>{hint ?? t("disclosure.field.hint", { name })}</p>
      {error ? <p id={`${id}-error`} className="field-error">{t(error as MessageKey)}</p> : null}
      {CONSENT_CATEGORIES.filter((c) => c !== PART2_CATEGORY).map((category) => (
        <div className="checkbox" key={category}>
          <input type="checkbox" id={`${id}-${category}`} name="discloses" value={category} defaultChecked={checked.includes(category)} />
          <label htmlFor={`${id}-${category}`}>{t(`consent.category.${category}`)}</label>
        </div>
      ))}
      <div className="checkbox disclosure-part2">
        <input type="checkbox" id={`${id}-${PART2_CATEGORY}`} name="discloses" value={PART2_CATEGORY} defaultChecked={checked.includes(PART2_CATEGORY)}
          aria-describedby={`${id}-${PART2_CATEGORY}-hint`} />
        <label htmlFor={`${id}-${PART2_CATEGORY}`}>{t("disclosure.field.part2")}</label>
      </div>
      <p className="hint" id={`${id}-${PART2_CATEGORY}-hint`}>{t("disclosure.field.part2.hint", { name })}</p>
    </fieldset>
  );
}

/**
 * The warning a specialist confirms before a piece that tells about substance use
 * treatment is shared (42 CFR Part 2). Always on the form, so no script is needed:
 * the server refuses the save without it.
 */
export function Part2Confirmation({ t, prefix, name, defaultChecked, errors }: {
  t: Translate; prefix: string; name: string; defaultChecked: boolean; errors?: Record<string, string> | undefined;
}) {
  const error = errors?.part2Confirmed;
  const id = `${prefix}-part2Confirmed`;
  return (
    <div className={error ? "field field--error part2-warning" : "field part2-warning"}>
      <p id={`${id}-warning`} className="hint">{t("disclosure.part2Warning", { name })}</p>
      {error ? <p id={`${id}-error`} className="field-error">{t(error as MessageKey)}</p> : null}
      <div className="checkbox">
        <input type="checkbox" id={id} name="part2Confirmed" defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined} aria-describedby={`${id}-warning${error ? ` ${id}-error` : ""}`} />
        <label htmlFor={id}>{t("disclosure.part2Confirm", { name })}</label>
      </div>
    </div>
  );
}

/** The boxes ticked in a form sent back with errors (the form parser's chosen lists), or the piece's own. */
export function checkedCategories(sent: Record<string, string[]> | undefined, current: readonly string[]): string[] {
  if (!sent) return [...current];
  return sent.discloses ?? [];
}

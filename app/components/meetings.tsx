import { useEffect, useRef, type RefObject } from "react";
import { Link } from "react-router";
import type { ConcernType } from "../../src/domain/concerns/model.ts";
import { talkingPointsFor, type NextAction } from "../../src/domain/concerns/talking-points.ts";
import { glossaryTerm, officialTerm } from "../../src/i18n/glossary.ts";
import { CONSENT_CATEGORIES, PART2_CATEGORY } from "../../src/domain/consent/model.ts";
import { formatDateTime } from "../../src/i18n/format.ts";
import type { Locale, Translate } from "../../src/i18n/index.ts";
import { errorText } from "../lib/i18n.ts";

/**
 * A meeting's time is the wall-clock time where it is held, stored with a nominal Z
 * (see icsLocalTime in src/domain/meetings/invitations.ts), so it is shown in UTC.
 */
export function formatMeetingTime(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale, { dateStyle: "full", timeStyle: "short" });
}

export function shortName(p: { firstName: string; preferredName: string | null }): string {
  return p.preferredName ?? p.firstName;
}

/**
 * Keeps what was typed into a form but not yet sent, so a reload or a dropped
 * connection loses nothing. Fields marked data-draft are saved to sessionStorage
 * on every keystroke, together with the form's clientKey: a draft sent again after
 * a reload carries the same key, so the server still saves it once. `saved` says
 * the server has just stored this form; its draft is then dropped.
 */
export function useFormDraft(formRef: RefObject<HTMLFormElement | null>, storageKey: string, saved: boolean) {
  const savedRef = useRef(saved);
  savedRef.current = saved;
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const fields = () => [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("[data-draft]")];
    const keyInput = form.querySelector<HTMLInputElement>('input[name="clientKey"]');
    if (savedRef.current) {
      sessionStorage.removeItem(storageKey);
    } else {
      const stored = readDraft(storageKey);
      if (stored) {
        for (const field of fields()) {
          const value = stored.values[field.name];
          if (typeof value !== "string" || value === "" || value === field.value) continue;
          if (field instanceof HTMLSelectElement) {
            if (![...field.options].some((o) => o.value === value)) continue;
            field.value = value;
            // Lets the page react to the restored choice (e.g. show that concern's talking points).
            field.dispatchEvent(new Event("change", { bubbles: true }));
          } else if (field.value === "") {
            field.value = value;
          }
        }
        if (keyInput && stored.clientKey) keyInput.value = stored.clientKey;
      }
    }
    const save = () => {
      const values: Record<string, string> = {};
      let typed = false;
      for (const field of fields()) {
        values[field.name] = field.value;
        if (field.value.trim() !== "" && !(field instanceof HTMLSelectElement)) typed = true;
      }
      if (typed) sessionStorage.setItem(storageKey, JSON.stringify({ clientKey: keyInput?.value ?? null, values }));
      else sessionStorage.removeItem(storageKey);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    return () => {
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
    };
  }, [formRef, storageKey]);
}

function readDraft(storageKey: string): { clientKey: string | null; values: Record<string, unknown> } | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { clientKey?: unknown; values?: unknown };
    if (!parsed || typeof parsed.values !== "object" || parsed.values === null) return null;
    return { clientKey: typeof parsed.clientKey === "string" ? parsed.clientKey : null, values: parsed.values as Record<string, unknown> };
  } catch {
    return null;
  }
}

/** Where each suggested next action leads; a meeting planned from a concern opens with that concern's talking points. */
function actionHref(participantId: string, action: NextAction, type: ConcernType): string {
  const base = `/participants/${participantId}`;
  switch (action) {
    // The CWIC referral is recorded on the benefits page (its section id="referrals" in app/routes/benefits.tsx).
    case "refer_benefits_counselor": return `${base}/benefits#referrals`;
    case "plan_separate_conversation": return `${base}/meetings/new?kind=separate&concern=${type}`;
    case "plan_support_meeting": return `${base}/meetings/new?kind=support&concern=${type}`;
    case "add_plan_item": return `${base}/plan#add`;
  }
}

/** The talking points and next actions for one kind of concern (src/domain/concerns/talking-points.ts). */
export function TalkingPoints({ t, type, participantId, headingLevel = 3, id }: {
  t: Translate; type: ConcernType; participantId: string; headingLevel?: 3 | 4; id?: string;
}) {
  const { points, actions, terms = {} } = talkingPointsFor(type);
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="talking-points" id={id} data-concern-type={type}>
      <Heading>{t("meetings.talk.heading", { type: t(`concern.type.${type}`) })}</Heading>
      <ol>
        {points.map((key) => (
          <li key={key}>
            {t(key)}
            {terms[key]?.length ? (
              <span className="talking-points-terms"> {t("seedsCareer.officialTerms")} {terms[key].map((id, index) => (
                <span key={id}>{index > 0 ? ", " : ""}<Link to={`/glossary#${id}`}>{officialTerm(glossaryTerm(id), t.locale)}</Link></span>
              ))}</span>
            ) : null}
          </li>
        ))}
      </ol>
      <p><strong>{t("meetings.talk.actions")}</strong></p>
      <ul className="no-print">
        {actions.map((a) => <li key={a}><Link to={actionHref(participantId, a, type)}>{t(`concern.action.${a}`)}</Link></li>)}
      </ul>
    </div>
  );
}

/** "Who said it": the participant, the specialist, each invitee, or someone else. */
export function speakerOptions(t: Translate, name: string, invitees: readonly { supportPersonId: string; name: string }[]) {
  return [
    { value: "participant", label: name },
    { value: "specialist", label: t("meetings.speaker.specialist") },
    ...invitees.map((i) => ({ value: `person:${i.supportPersonId}`, label: i.name })),
    { value: "other", label: t("meetings.speaker.other") },
  ];
}

/** Reads a "who said it" choice back: a support person's id, or one of the other speakers. */
export function parseSpeaker(value: string | undefined): { speaker: string; supportPersonId: string | null } {
  const text = value ?? "participant";
  if (text.startsWith("person:")) return { speaker: "support_person", supportPersonId: text.slice("person:".length) };
  return { speaker: text, supportPersonId: null };
}

/**
 * What a meeting's title, place and agenda disclose (consent by content): the usual
 * categories as checkboxes, substance use treatment as its own mark with a plain
 * warning, and the confirmation it needs before anyone is invited. Works without
 * JavaScript: the server refuses a substance use meeting with invitees unconfirmed.
 */
export function MeetingDisclosesFields({ t, checked, errors, confirmed }: {
  t: Translate; checked: readonly string[]; errors?: Record<string, string>; confirmed: boolean;
}) {
  const usual = CONSENT_CATEGORIES.filter((c) => c !== PART2_CATEGORY);
  const confirmError = errors?.confirmSubstanceUse;
  return (
    <fieldset className="field" id="field-discloses" aria-describedby="discloses-hint">
      <legend>{t("meetings.discloses.legend")}</legend>
      <p id="discloses-hint" className="hint">{t("meetings.discloses.hint")}</p>
      {usual.map((c) => (
        <div className="checkbox" key={c}>
          <input type="checkbox" id={`discloses-${c}`} name="discloses" value={c} defaultChecked={checked.includes(c)} />
          <label htmlFor={`discloses-${c}`}>{t(`consent.category.${c}`)}</label>
        </div>
      ))}
      <p className="notice" id="discloses-part2-warning">{t("meetings.discloses.substanceUse.warning")}</p>
      <div className="checkbox">
        <input type="checkbox" id={`discloses-${PART2_CATEGORY}`} name="discloses" value={PART2_CATEGORY} defaultChecked={checked.includes(PART2_CATEGORY)}
          aria-describedby="discloses-part2-warning" />
        <label htmlFor={`discloses-${PART2_CATEGORY}`}>{t("meetings.discloses.substanceUse")}</label>
      </div>
      <div className={confirmError ? "checkbox field--error" : "checkbox"} id="field-confirmSubstanceUse">
        {confirmError ? <p id="confirmSubstanceUse-error" className="field-error">{errorText(t, confirmError)}</p> : null}
        <input type="checkbox" id="confirmSubstanceUse" name="confirmSubstanceUse" defaultChecked={confirmed}
          aria-invalid={confirmError ? true : undefined} aria-describedby={confirmError ? "confirmSubstanceUse-error" : undefined} />
        <label htmlFor="confirmSubstanceUse">{t("meetings.discloses.confirmSubstanceUse")}</label>
      </div>
    </fieldset>
  );
}

import { Form, Link } from "react-router";
import { CHANNEL_CHOICES, type MessagePreferences } from "../../src/domain/messages/model.ts";
import { LANGUAGES } from "../../src/domain/participants/vocabulary.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { CheckboxField, CsrfField, ErrorSummary, RadioGroup, SelectField } from "./forms.tsx";

/**
 * One person's message choices (decision 0026): the same form and the same summary
 * on their own page ("own": spoken to them) and in their specialist's view
 * ("staff": about them).
 */
type Audience = "own" | "staff";
type Values = Record<string, string>;

export function preferenceLabels(t: Translate): Record<string, string> {
  return { channel: t("texts.channel.label"), language: t("texts.language.label"), remindMeetings: t("texts.reminders.meetings"), remindCommitments: t("texts.reminders.commitments"), remindSsiReport: t("texts.reminders.ssiReport") };
}

export function MessagePreferencesForm({ t, preferences, audience, errors, values }: {
  t: Translate; preferences: MessagePreferences; audience: Audience; errors?: Record<string, MessageKey>; values?: Values;
}) {
  const labels = preferenceLabels(t);
  const ticked = (name: "remindMeetings" | "remindCommitments" | "remindSsiReport") => (values ? values[name] === "on" : preferences[name] === true);
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <RadioGroup
          name="channel" label={labels.channel!} errors={errors} defaultValue={values?.channel ?? preferences.channel}
          options={CHANNEL_CHOICES.map((c) => ({ value: c, label: t(c === "none" && audience === "staff" ? "texts.channel.none.staff" : `texts.channel.${c}`) }))}
        />
        <SelectField
          name="language" label={labels.language!} errors={errors} defaultValue={values?.language ?? preferences.language}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`participant.language.${l}`) }))}
        />
        <fieldset className="field">
          <legend>{t("texts.reminders.legend")}</legend>
          <CheckboxField name="remindMeetings" label={labels.remindMeetings!} defaultChecked={ticked("remindMeetings")} errors={errors} />
          <CheckboxField name="remindCommitments" label={labels.remindCommitments!} defaultChecked={ticked("remindCommitments")} errors={errors} />
          {preferences.remindSsiReport !== null
            ? <CheckboxField name="remindSsiReport" label={labels.remindSsiReport!} defaultChecked={ticked("remindSsiReport")} errors={errors} />
            : null}
        </fieldset>
        <button type="submit">{t(audience === "own" ? "texts.submit" : "texts.submit.staff")}</button>
      </Form>
    </>
  );
}

/** What someone chose, in a few lines, with a number's STOP and the last change. */
export function MessagePreferencesSummary({ t, preferences, audience }: { t: Translate; preferences: MessagePreferences; audience: Audience }) {
  const reminders = [
    preferences.remindMeetings ? t("texts.summary.meetings") : null,
    preferences.remindCommitments ? t("texts.summary.commitments") : null,
    preferences.remindSsiReport ? t("texts.summary.ssiReport") : null,
  ].filter((r): r is string => r !== null);
  const channel = t(preferences.channel === "none" ? (audience === "staff" ? "texts.channel.none.staff" : "texts.channel.none") : `texts.channel.${preferences.channel}`);
  const change = preferences.lastChange;
  const changedOn = change ? formatDate(change.at, t.locale, "medium") : "";
  return (
    <div className="message-preferences">
      <p>{t("texts.summary.channel", { channel })}</p>
      {audience === "staff" && preferences.channel === "none" && preferences.contactChannel && preferences.contactChannel !== "text" && preferences.contactChannel !== "email"
        ? <p>{t("texts.summary.contactChannel", { channel: t(`network.channel.${preferences.contactChannel}`) })}</p>
        : null}
      <p>{t("texts.summary.language", { language: t(`participant.language.${preferences.language}`) })}</p>
      <p>{t("texts.summary.reminders", { reminders: reminders.length ? reminders.join(", ") : t("texts.summary.noReminders") })}</p>
      {preferences.textsStoppedAt
        ? <p className="notice" role="note">{t(audience === "own" ? "texts.stopped.own" : "texts.stopped.staff", { date: formatDate(preferences.textsStoppedAt, t.locale, "medium") })}</p>
        : null}
      {change ? (
        <p className="hint">
          {audience === "staff"
            ? (change.bySelf ? t("texts.lastChange.self", { date: changedOn }) : t("texts.lastChange.staff", { name: change.by, date: changedOn }))
            : (change.bySelf ? t("texts.lastChange.ownSelf", { date: changedOn }) : t("texts.lastChange.ownStaff", { date: changedOn }))}
        </p>
      ) : null}
    </div>
  );
}

/** The specialist's page for one person's choices (a participant's or a support person's): one layout for both. */
export function StaffMessagePreferencesPage({ t, preferences, back, result }: {
  t: Translate; preferences: MessagePreferences; back: string; result?: { errors?: Record<string, MessageKey>; values?: Values };
}) {
  const name = preferences.name;
  return (
    <div className="page page--narrow">
      <title>{`${t("texts.title.staff", { name })} · ${t("app.name")}`}</title>
      <h1>{t("texts.title.staff", { name })}</h1>
      <p className="prose">{t("texts.intro.staff", { name })}</p>
      <MessagePreferencesForm t={t} preferences={preferences} audience="staff" errors={result?.errors} values={result?.values} />
      <p><Link to={back}>{t("texts.back")}</Link></p>
    </div>
  );
}

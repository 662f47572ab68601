import { Form } from "react-router";
import type { Participant, NamedStrength } from "../../src/domain/participants/model.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField } from "./forms.tsx";

/** Who named a strength, in words: the participant by name, a support person by name, or staff and others by role. */
export function namedBy(t: Translate, strength: NamedStrength, participantName: string): string {
  if (strength.speaker === "participant") return participantName;
  if (strength.speaker === "support_person" && strength.speakerName) return strength.speakerName;
  return strength.speaker === "specialist" ? t("seedsCareer.speaker.specialist") : t("seedsCareer.speaker.other");
}

type Profile = Pick<Participant, "workGoal" | "schoolGoal" | "jobPreferences" | "strengths" | "interests" | "education">;

/**
 * The career profile as read-only text: the goals (work, and school or training),
 * preferences, strengths with those named at meetings, interests and education.
 * With `reviewAction`, each strength named at a meeting carries "keep" and
 * "remove" buttons posting there; without it (the meeting run sheet) it is only read.
 */
export function CareerProfile({ t, profile, named, participantName, headingLevel = 3, reviewAction }: {
  t: Translate; profile: Profile; named: readonly NamedStrength[]; participantName: string; headingLevel?: 3 | 4; reviewAction?: string;
}) {
  const H = headingLevel === 3 ? "h3" : "h4";
  const text = (value: string | null) => (value ? <p className="prose">{value}</p> : <p className="muted">{t("participant.notWritten")}</p>);
  return (
    <>
      <H>{t("participant.field.workGoal")}</H>
      {text(profile.workGoal)}
      <H>{t("seedsCareer.field.schoolGoal")}</H>
      <div data-testid="school-goal">{text(profile.schoolGoal)}</div>
      <H>{t("participant.field.jobPreferences")}</H>
      {text(profile.jobPreferences)}
      <H>{t("participant.field.strengths")}</H>
      {text(profile.strengths)}
      <H>{t("seedsCareer.named.heading")}</H>
      {reviewAction ? <p className="hint">{t("seedsCareer.named.hint")}</p> : null}
      {named.length === 0 ? <p className="muted">{t("seedsCareer.named.none")}</p> : (
        <ul className="named-strengths" data-testid="named-strengths">
          {named.map((s) => (
            <li key={s.id} data-review={s.review ?? "new"}>
              <span className="prose">{s.text}</span>{" "}
              <span className="muted">({t("seedsCareer.named.by", { who: namedBy(t, s, participantName), date: formatDate(s.meetingOn, t.locale, "medium") })})</span>
              {s.review === null ? <> <span className="mark">{t("seedsCareer.named.new")}</span></> : null}
              {reviewAction ? (
                <Form method="post" action={reviewAction} className="actions no-print">
                  <CsrfField />
                  <input type="hidden" name="intent" value="strength" />
                  <input type="hidden" name="entryId" value={s.id} />
                  {s.review === null ? (
                    <button type="submit" name="decision" value="kept" className="secondary" aria-label={t("seedsCareer.named.keep.label", { text: s.text })}>{t("seedsCareer.named.keep")}</button>
                  ) : null}{" "}
                  <button type="submit" name="decision" value="removed" className="secondary" aria-label={t("seedsCareer.named.remove.label", { text: s.text })}>{t("seedsCareer.named.remove")}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <H>{t("participant.field.interests")}</H>
      {text(profile.interests)}
      <H>{t("participant.field.education")}</H>
      {text(profile.education)}
    </>
  );
}

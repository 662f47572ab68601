import { Form, Link } from "react-router";
import type { FamilyAgreementView, IntroducedFamily } from "../../src/domain/families/model.ts";
import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { CheckboxField, CsrfField } from "./forms.tsx";

/** The "Meet other families" section of a support person's own page: their answer and the families they were put in touch with. */
export function OwnFamilies({ t, agreement, families }: { t: Translate; agreement: FamilyAgreementView | null; families: IntroducedFamily[] }) {
  return (
    <section aria-labelledby="families" data-testid="own-families">
      <h2 id="families">{t("families.own.heading")}</h2>
      <p>{t("families.own.intro")}</p>
      <p>{agreement ? t("families.own.agreed", { date: formatDate(agreement.agreedAt.slice(0, 10), t.locale) }) : t("families.own.notAgreed")}</p>
      <p><Link to="/support/families" className="button secondary">{t("families.own.change")}</Link></p>
      {agreement || families.length > 0 ? (
        <>
          <h3>{t("families.own.introduced.heading")}</h3>
          {families.length === 0 ? <p>{t("families.own.introduced.none")}</p> : families.map((f) => (
            <article key={f.introductionId} className="partner-card" aria-labelledby={`family-${f.introductionId}`}>
              <h4 id={`family-${f.introductionId}`}>{f.name}</h4>
              <p>{t("families.own.introduced.since", { date: formatDate(f.introducedAt.slice(0, 10), t.locale) })}</p>
              {f.phone ? <p><a href={`tel:${f.phone.replace(/[^0-9+]/g, "")}`}>{t("families.own.introduced.phone", { phone: f.phone })}</a></p> : null}
              {f.email ? <p><a href={`mailto:${f.email}`}>{t("families.own.introduced.email", { email: f.email })}</a></p> : null}
              {f.note ? <p>{t("families.own.introduced.note", { note: f.note })}</p> : null}
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}

/** Yes (with what a support person shares) and stop, for the person's own page. */
export function OwnFamilyAnswer({ t, agreement, shares, agreeLabel }: { t: Translate; agreement: FamilyAgreementView | null; shares: boolean; agreeLabel: string }) {
  return (
    <>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="answer" value="yes" />
        {shares ? (
          <fieldset className="checkboxes">
            <CheckboxField name="sharePhone" label={t("families.own.sharePhone")} defaultChecked={agreement?.sharePhone ?? false} />
            <CheckboxField name="shareEmail" label={t("families.own.shareEmail")} defaultChecked={agreement?.shareEmail ?? false} />
          </fieldset>
        ) : null}
        <button type="submit">{agreement ? t("families.own.save") : agreeLabel}</button>
      </Form>
      {agreement ? (
        <section aria-labelledby="families-stop">
          <h2 id="families-stop">{t("families.own.withdraw.heading")}</h2>
          <p>{t("families.own.withdraw.hint")}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="answer" value="stop" />
            <button type="submit" className="secondary">{t("families.own.withdraw")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

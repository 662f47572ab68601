import { Fragment } from "react";
import type { ConsentForm } from "../../src/domain/consent/consent-form.ts";

/** A release of information as printed, from buildConsentForm (the PDF draws the same content). */
export function ConsentFormDocument({ form, grantId }: { form: ConsentForm; grantId?: string }) {
  return (
    <article className="consent-form" aria-labelledby="consent-form-title" data-grant-id={grantId}>
      <h1 id="consent-form-title">{form.title}</h1>
      <p>{form.intro}</p>
      {form.withdrawals.map((line, i) => <p key={i} className="withdrawn">{line}</p>)}
      {form.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} data-section={section.id}>
          <h2 id={`section-${section.id}`}>{section.heading}</h2>
          {section.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
          {section.items.length ? <ul>{section.items.map((item, i) => <li key={i}>{item}</li>)}</ul> : null}
          {section.id === "part2" && form.part2Notice ? <p className="part2-notice">{form.part2Notice}</p> : null}
        </section>
      ))}
      {form.signature ? (
        <section className="signature" aria-labelledby="section-signature">
          <h2 id="section-signature">{form.signature.heading}</h2>
          <dl className="signature-lines">
            {form.signature.lines.map((line) => (
              <Fragment key={line.label}>
                <dt>{line.label}</dt>
                <dd>{line.value}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ) : null}
    </article>
  );
}

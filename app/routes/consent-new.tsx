import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import type { Route } from "./+types/consent-new";
import { buildConsentForm, type ConsentTerms } from "../../src/domain/consent/consent-form.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { listConsentGrants, recordConsentGrant, renewConsentGrant, SCAN_MAX_BYTES, SCAN_TYPES, type ScanUpload } from "../../src/domain/consent/consent.server.ts";
import { CONSENT_CATEGORIES, PART2_CATEGORY, consentGrantInputSchema } from "../../src/domain/consent/model.ts";
import { getNetwork } from "../../src/domain/network/network.server.ts";
import { CheckboxField, CsrfField, ErrorSummary, TextArea, TextField, type Errors } from "../components/forms.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import networkStyles from "../components/network.css?url";
import { localeFor, type Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { FieldErrors } from "../../src/domain/validation.ts";
import { readForm, type SubmittedForm } from "../lib/form.server.ts";
import { errorText, useT, useTranslator } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

/** What the two steps carry: the terms first, then the signature. */
interface ConsentValues {
  categories: string[];
  purpose: string;
  mayAttendMeetings: boolean;
  mayReceivePlan: boolean;
  mayBeContacted: boolean;
  startsOn: string;
  expiresOn: string;
  expiryEvent: string;
  signedMethod: string;
  signatureName: string;
  signedOn: string;
  participantConfirmed: boolean;
}

const TERM_FIELDS = new Set(["categories", "purpose", "mayAttendMeetings", "mayReceivePlan", "mayBeContacted", "startsOn", "expiresOn", "expiryEvent", "signedMethod", "supportPersonId", "form"]);

const today = () => new Date().toISOString().slice(0, 10);
function aYearFrom(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

function valuesOf(form: SubmittedForm): ConsentValues {
  const text = (name: string) => form.get(name) ?? "";
  return {
    categories: form.getAll("categories"),
    purpose: text("purpose"), mayAttendMeetings: form.get("mayAttendMeetings") === "on", mayReceivePlan: form.get("mayReceivePlan") === "on",
    mayBeContacted: form.get("mayBeContacted") === "on", startsOn: text("startsOn"), expiresOn: text("expiresOn"), expiryEvent: text("expiryEvent"),
    signedMethod: text("signedMethod"), signatureName: text("signatureName"), signedOn: text("signedOn"), participantConfirmed: form.get("participantConfirmed") === "on",
  };
}

function inputOf(values: ConsentValues, supportPersonId: string) {
  return { supportPersonId, ...values };
}

/** Who the consent is for, refused when the person may not be reached (do not contact, or taken off the network). */
async function personFor(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireParticipant(args.context, args.request, args.params.id, "update");
  const ctx = app(args.context);
  const view = await getNetwork(ctx.db, access, ctx.meta);
  const person = view?.current.find((p) => p.id === args.params.personId);
  if (!view || !person || !view.can.update) throw notFound();
  return { access, ctx, view, person, blocked: person.status === "do_not_contact" };
}

/**
 * A renewal (?renews=<grantId>): the grant it follows, for the same person. Its terms
 * prefill the form; the participant signs again, as for any grant.
 */
async function renewedGrant(args: Route.LoaderArgs | Route.ActionArgs, access: AuthorizedParticipant, personId: string) {
  const renews = new URL(args.request.url).searchParams.get("renews");
  if (!renews) return null;
  const ctx = app(args.context);
  const grants = await listConsentGrants(ctx.db, access, ctx.meta, personId);
  const grant = grants?.find((g) => g.id === renews);
  if (!grant) throw notFound();
  return grant;
}

export async function loader(args: Route.LoaderArgs) {
  const { access, view, person, blocked } = await personFor(args);
  const start = today();
  const renews = await renewedGrant(args, access, person.id);
  return {
    renews: renews ? { id: renews.id, signedOn: renews.signedOn } : null,
    participant: view.participant,
    person: { id: person.id, name: person.name, relationshipKind: person.relationshipKind, relationshipOther: person.relationshipOther, phone: person.phone, email: person.email },
    blocked,
    scan: { types: SCAN_TYPES.join(","), maxMegabytes: Math.round(SCAN_MAX_BYTES / 1024 / 1024) },
    defaults: (renews ? {
      categories: renews.categories, purpose: renews.purpose, mayAttendMeetings: renews.mayAttendMeetings, mayReceivePlan: renews.mayReceivePlan,
      mayBeContacted: renews.mayBeContacted, startsOn: start, expiresOn: renews.expiryEvent && !renews.expiresOn ? "" : aYearFrom(start),
      expiryEvent: renews.expiryEvent ?? "", signedMethod: renews.signedMethod, signatureName: "", signedOn: start, participantConfirmed: false,
    } : {
      categories: [], purpose: "", mayAttendMeetings: false, mayReceivePlan: false, mayBeContacted: true, startsOn: start, expiresOn: aYearFrom(start),
      expiryEvent: "", signedMethod: "in_app", signatureName: "", signedOn: start, participantConfirmed: false,
    }) satisfies ConsentValues,
  };
}

type Step = "terms" | "sign";
interface StepResult {
  step: Step;
  values: ConsentValues;
  errors: FieldErrors;
  terms: ConsentTerms | null;
  formError: "consent.new.blocked" | "consent.renew.already" | null;
}

function respond(result: StepResult, status = 200) {
  return data(result, { status });
}

export async function action(args: Route.ActionArgs) {
  const { access, ctx, person, blocked } = await personFor(args);
  const form = await readForm(args.request);
  const values = valuesOf(form);
  const intent = form.get("intent");
  if (blocked) return respond({ step: "terms", values, errors: {}, terms: null, formError: "consent.new.blocked" }, 409);
  if (intent === "edit") return respond({ step: "terms", values, errors: {}, terms: null, formError: null });

  if (intent === "review") {
    // The terms are checked on their own first; the signature comes on the next step.
    const draft = { ...values, signatureName: "review", signedOn: today(), participantConfirmed: true };
    const parsed = form.parse(consentGrantInputSchema, () => inputOf(draft, person.id));
    if (!parsed.ok) return respond({ step: "terms", values, errors: parsed.errors, terms: null, formError: null }, 400);
    return respond({ step: "sign", values: { ...values, signedOn: values.signedOn || today() }, errors: {}, terms: parsed.data, formError: null });
  }

  if (intent === "save") {
    const parsed = form.parse(consentGrantInputSchema, () => inputOf(values, person.id));
    if (!parsed.ok) {
      const errors = parsed.errors;
      const termsWrong = Object.keys(errors).some((field) => TERM_FIELDS.has(field));
      return respond({ step: termsWrong ? "terms" : "sign", values, errors, terms: termsWrong ? null : termsFrom(values), formError: null }, 400);
    }
    const file = form.file("scan");
    const scan: ScanUpload | null = parsed.data.signedMethod === "paper" && file
      ? { filename: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
      : null;
    const renews = await renewedGrant(args, access, person.id);
    const result = renews
      ? await renewConsentGrant(ctx.db, access, renews.id, parsed.data, scan, ctx.meta)
      : await recordConsentGrant(ctx.db, access, parsed.data, scan, ctx.meta);
    if (result.ok) return redirect(`/participants/${args.params.id}/network/${person.id}?consent=${result.grant.id}#consent`);
    if (result.reason === "not_found" || result.reason === "other_person") throw notFound();
    if (result.reason === "already_renewed") return respond({ step: "terms", values, errors: {}, terms: null, formError: "consent.renew.already" }, 409);
    if (result.reason === "unreachable_person") return respond({ step: "terms", values, errors: {}, terms: null, formError: "consent.new.blocked" }, 409);
    const key = result.reason === "scan_required" ? "consent.scan.required" : "consent.scan.invalid";
    return respond({ step: "sign", values, errors: { scan: key }, terms: termsFrom(values), formError: null }, 400);
  }
  throw notFound();
}

function termsFrom(values: ConsentValues): ConsentTerms {
  return {
    categories: CONSENT_CATEGORIES.filter((c) => values.categories.includes(c)), purpose: values.purpose, mayAttendMeetings: values.mayAttendMeetings,
    mayReceivePlan: values.mayReceivePlan, mayBeContacted: values.mayBeContacted, startsOn: values.startsOn, expiresOn: values.expiresOn || null,
    expiryEvent: values.expiryEvent || null,
  };
}

export default function ConsentNewPage() {
  const t = useT();
  const { participant, person, blocked, defaults, scan, renews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as StepResult | undefined;
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const back = `/participants/${participant.id}/network/${person.id}`;
  const values = result?.values ?? defaults;
  const step = result?.step ?? "terms";

  return (
    <div className="page">
      <title>{`${t("consent.new.title", { name: person.name })} · ${t("app.name")}`}</title>
      <p><Link to={back}>{t("consent.new.back", { name: person.name })}</Link></p>
      <h1>{t("consent.new.title", { name: person.name })}</h1>
      <p className="muted">{t("consent.new.subtitle", { participant: name })}</p>
      {renews ? <p className="notice" data-testid="renewing">{t("consent.renew.intro", { date: formatDate(renews.signedOn, t.locale) })}</p> : null}
      {result?.formError === "consent.renew.already" ? <p className="form-error" role="alert">{t("consent.renew.already")}</p> : blocked || result?.formError ? (
        <div className="banner-stop" role="alert">
          <h2>{t("network.person.dnc.title")}</h2>
          <p>{t("consent.new.blocked")}</p>
        </div>
      ) : step === "terms" ? (
        <TermsStep t={t} values={values} errors={result?.errors} personName={person.name} busy={busy} />
      ) : (
        <SignStep t={t} values={values} errors={result?.errors} terms={result!.terms!} participant={participant} person={person} scan={scan} busy={busy} />
      )}
    </div>
  );
}

function labelsOf(t: Translate): Record<string, string> {
  return {
    categories: t("consent.field.categories"), purpose: t("consent.field.purpose"), startsOn: t("consent.field.startsOn"), expiresOn: t("consent.field.expiresOn"),
    expiryEvent: t("consent.field.expiryEvent"), signedMethod: t("consent.field.signedMethod"), signatureName: t("consent.field.signatureName"),
    signedOn: t("consent.field.signedOn"), participantConfirmed: t("consent.field.participantConfirmed"), scan: t("consent.field.scan"),
  };
}

function TermsStep({ t, values, errors, personName, busy }: { t: Translate; values: ConsentValues; errors: Errors; personName: string; busy: boolean }) {
  const labels = labelsOf(t);
  const categoryError = errors?.categories;
  return (
    <>
      <p>{t("consent.new.intro")}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset className={categoryError ? "field field--error" : "field"} aria-describedby={`field-categories-hint${categoryError ? " field-categories-error" : ""}`}>
          <legend id="field-categories">{labels.categories}</legend>
          <p className="hint" id="field-categories-hint">{t("consent.field.categories.hint", { name: personName })}</p>
          {categoryError ? <p className="field-error" id="field-categories-error">{errorText(t, categoryError)}</p> : null}
          {CONSENT_CATEGORIES.map((c) => (
            <div className="checkbox" key={c}>
              <input type="checkbox" id={`category-${c}`} name="categories" value={c} defaultChecked={values.categories.includes(c)} />
              <label htmlFor={`category-${c}`}>{t(`consent.category.${c}`)}</label>
            </div>
          ))}
          <p className="warning">{t("consent.field.part2Hint", { category: t(`consent.category.${PART2_CATEGORY}`) })}</p>
        </fieldset>
        <TextArea name="purpose" label={labels.purpose!} hint={t("consent.field.purpose.hint")} defaultValue={values.purpose} errors={errors} />
        <fieldset className="field">
          <legend>{t("consent.field.involvement", { name: personName })}</legend>
          <CheckboxField name="mayAttendMeetings" label={t("consent.field.mayAttendMeetings.long", { name: personName })} defaultChecked={values.mayAttendMeetings} errors={errors} />
          <CheckboxField name="mayReceivePlan" label={t("consent.field.mayReceivePlan.long", { name: personName })} defaultChecked={values.mayReceivePlan} errors={errors} />
          <CheckboxField name="mayBeContacted" label={t("consent.field.mayBeContacted.long", { name: personName })} defaultChecked={values.mayBeContacted} errors={errors} />
        </fieldset>
        <TextField name="startsOn" type="date" label={labels.startsOn!} defaultValue={values.startsOn} errors={errors} />
        <fieldset className="field">
          <legend>{t("consent.field.ends")}</legend>
          <p className="hint">{t("consent.field.ends.hint")}</p>
          <TextField name="expiresOn" type="date" label={labels.expiresOn!} defaultValue={values.expiresOn} errors={errors} />
          <TextField name="expiryEvent" label={labels.expiryEvent!} hint={t("consent.field.expiryEvent.hint")} defaultValue={values.expiryEvent} errors={errors} />
        </fieldset>
        <fieldset className={errors?.signedMethod ? "field field--error" : "field"}>
          <legend id="field-signedMethod">{labels.signedMethod}</legend>
          {errors?.signedMethod ? <p className="field-error">{errorText(t, errors.signedMethod)}</p> : null}
          {(["in_app", "paper"] as const).map((m) => (
            <div className="checkbox" key={m}>
              <input type="radio" id={`signedMethod-${m}`} name="signedMethod" value={m} defaultChecked={values.signedMethod === m} />
              <label htmlFor={`signedMethod-${m}`}>{t(`consent.field.signedMethod.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="review" disabled={busy}>{t("consent.new.review")}</button>
      </Form>
    </>
  );
}

/** The terms carried as hidden fields while the participant reads and signs. */
function CarriedTerms({ values }: { values: ConsentValues }) {
  return (
    <>
      {values.categories.map((c) => <input key={c} type="hidden" name="categories" value={c} />)}
      <input type="hidden" name="purpose" value={values.purpose} />
      {values.mayAttendMeetings ? <input type="hidden" name="mayAttendMeetings" value="on" /> : null}
      {values.mayReceivePlan ? <input type="hidden" name="mayReceivePlan" value="on" /> : null}
      {values.mayBeContacted ? <input type="hidden" name="mayBeContacted" value="on" /> : null}
      <input type="hidden" name="startsOn" value={values.startsOn} />
      <input type="hidden" name="expiresOn" value={values.expiresOn} />
      <input type="hidden" name="expiryEvent" value={values.expiryEvent} />
      <input type="hidden" name="signedMethod" value={values.signedMethod} />
    </>
  );
}

/** The chosen terms as the GET parameters of the blank form to sign on paper (read by app/lib/blank-consent.server.ts). */
function blankFormQuery(values: ConsentValues): string {
  const query = new URLSearchParams();
  for (const c of values.categories) query.append("categories", c);
  query.set("purpose", values.purpose);
  for (const flag of ["mayAttendMeetings", "mayReceivePlan", "mayBeContacted"] as const) if (values[flag]) query.set(flag, "on");
  query.set("startsOn", values.startsOn);
  if (values.expiresOn) query.set("expiresOn", values.expiresOn);
  if (values.expiryEvent) query.set("expiryEvent", values.expiryEvent);
  return query.toString();
}

function SignStep({ t, values, errors, terms, participant, person, scan, busy }: {
  t: Translate; values: ConsentValues; errors: Errors; terms: ConsentTerms; busy: boolean; scan: ScanRules;
  participant: { id: string; firstName: string; lastName: string; preferredName: string | null; preferredLanguage: string; specialistName: string };
  person: Parameters<typeof buildConsentForm>[0]["person"] & { id: string };
}) {
  const participantId = participant.id;
  const labels = labelsOf(t);
  // What the participant reads before signing: in their language.
  const words = useTranslator(localeFor(participant.preferredLanguage));
  const summary = buildConsentForm({ participant, specialistName: participant.specialistName, person, terms }, words);
  const inApp = values.signedMethod === "in_app";
  const blankForm = `/participants/${participantId}/network/${person.id}/consent/blank`;
  const blankTerms = blankFormQuery(values);
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <p>{inApp ? t("consent.new.readFirst", { name: participant.preferredName ?? participant.firstName }) : t("consent.new.paperCheck")}</p>
      <section className="summary-to-sign" lang={words.locale} aria-labelledby="summary-heading">
        <h2 id="summary-heading">{summary.title}</h2>
        <p>{summary.intro}</p>
        {summary.sections.map((section) => (
          <div key={section.id}>
            <h3>{section.heading}</h3>
            {section.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
            {section.items.length ? <ul>{section.items.map((item, i) => <li key={i}>{item}</li>)}</ul> : null}
            {section.id === "part2" && summary.part2Notice ? <p className="part2-notice">{summary.part2Notice}</p> : null}
          </div>
        ))}
      </section>
      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <CarriedTerms values={values} />
        <h2>{inApp ? t("consent.new.signHeading") : t("consent.new.paperHeading")}</h2>
        {inApp ? (
          <>
            <TextField name="signatureName" label={labels.signatureName!} hint={t("consent.field.signatureName.hint")} defaultValue={values.signatureName} errors={errors} autoComplete="off" />
            <CheckboxField name="participantConfirmed" label={t("consent.field.participantConfirmed.long")} defaultChecked={values.participantConfirmed} errors={errors} />
          </>
        ) : (
          <>
            <p className="no-print">
              <a href={`${blankForm}?${blankTerms}`} target="_blank" rel="noopener">{t("consentForm.blank.print")}</a>
              {" · "}
              <a href={`${blankForm}.pdf?${blankTerms}`}>{t("consentForm.blank.pdf")}</a>
            </p>
            <ScanField t={t} errors={errors} label={labels.scan!} rules={scan} />
          </>
        )}
        <TextField name="signedOn" type="date" label={labels.signedOn!} defaultValue={values.signedOn} errors={errors} />
        <div className="actions">
          <button type="submit" name="intent" value="save" disabled={busy}>{t("consent.new.save")}</button>
          <button type="submit" name="intent" value="edit" className="secondary" formNoValidate>{t("consent.new.change")}</button>
        </div>
      </Form>
    </>
  );
}

interface ScanRules {
  types: string;
  maxMegabytes: number;
}

function ScanField({ t, errors, label, rules }: { t: Translate; errors: Errors; label: string; rules: ScanRules }) {
  const error = errors?.scan;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor="field-scan">{label}</label>
      <p className="hint" id="field-scan-hint">{t("consent.field.scan.hint", { size: rules.maxMegabytes })}</p>
      {error ? <p className="field-error" id="field-scan-error">{errorText(t, error)}</p> : null}
      <input
        type="file" id="field-scan" name="scan" accept={rules.types}
        aria-invalid={error ? true : undefined} aria-describedby={error ? "field-scan-hint field-scan-error" : "field-scan-hint"}
      />
    </div>
  );
}

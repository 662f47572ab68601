import { formatDate } from "../../i18n/format.ts";
import type { Locale, Translate } from "../../i18n/index.ts";
import type { RelationshipKind } from "../network/vocabulary.ts";
import { PART2_CATEGORY, type ConsentCategory, type ConsentGrant } from "./model.ts";

/**
 * The content of a release of information, in plain words, built once and drawn
 * by both the printable page and the PDF. It carries what a valid authorization
 * needs (HIPAA 45 CFR 164.508(c); 42 CFR 2.31 for substance use treatment): who
 * discloses, to whom, what, why, until when, the right to revoke and how, the
 * chance of redisclosure, that signing is not a condition of services, and the
 * signature and date. Pure: the caller passes the words, in the participant's
 * language, and the facts.
 */

/** What the form says about the grant: the terms, and once saved, how it was signed. */
export interface ConsentTerms {
  categories: readonly ConsentCategory[];
  purpose: string;
  mayAttendMeetings: boolean;
  mayReceivePlan: boolean;
  mayBeContacted: boolean;
  startsOn: string;
  expiresOn: string | null;
  expiryEvent: string | null;
}

export type SignedRecord = Pick<
  ConsentGrant,
  "id" | "signedMethod" | "signatureName" | "signedOn" | "participantConfirmed" | "hasScan" | "recordedBy" | "recordedAt" | "revocations" | "status"
>;

export interface ConsentFormFacts {
  /** The participant reads and signs the form: it is written in their preferred language. */
  participant: { firstName: string; lastName: string; preferredName: string | null; preferredLanguage: string };
  specialistName: string;
  person: { name: string; relationshipKind: RelationshipKind; relationshipOther: string | null; phone: string | null; email: string | null };
  terms: ConsentTerms;
  /** Absent while the participant reviews the terms before signing. */
  record?: SignedRecord;
}

export interface ConsentFormSection {
  id: "who" | "toWhom" | "what" | "involvement" | "why" | "when" | "rights" | "part2";
  heading: string;
  paragraphs: string[];
  items: string[];
}

export interface ConsentForm {
  /** The language it is written in: the participant's. */
  locale: Locale;
  title: string;
  intro: string;
  sections: ConsentFormSection[];
  /** Set when substance use treatment information is covered (42 CFR 2.32). */
  part2Notice: string | null;
  /** Lines with a value are filled in; an empty value is a line to sign or write on. */
  signature: { heading: string; lines: { label: string; value: string }[] } | null;
  /** Withdrawals so far, so a printed copy never looks more current than it is. */
  withdrawals: string[];
}

function relationshipOf(person: ConsentFormFacts["person"], t: Translate): string {
  if (person.relationshipKind === "other" && person.relationshipOther) return person.relationshipOther;
  return t(`network.relationshipKind.${person.relationshipKind}`);
}

function endsWhen(terms: ConsentTerms, t: Translate): string {
  if (terms.expiresOn && terms.expiryEvent) return t("consentForm.when.both", { date: formatDate(terms.expiresOn, t.locale), event: terms.expiryEvent });
  if (terms.expiresOn) return t("consentForm.when.date", { date: formatDate(terms.expiresOn, t.locale) });
  return t("consentForm.when.event", { event: terms.expiryEvent ?? "" });
}

export function buildConsentForm(facts: ConsentFormFacts, t: Translate): ConsentForm {
  const { participant, person, terms, record } = facts;
  const participantName = `${participant.firstName} ${participant.lastName}`;
  const personName = person.name;
  const part2 = terms.categories.includes(PART2_CATEGORY);

  const contact = [person.phone ? t("consentForm.toWhom.phone", { phone: person.phone }) : null, person.email ? t("consentForm.toWhom.email", { email: person.email }) : null]
    .filter((line): line is string => line !== null);

  const involvement = [
    terms.mayAttendMeetings ? t("consentForm.involvement.attendMeetings", { person: personName }) : null,
    terms.mayReceivePlan ? t("consentForm.involvement.receivePlan", { person: personName }) : null,
    terms.mayBeContacted ? t("consentForm.involvement.contact", { person: personName }) : null,
  ].filter((line): line is string => line !== null);

  const sections: ConsentFormSection[] = [
    { id: "who", heading: t("consentForm.who.heading"), paragraphs: [t("consentForm.who.body", { specialist: facts.specialistName })], items: [] },
    {
      id: "toWhom", heading: t("consentForm.toWhom.heading"),
      paragraphs: [t("consentForm.toWhom.body", { person: personName, relationship: relationshipOf(person, t) }), ...contact], items: [],
    },
    {
      id: "what", heading: t("consentForm.what.heading"),
      paragraphs: [t("consentForm.what.body", { person: personName })],
      items: terms.categories.map((c) => t(`consent.category.${c}`)),
    },
    {
      id: "involvement", heading: t("consentForm.involvement.heading"),
      paragraphs: involvement.length === 0 ? [t("consentForm.involvement.none", { person: personName })] : [],
      items: involvement,
    },
    { id: "why", heading: t("consentForm.why.heading"), paragraphs: [terms.purpose], items: [] },
    {
      id: "when", heading: t("consentForm.when.heading"),
      paragraphs: [t("consentForm.when.starts", { date: formatDate(terms.startsOn, t.locale) }), endsWhen(terms, t)], items: [],
    },
    {
      id: "rights", heading: t("consentForm.rights.heading"), paragraphs: [],
      items: [
        t("consentForm.rights.voluntary"),
        t("consentForm.rights.revoke"),
        t("consentForm.rights.how", { specialist: facts.specialistName }),
        t("consentForm.rights.notUndone"),
        t("consentForm.rights.redisclosure", { person: personName }),
        t("consentForm.rights.copy"),
      ],
    },
  ];
  if (part2) {
    sections.push({ id: "part2", heading: t("consentForm.part2.heading"), paragraphs: [t("consentForm.part2.body", { person: personName })], items: [] });
  }

  let signature: ConsentForm["signature"] = null;
  const withdrawals: string[] = [];
  if (record) {
    const lines = [{ label: t("consentForm.signature.participant"), value: participantName }];
    if (record.signedMethod === "in_app") {
      lines.push({ label: t("consentForm.signature.signedInApp"), value: record.signatureName ?? "" });
    } else {
      lines.push({ label: t("consentForm.signature.signedOnPaper"), value: t(record.hasScan ? "consentForm.signature.scanKept" : "consentForm.signature.noScan") });
    }
    lines.push(
      { label: t("consentForm.signature.date"), value: formatDate(record.signedOn, t.locale) },
      { label: t("consentForm.signature.recordedBy"), value: t("consentForm.signature.recordedByValue", { name: record.recordedBy, date: formatDate(record.recordedAt, t.locale) }) },
    );
    signature = { heading: t("consentForm.signature.heading"), lines };
    for (const revocation of record.revocations) {
      const date = formatDate(revocation.revokedAt, t.locale);
      withdrawals.push(revocation.category === null
        ? t("consentForm.withdrawn.whole", { date })
        : t("consentForm.withdrawn.category", { category: t(`consent.category.${revocation.category}`), date }));
    }
  } else {
    signature = {
      heading: t("consentForm.signature.heading"),
      lines: [
        { label: t("consentForm.signature.participant"), value: participantName },
        { label: t("consentForm.signature.sign"), value: "" },
        { label: t("consentForm.signature.date"), value: "" },
      ],
    };
  }

  return {
    locale: t.locale,
    title: t("consentForm.title"),
    intro: t("consentForm.intro", { participant: participantName, person: personName }),
    sections,
    part2Notice: part2 ? t("consent.part2Notice") : null,
    signature,
    withdrawals,
  };
}

/** The form's terms from a saved grant. */
export function termsOf(grant: ConsentGrant): ConsentTerms {
  return {
    categories: grant.categories, purpose: grant.purpose, mayAttendMeetings: grant.mayAttendMeetings, mayReceivePlan: grant.mayReceivePlan,
    mayBeContacted: grant.mayBeContacted, startsOn: grant.startsOn, expiresOn: grant.expiresOn, expiryEvent: grant.expiryEvent,
  };
}

import { Link } from "react-router";
import type { ContactNote } from "../../src/domain/contacts/model.ts";
import type { Translate } from "../../src/i18n/index.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { contactWith } from "./participant-glance.tsx";

/** The log of contacts, newest first: each a read-only summary with its edit link. */
export function ContactNoteList({ t, notes, name, base, canWrite }: { t: Translate; notes: readonly ContactNote[]; name: string; base: string; canWrite: boolean }) {
  if (notes.length === 0) return <p className="muted">{t("contactNote.none")}</p>;
  return (
    <ol className="contact-notes" data-testid="contact-notes">
      {notes.map((n) => (
        <li key={n.id} id={`note-${n.id}`} className="glance-card">
          <div className="glance-card__title">
            <h2>{formatDate(n.contactedOn, t.locale)}</h2>
            {canWrite ? <Link to={`${base}/contacts/${n.id}`}>{t("contactNote.edit.link")}<span className="visually-hidden">{` ${formatDate(n.contactedOn, t.locale)}`}</span></Link> : null}
          </div>
          <div className="glance-card__body">
            <dl className="glance-facts">
              <div><dt>{t("contactNote.meta.how")}</dt><dd>{t(`contactNote.method.${n.method}`)}</dd></div>
              <div><dt>{t("contactNote.meta.with")}</dt><dd>{contactWith(t, n, name)}</dd></div>
              <div><dt>{t("contactNote.meta.touched")}</dt><dd>{n.discloses.length ? n.discloses.map((c) => t(`consent.category.${c}`)).join(", ") : t("contactNote.meta.nothingTouched")}</dd></div>
            </dl>
            <p className="glance-summary">{n.summary}</p>
            <p className="muted">{n.version > 1 && n.updatedBy !== n.createdBy
              ? t("contactNote.meta.byEdited", { name: n.createdBy, editor: n.updatedBy })
              : t("contactNote.meta.by", { name: n.createdBy })}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/contact-note";
import { contactNoteDeleteSchema, contactNoteUpdateSchema } from "../../src/domain/contacts/model.ts";
import { deleteContactNote, readContactNote, updateContactNote } from "../../src/domain/contacts/contacts.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { ContactNoteForm, OutsideConsentMessage, type ContactNoteProblem } from "../components/contact-note-form.tsx";
import { ContactNoteList } from "../components/contact-note-list.tsx";
import { CsrfField, CheckboxField } from "../components/forms.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const view = await readContactNote(ctx.db, access, params.noteId, ctx.meta);
  if (!view || !view.canWrite) throw notFound();
  return { participant: access.participant, note: view.note, people: view.people, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const list = `/participants/${params.id}/contacts`;
  if (form.get("intent") === "delete") {
    const parsed = form.parse(contactNoteDeleteSchema);
    if (!parsed.ok) return data<ContactNoteProblem>({ errors: parsed.errors, values: parsed.values, chosen: parsed.chosen }, { status: 400 });
    // Deleting cannot be undone: the box must be ticked, with or without JavaScript.
    if (form.get("confirm") !== "on") return data<ContactNoteProblem>({ errors: { confirm: "contactNote.delete.confirmRequired" }, values: {}, chosen: {} }, { status: 400 });
    const result = await deleteContactNote(ctx.db, access, params.noteId, parsed.data.version, ctx.meta);
    if (result.ok) return redirect(`${list}?done=deleted`);
    if (result.reason === "conflict") return data<ContactNoteProblem>({ errors: {}, values: {}, chosen: {}, current: result.current }, { status: 409 });
    throw notFound();
  }
  const parsed = form.parse(contactNoteUpdateSchema);
  if (!parsed.ok) return data<ContactNoteProblem>({ errors: parsed.errors, values: parsed.values, chosen: parsed.chosen }, { status: 400 });
  const result = await updateContactNote(ctx.db, access, params.noteId, parsed.data, ctx.meta);
  if (result.ok) return redirect(`${list}?done=saved#note-${result.note.id}`);
  if (result.reason === "outside_consent") return data<ContactNoteProblem>({ errors: {}, values: parsed.values, chosen: parsed.chosen, outside: result.outside }, { status: 422 });
  if (result.reason === "conflict") return data<ContactNoteProblem>({ errors: {}, values: parsed.values, chosen: parsed.chosen, current: result.current }, { status: 409 });
  throw notFound();
}

export default function ContactNotePage() {
  const t = useT();
  const { participant, note, people, today } = useLoaderData<typeof loader>();
  const problem = useActionData<ContactNoteProblem>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  const base = `/participants/${participant.id}`;
  const title = t("contactNote.edit.title", { date: formatDate(note.contactedOn, t.locale) });
  // After a conflict the version now saved is shown above the form, which keeps what this person typed.
  const shown = problem?.current ?? note;
  return (
    <div className="page">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p className="no-print"><Link to={`${base}/contacts`}>{t("contactNote.back")}</Link></p>
      <h1>{title}</h1>
      {problem?.current ? (
        <div className="conflict" data-testid="note-conflict">
          <div className="form-error" role="alert"><p>{t("contactNote.conflict")}</p></div>
          <ContactNoteList t={t} notes={[problem.current]} name={name} base={base} canWrite={false} />
        </div>
      ) : null}
      <OutsideConsentMessage t={t} participant={name} problem={problem} />
      <ContactNoteForm key={shown.version} t={t} name={name} people={people} note={note} problem={problem}
        today={today} submitLabel={t("contactNote.edit.submit")} busy={busy} />

      <section aria-labelledby="delete-heading" className="no-print">
        <h2 id="delete-heading">{t("contactNote.delete.heading")}</h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={shown.version} />
          <CheckboxField name="confirm" label={t("contactNote.delete.confirm")} errors={problem?.errors} defaultChecked={false} />
          <p><button type="submit" className="danger" disabled={busy}>{t("contactNote.delete.submit")}</button></p>
        </Form>
      </section>
    </div>
  );
}

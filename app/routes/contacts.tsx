import { data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/contacts";
import { contactNoteInputSchema } from "../../src/domain/contacts/model.ts";
import { createContactNote, readContactNotes } from "../../src/domain/contacts/contacts.server.ts";
import { ContactNoteForm, OutsideConsentMessage, type ContactNoteProblem } from "../components/contact-note-form.tsx";
import { ContactNoteList } from "../components/contact-note-list.tsx";
import { participantDisplayName } from "../components/support-person-fields.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const NOTICES = ["created", "saved", "deleted"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const view = await readContactNotes(ctx.db, access, ctx.meta);
  if (!view) throw notFound();
  const done = new URL(request.url).searchParams.get("done");
  return { participant: access.participant, ...view, today: new Date().toISOString().slice(0, 10), notice: NOTICES.find((n) => n === done) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await parseForm(request, contactNoteInputSchema);
  if (!form.ok) return data<ContactNoteProblem>({ errors: form.errors, values: form.values, chosen: form.chosen }, { status: 400 });
  const result = await createContactNote(ctx.db, access, form.data, ctx.meta);
  if (result.ok) return redirect(`/participants/${params.id}/contacts?done=created#note-${result.note.id}`);
  if (result.reason === "outside_consent") {
    return data<ContactNoteProblem>({ errors: {}, values: form.values, chosen: form.chosen, outside: result.outside }, { status: 422 });
  }
  throw notFound();
}

export default function ContactNotesPage() {
  const t = useT();
  const { participant, notes, people, canWrite, today, notice } = useLoaderData<typeof loader>();
  const problem = useActionData<ContactNoteProblem>();
  const busy = useNavigation().state === "submitting";
  const name = participantDisplayName(participant);
  return (
    <div className="page">
      <title>{`${t("contactNote.title", { name })} · ${t("app.name")}`}</title>
      <h1>{t("contactNote.title", { name })}</h1>
      {notice ? <p className="notice" role="status">{t(`contactNote.${notice}`)}</p> : null}
      <p>{t("contactNote.intro", { name })}</p>
      <ContactNoteList t={t} notes={notes} name={name} base={`/participants/${participant.id}`} canWrite={canWrite} />
      {canWrite ? (
        <section aria-labelledby="add-contact" className="no-print">
          <details className="disclosure" open={!!problem || notes.length === 0}>
            <summary><h2 id="add-contact">{t("contactNote.add.heading")}</h2></summary>
            <OutsideConsentMessage t={t} participant={name} problem={problem} />
            <ContactNoteForm t={t} name={name} people={people} note={null} problem={problem} today={today} submitLabel={t("contactNote.add.submit")} busy={busy} />
          </details>
        </section>
      ) : null}
    </div>
  );
}

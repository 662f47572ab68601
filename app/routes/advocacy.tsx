import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/advocacy";
import { MEMBER_ROLES, advocacyMeetingSchema, advocacyMemberSchema, advocacySpeakerSchema } from "../../src/domain/advocacy/model.ts";
import { addToAdvocacyLog, readAdvocacyLog, type AdvocacyAddition } from "../../src/domain/advocacy/advocacy.server.ts";
import { mayKeepAdvocacy } from "../../src/domain/advocacy/policy.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { CsrfField, DateField, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

const ENTRIES = ["member", "meeting", "speaker"] as const;

/** The log of the program's family advocates and steering committee (issue 15): staff read it, supervisors and administrators add to it. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const log = await readAdvocacyLog(app(context).db, actor);
  if (!log) throw notFound();
  return { log, canKeep: mayKeepAdvocacy(actor), added: new URL(request.url).searchParams.has("added") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const entry = ENTRIES.find((e) => e === form.get("entry"));
  if (!entry) throw notFound();
  const parsed = entry === "member" ? form.parse(advocacyMemberSchema) : entry === "meeting" ? form.parse(advocacyMeetingSchema) : form.parse(advocacySpeakerSchema);
  if (!parsed.ok) return data({ entry, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await addToAdvocacyLog(ctx.db, actor, { entry, input: parsed.data } as AdvocacyAddition, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect("/advocacy?added=1");
}

export default function AdvocacyPage() {
  const t = useT();
  const { log, canKeep, added } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const date = (d: string) => formatDate(d, t.locale, "medium");
  const errorsFor = (entry: string): Record<string, string> | undefined => (problem?.entry === entry ? problem.errors : undefined);
  const valueOf = (entry: string, field: string) => (problem?.entry === entry ? problem.values[field] ?? null : null);
  return (
    <div className="page">
      <title>{`${t("advocacy.title")} · ${t("app.name")}`}</title>
      <h1>{t("advocacy.title")}</h1>
      {added ? <p className="notice" role="status">{t("advocacy.added")}</p> : null}
      <p>{t("advocacy.intro")}</p>

      <section aria-labelledby="advocacy-members">
        <h2 id="advocacy-members">{t("advocacy.members.heading")}</h2>
        {log.members.length === 0 ? <p>{t("advocacy.members.none")}</p> : (
          <div className="table-wrap">
            <table data-testid="advocacy-members">
              <thead><tr><th scope="col">{t("advocacy.col.name")}</th><th scope="col">{t("advocacy.col.role")}</th><th scope="col">{t("advocacy.col.since")}</th><th scope="col">{t("advocacy.col.until")}</th></tr></thead>
              <tbody>
                {log.members.map((m) => (
                  <tr key={m.id}><td>{m.name}</td><td>{t(`advocacy.role.${m.role}`)}</td><td>{date(m.since)}</td><td>{m.until ? date(m.until) : t("advocacy.current")}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canKeep ? (
          <details className="disclosure no-print" open={problem?.entry === "member"}>
            <summary>{t("advocacy.member.add")}</summary>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="entry" value="member" />
              <ErrorSummary prefix="member" errors={errorsFor("member")} labels={{ name: t("advocacy.field.name"), role: t("advocacy.field.role"), since: t("advocacy.field.since"), until: t("advocacy.field.until") }} />
              <TextField prefix="member" name="name" label={t("advocacy.field.name")} errors={errorsFor("member")} defaultValue={valueOf("member", "name")} required />
              <SelectField prefix="member" name="role" label={t("advocacy.field.role")} errors={errorsFor("member")} defaultValue={valueOf("member", "role")}
                options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`advocacy.role.${r}`) }))} />
              <DateField prefix="member" name="since" label={t("advocacy.field.since")} errors={errorsFor("member")} defaultValue={valueOf("member", "since")} required />
              <DateField prefix="member" name="until" label={t("advocacy.field.until")} errors={errorsFor("member")} defaultValue={valueOf("member", "until")} />
              <p><button type="submit" disabled={busy}>{t("advocacy.submit")}</button></p>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="advocacy-meetings">
        <h2 id="advocacy-meetings">{t("advocacy.meetings.heading")}</h2>
        {log.meetings.length === 0 ? <p>{t("advocacy.meetings.none")}</p> : (
          <ul className="plain-list" data-testid="advocacy-meetings">
            {log.meetings.map((m) => <li key={m.id} className="card"><h3>{date(m.heldOn)}</h3><p className="pre-line">{m.notes}</p></li>)}
          </ul>
        )}
        {canKeep ? (
          <details className="disclosure no-print" open={problem?.entry === "meeting"}>
            <summary>{t("advocacy.meeting.add")}</summary>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="entry" value="meeting" />
              <ErrorSummary prefix="meeting" errors={errorsFor("meeting")} labels={{ heldOn: t("advocacy.field.heldOn"), notes: t("advocacy.field.notes") }} />
              <DateField prefix="meeting" name="heldOn" label={t("advocacy.field.heldOn")} errors={errorsFor("meeting")} defaultValue={valueOf("meeting", "heldOn")} required />
              <TextArea prefix="meeting" name="notes" label={t("advocacy.field.notes")} errors={errorsFor("meeting")} rows={4} maxLength={4000} defaultValue={valueOf("meeting", "notes")} />
              <p><button type="submit" disabled={busy}>{t("advocacy.submit")}</button></p>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="advocacy-speakers">
        <h2 id="advocacy-speakers">{t("advocacy.speakers.heading")}</h2>
        {log.speakers.length === 0 ? <p>{t("advocacy.speakers.none")}</p> : (
          <div className="table-wrap">
            <table data-testid="advocacy-speakers">
              <thead><tr><th scope="col">{t("advocacy.col.name")}</th><th scope="col">{t("advocacy.col.event")}</th><th scope="col">{t("advocacy.col.date")}</th></tr></thead>
              <tbody>{log.speakers.map((s) => <tr key={s.id}><td>{s.name}</td><td>{s.event}</td><td>{date(s.spokeOn)}</td></tr>)}</tbody>
            </table>
          </div>
        )}
        {canKeep ? (
          <details className="disclosure no-print" open={problem?.entry === "speaker"}>
            <summary>{t("advocacy.speaker.add")}</summary>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="entry" value="speaker" />
              <ErrorSummary prefix="speaker" errors={errorsFor("speaker")} labels={{ name: t("advocacy.field.name"), event: t("advocacy.field.event"), spokeOn: t("advocacy.field.spokeOn") }} />
              <TextField prefix="speaker" name="name" label={t("advocacy.field.name")} errors={errorsFor("speaker")} defaultValue={valueOf("speaker", "name")} required />
              <TextField prefix="speaker" name="event" label={t("advocacy.field.event")} errors={errorsFor("speaker")} defaultValue={valueOf("speaker", "event")} required />
              <DateField prefix="speaker" name="spokeOn" label={t("advocacy.field.spokeOn")} errors={errorsFor("speaker")} defaultValue={valueOf("speaker", "spokeOn")} required />
              <p><button type="submit" disabled={busy}>{t("advocacy.submit")}</button></p>
            </Form>
          </details>
        ) : null}
      </section>
    </div>
  );
}

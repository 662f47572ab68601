import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/me-privacy";
import { formatDate } from "../../src/i18n/format.ts";
import { liveLinks } from "../../src/domain/portal/participant-link.server.ts";
import { getMyPrivacy } from "../../src/domain/portal/privacy.server.ts";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../components/forms.tsx";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import type { FormValues } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const privacy = await getMyPrivacy(ctx.db, own, ctx.meta);
  if (!privacy) throw notFound();
  const url = new URL(request.url);
  const notice = url.searchParams.has("withdrawn") ? "withdrawn" as const : url.searchParams.has("suggested") ? "suggested" as const
    : url.searchParams.has("linkOff") ? "linkOff" as const : null;
  return { privacy, links: await liveLinks(ctx.db, own), notice, suggested: url.searchParams.get("suggested") };
}

/** What the suggestion form's action answers when it cannot save (me-suggest.tsx draws this page again). */
export type SuggestActionResult = { errors: Record<string, string>; values: FormValues };

export default function MyPrivacyPage() {
  const t = useT();
  const { privacy, links: live, notice, suggested } = useLoaderData<typeof loader>();
  const result = useActionData<SuggestActionResult>();
  const busy = useNavigation().state === "submitting";
  const labels = { name: t("own.suggest.name"), howToReach: t("own.suggest.howToReach"), note: t("own.suggest.note") };
  return (
    <div className="page page--narrow">
      <title>{`${t("own.privacy.title")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="privacy" />
      <h1>{t("own.privacy.title")}</h1>
      {notice ? <p className="notice" role="status">{t(`own.privacy.notice.${notice}`)}</p> : null}
      <p className="prose">{t("own.privacy.intro")}</p>

      {privacy.supports.length === 0 ? <p>{t("own.privacy.nobody")}</p> : privacy.supports.map((person) => (
        <section key={person.id} className="own-person" aria-labelledby={`person-${person.id}`}>
          <h2 id={`person-${person.id}`}>{person.name}</h2>
          <p className="muted">{person.relationshipKind === "other" && person.relationshipOther ? person.relationshipOther : t(`network.relationshipKind.${person.relationshipKind}`)}</p>
          {person.doNotContact ? <p>{t("own.privacy.doNotContact")}</p> : null}
          {live.supportPersonIds.includes(person.id) ? (
            <Form method="post" action="/me/privacy/links">
              <CsrfField />
              <input type="hidden" name="whose" value={person.id} />
              <p>{t("own.privacy.hasLink", { name: person.name })}</p>
              <button type="submit" className="secondary" disabled={busy}>{t("own.privacy.linkOff", { name: person.name })}</button>
            </Form>
          ) : null}
          {person.grants.length === 0 ? <p>{t("own.privacy.seesNothing", { name: person.name })}</p> : person.grants.map((grant) => (
            <div key={grant.id} className="own-grant">
              {grant.status === "not_started" ? <p>{t("own.privacy.startsOn", { date: formatDate(grant.startsOn, t.locale) })}</p> : null}
              <p><strong>{t("own.privacy.maySee", { name: person.name })}</strong></p>
              {grant.categories.length === 0 ? <p>{t("own.privacy.nothingLeft")}</p> : (
                <ul className="own-categories">
                  {grant.categories.map((c) => <li key={c}>{t(`own.category.${c}`)}</li>)}
                </ul>
              )}
              <p><strong>{t("own.privacy.mayDo", { name: person.name })}</strong></p>
              <ul className="own-categories">
                {grant.mayAttendMeetings ? <li>{t("own.privacy.do.meetings")}</li> : null}
                {grant.mayReceivePlan ? <li>{t("own.privacy.do.plan")}</li> : null}
                {grant.mayBeContacted ? <li>{t("own.privacy.do.contact")}</li> : null}
                {!grant.mayAttendMeetings && !grant.mayReceivePlan && !grant.mayBeContacted ? <li>{t("own.privacy.do.none")}</li> : null}
              </ul>
              <p>{t("own.privacy.why", { purpose: grant.purpose })}</p>
              <p>{grant.expiresOn ? t("own.privacy.endsOn", { date: formatDate(grant.expiresOn, t.locale) }) : t("own.privacy.endsWhen", { event: grant.expiryEvent ?? "" })}</p>
              {grant.withdrawn.length > 0 ? <p className="muted">{t("own.privacy.alreadyWithdrawn", { what: grant.withdrawn.map((c) => t(`own.category.${c}`)).join(", ") })}</p> : null}
              {grant.mayWithdraw ? (
                <>
                  {grant.categories.length > 1 ? grant.categories.map((c) => (
                    <Form key={c} method="post" action={`/me/privacy/grants/${grant.id}/withdraw`}>
                      <CsrfField />
                      <input type="hidden" name="category" value={c} />
                      <button type="submit" className="secondary" disabled={busy}>{t("own.privacy.withdrawCategory", { what: t(`own.category.${c}`), name: person.name })}</button>
                    </Form>
                  )) : null}
                  <Form method="post" action={`/me/privacy/grants/${grant.id}/withdraw`}>
                    <CsrfField />
                    <input type="hidden" name="category" value="" />
                    <button type="submit" className="danger" disabled={busy}>{t("own.privacy.withdrawAll", { name: person.name })}</button>
                  </Form>
                </>
              ) : null}
            </div>
          ))}
        </section>
      ))}

      {live.own ? (
        <section aria-labelledby="my-link">
          <h2 id="my-link">{t("own.privacy.myLink.heading")}</h2>
          <p>{t("own.privacy.myLink.body")}</p>
          <Form method="post" action="/me/privacy/links">
            <CsrfField />
            <input type="hidden" name="whose" value="own" />
            <button type="submit" className="secondary" disabled={busy}>{t("own.privacy.myLink.off")}</button>
          </Form>
        </section>
      ) : null}

      <h2 id="add">{t("own.suggest.heading")}</h2>
      <p>{t("own.suggest.intro")}</p>
      {privacy.suggestions.length > 0 ? (
        <ul className="own-list" aria-label={t("own.suggest.listLabel")}>
          {privacy.suggestions.map((s, i) => (
            <li key={i}><p>{s.name}: {s.followedUpAt ? t("own.suggest.followedUp") : t("own.suggest.waiting")}</p></li>
          ))}
        </ul>
      ) : null}
      {privacy.maySuggest ? (
        <Form method="post" action="/me/privacy/suggestions" noValidate key={suggested ?? "suggest"}>
          <CsrfField />
          <ErrorSummary errors={result?.errors} labels={labels} />
          <TextField name="name" label={labels.name} errors={result?.errors} defaultValue={result?.values.name} required />
          <TextField name="howToReach" label={labels.howToReach} hint={t("own.suggest.howToReach.hint")} errors={result?.errors} defaultValue={result?.values.howToReach} />
          <TextArea name="note" label={labels.note} errors={result?.errors} defaultValue={result?.values.note} rows={3} />
          <button type="submit" disabled={busy}>{t("own.suggest.submit")}</button>
        </Form>
      ) : null}
    </div>
  );
}

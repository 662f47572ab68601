import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/me-help";
import { SUPPORT_KINDS } from "../../src/domain/network/vocabulary.ts";
import { helpRequestInputSchema } from "../../src/domain/partners/model.ts";
import { listMyHelpRequests, postHelpRequest } from "../../src/domain/partners/help-requests.server.ts";
import { ownRecordActions } from "../../src/domain/portal/policy.ts";
import { DisclosureFields, checkedCategories } from "../components/disclosure-fields.tsx";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { HelpRequestButtons, helpRequestStatus, helpRequestWhen, type HelpRequestFormResult } from "../components/help-requests.tsx";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { readForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

const NOTICES = ["posted", "withdrawn", "done"] as const;

/** The participant's help requests: ask their network for something, see who will help, take one back, say it was done. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const requests = await listMyHelpRequests(ctx.db, own, ctx.meta);
  if (!requests) throw notFound();
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    requests,
    mayAsk: ownRecordActions(own.actor, own.participant).askForHelp,
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as (typeof NOTICES)[number]) : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(helpRequestInputSchema);
  if (!parsed.ok) return data<HelpRequestFormResult>({ errors: parsed.errors, values: parsed.values, chosen: parsed.chosen }, { status: 400 });
  const result = await postHelpRequest(ctx.db, own, parsed.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect("/me/help?notice=posted#now");
}

export default function MyHelpPage() {
  const t = useT();
  const { requests, mayAsk, notice } = useLoaderData<typeof loader>();
  const result = useActionData<HelpRequestFormResult>();
  const busy = useNavigation().state === "submitting";
  const current = requests.filter((r) => r.status === "open" || r.status === "claimed");
  const history = requests.filter((r) => r.status === "done" || r.status === "cancelled");
  const labels = { kind: t("help.kind"), description: t("help.description"), neededOn: t("help.neededOn"), neededTime: t("help.neededTime"), discloses: t("partnerMore.own.help.discloses") };
  return (
    <div className="page page--narrow">
      <title>{`${t("partnerMore.own.help.title")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="help" />
      <h1>{t("partnerMore.own.help.title")}</h1>
      {notice ? <p className="notice" role="status">{t(`partnerMore.own.help.notice.${notice}`)}</p> : null}
      <p className="prose">{t("partnerMore.own.help.intro")}</p>

      <h2 id="now">{t("partnerMore.own.help.now")}</h2>
      {current.length === 0 ? <p>{t("partnerMore.own.help.none")}</p> : (
        <ul className="own-list" aria-labelledby="now">
          {current.map((r) => (
            <li key={r.id} data-help-request={r.id}>
              <p><strong>{r.description}</strong></p>
              <p>{t(`network.helpKind.${r.kind}`)} · {helpRequestWhen(t, r)}</p>
              <p>{helpRequestStatus(t, r)}</p>
              <HelpRequestButtons t={t} request={r} action={`/me/help/${r.id}`} withdrawLabel={t("partnerMore.help.withdraw")} />
            </li>
          ))}
        </ul>
      )}

      {mayAsk ? (
        <>
          <h2 id="ask">{t("partnerMore.own.help.ask")}</h2>
          <Form method="post" action="/me/help" noValidate>
            <CsrfField />
            <ErrorSummary errors={result?.errors} labels={labels} prefix="help" />
            <SelectField name="kind" prefix="help" label={labels.kind} errors={result?.errors} defaultValue={result?.values.kind ?? ""}
              options={[{ value: "", label: t("meetings.plan.chooseKind") }, ...SUPPORT_KINDS.map((k) => ({ value: k, label: t(`network.helpKind.${k}`) }))]} />
            <TextArea name="description" prefix="help" label={labels.description} hint={t("partnerMore.own.help.describe.hint")} errors={result?.errors} defaultValue={result?.values.description} rows={2} maxLength={300} />
            <TextField name="neededOn" prefix="help" type="date" label={labels.neededOn} errors={result?.errors} defaultValue={result?.values.neededOn} />
            <TextField name="neededTime" prefix="help" label={labels.neededTime} errors={result?.errors} defaultValue={result?.values.neededTime} />
            {/* A need with a day and time tells about the work schedule, what most requests are about; the participant changes it. */}
            <DisclosureFields t={t} prefix="help" name={labels.discloses} checked={checkedCategories(result?.chosen, ["work_schedule"])} errors={result?.errors} />
            <button type="submit" disabled={busy}>{t("partnerMore.own.help.submit")}</button>
          </Form>
        </>
      ) : null}

      <h2 id="history">{t("partnerMore.own.help.history")}</h2>
      {history.length === 0 ? <p>{t("partnerMore.own.help.historyNone")}</p> : (
        <ul className="own-list" aria-labelledby="history">
          {history.map((r) => (
            <li key={r.id} data-help-request={r.id}>
              <p>{r.description}</p>
              <p className="muted">{helpRequestWhen(t, r)} · {helpRequestStatus(t, r)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/network-discover";
import { DISCOVERY_PROMPTS, RECONNECT_IDEAS, discoveryFormStart, discoveryPromptsFor, hasCaution, type DiscoveryPrompt } from "../../src/domain/network/discovery.ts";
import { supportPersonInputSchema } from "../../src/domain/network/model.ts";
import { createSupportPerson, getNetwork } from "../../src/domain/network/network.server.ts";
import { getParticipant } from "../../src/domain/participants/participants.server.ts";
import { CheckboxField, CsrfField, ErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import {
  OfficerCaution, closenessOptions, firstCallHint, participantDisplayName, relationshipLabel, relationshipOptions, statusOptions, supportPersonFormInput, supportPersonLabels,
  supportPersonValuesOf, type SupportPersonValues,
} from "../components/support-person-fields.tsx";
import networkStyles from "../components/network.css?url";
import { isMessageKey, localeFor, type Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireActor, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT, useTranslator } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const found = await getParticipant(ctx.db, actor, params.id, ctx.meta);
  if (!found) throw notFound();
  const view = await getNetwork(ctx.db, found.access, ctx.meta);
  if (!view) throw notFound();
  const url = new URL(request.url);
  const added = url.searchParams.get("added");
  const prompts = discoveryPromptsFor(found.participant.situationFlags);
  return {
    participant: view.participant,
    // The opening words are for the participant, so they are in the participant's language (the record's own tag: a pseudo-locale run reads it too).
    participantLocale: localeFor(found.access.participant.preferredLanguage),
    prompts,
    discovered: view.current.filter((p) => p.discoveredFrom).map((p) => ({
      id: p.id, name: p.name, relationshipKind: p.relationshipKind, relationshipOther: p.relationshipOther, status: p.status, discoveredFrom: p.discoveredFrom,
    })),
    added: view.current.find((p) => p.id === added) ?? null,
    firstCallHolder: view.current.find((p) => p.firstCall)?.name ?? null,
    // The question whose "Add someone" link was followed: the one form starts from its suggestion.
    asked: prompts.find((p) => p.id === url.searchParams.get("ask")) ?? null,
    mayAdd: view.can.update,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const form = await readForm(request);
  const promptId = String(form.get("discoveredFrom") ?? "");
  const prompt = DISCOVERY_PROMPTS.find((p) => p.id === promptId);
  if (!prompt) throw notFound();
  const parsed = form.parse(supportPersonInputSchema, (submitted) => supportPersonFormInput(submitted));
  if (!parsed.ok) return data({ promptId, errors: parsed.errors, values: supportPersonValuesOf(form) }, { status: 400 });
  const result = await createSupportPerson(ctx.db, access, parsed.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/network/discover?added=${result.person.id}#prompt-${prompt.id}`);
}

/** Each prompt's words live in the catalog under its id (discovery.ts). */
function promptText(prompt: DiscoveryPrompt, part: "question" | "hint", t: Translate): string {
  const key = `network.discovery.${prompt.id}.${part}`;
  return isMessageKey(key) ? t(key) : prompt.id;
}

/**
 * The questions, each with the people it brought up, and ONE form to add a person
 * (issue 14 §2: a form under each question made the page 5,400 px tall). The form
 * names the question the person came from; on a wide screen it stays in view beside
 * the questions.
 */
export default function DiscoverPage() {
  const t = useT();
  const { participant, participantLocale, prompts, discovered, added, asked, mayAdd, firstCallHolder } = useLoaderData<typeof loader>();
  const name = participantDisplayName(participant);
  const base = `/participants/${participant.id}`;
  const tp = useTranslator(participantLocale);
  return (
    <div className="page">
      <title>{`${t("network.discover.title", { name })} · ${t("app.name")}`}</title>
      <p><Link to={`${base}/network`}>{t("network.discover.back")}</Link></p>
      <h1>{t("network.discover.title", { name })}</h1>
      {added ? (
        <p className="notice" role="status">
          {t("network.discover.added", { name: added.name })} <Link to={`${base}/network/${added.id}`}>{t("network.discover.addedLink", { name: added.name })}</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="why-heading" lang={tp.locale}>
        <h2 id="why-heading">{tp("seedsNetwork.intro.heading")}</h2>
        <p>{tp("seedsNetwork.intro.what")}</p>
        <p>{tp("seedsNetwork.intro.why")}</p>
        <p>{tp("seedsNetwork.intro.you")}</p>
      </section>
      <p>{t(mayAdd ? "fit.discover.intro" : "fit.discover.introReadOnly")}</p>
      <ul>
        <li>{t("network.discover.tip.anyone")}</li>
        <li>{t("network.discover.tip.decides")}</li>
        <li>{t("network.discover.tip.skip")}</li>
      </ul>

      <div className={mayAdd ? "discover-layout" : undefined}>
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("network.discover.questions")}</h2>
          <ol className="prompts">
            {prompts.map((prompt) => (
              <PromptItem
                key={prompt.id} t={t} prompt={prompt} mayAdd={mayAdd}
                people={discovered.filter((p) => p.discoveredFrom === prompt.id)} base={base}
              />
            ))}
          </ol>
        </section>
        {mayAdd ? <AddPersonForm t={t} prompts={prompts} asked={asked} firstCallHolder={firstCallHolder} /> : null}
      </div>

      <section aria-labelledby="reconnect-heading">
        <h2 id="reconnect-heading">{t("network.reconnect.heading")}</h2>
        <p>{t("network.reconnect.intro")}</p>
        <ul>
          {RECONNECT_IDEAS.map((idea) => <li key={idea}>{t(`network.reconnect.${idea}`)}</li>)}
        </ul>
      </section>
      <p><Link to={`${base}/network`}>{t("network.discover.done")}</Link></p>
    </div>
  );
}

type Discovered = Awaited<ReturnType<typeof loader>>["discovered"][number];

function PromptItem({ t, prompt, people, base, mayAdd }: { t: Translate; prompt: DiscoveryPrompt; people: Discovered[]; base: string; mayAdd: boolean }) {
  const question = promptText(prompt, "question", t);
  return (
    <li className="prompt" id={`prompt-${prompt.id}`}>
      <h3>{question}</h3>
      <p className="hint">{promptText(prompt, "hint", t)}</p>
      {hasCaution(prompt.suggestedKind) ? <OfficerCaution t={t} /> : null}
      {people.length > 0 ? (
        <div className="added">
          <p>{t("network.discover.addedHere")}</p>
          <ul>
            {people.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/network/${p.id}`}>{p.name}</Link> ({relationshipLabel(p, t)}, {t(`network.status.${p.status}`)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {mayAdd ? (
        <p className="prompt__add">
          <Link to={`?ask=${prompt.id}#add-person`}>
            {t("fit.discover.addFor")}<span className="visually-hidden">{`: ${question}`}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}

function AddPersonForm({ t, prompts, asked, firstCallHolder }: { t: Translate; prompts: DiscoveryPrompt[]; asked: DiscoveryPrompt | null; firstCallHolder: string | null }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors;
  const promptId = result?.promptId ?? asked?.id ?? "";
  const values: SupportPersonValues = result?.values ?? (asked ? discoveryFormStart(asked) : {});
  const labels: Record<string, string> = { ...supportPersonLabels(t), discoveredFrom: t("fit.discover.question") };
  return (
    <section className="add-person" id="add-person" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">{t("fit.discover.formHeading")}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      {/* Keyed by the question, so following another question's link starts the form afresh. */}
      <Form method="post" noValidate key={promptId}>
        <CsrfField />
        <SelectField
          name="discoveredFrom" label={labels.discoveredFrom!} hint={t("fit.discover.questionHint")} defaultValue={promptId} errors={errors}
          options={prompts.map((p) => ({ value: p.id, label: promptText(p, "question", t) }))}
        />
        <TextField name="name" label={labels.name!} defaultValue={values.name} errors={errors} required autoComplete="off" />
        <SelectField name="relationshipKind" label={labels.relationshipKind!} defaultValue={values.relationshipKind ?? ""} options={relationshipOptions(t)} errors={errors} />
        {hasCaution(values.relationshipKind) ? <OfficerCaution t={t} /> : null}
        <TextField name="relationshipOther" label={labels.relationshipOther!} hint={t("fit.discover.otherHint")} defaultValue={values.relationshipOther} errors={errors} />
        <SelectField name="closeness" label={labels.closeness!} defaultValue={values.closeness ?? ""} options={closenessOptions(t)} errors={errors} />
        <SelectField name="status" label={labels.status!} defaultValue={values.status ?? "supportive"} options={statusOptions(t)} errors={errors} />
        <TextField name="phone" type="tel" inputMode="tel" label={t("network.discover.phoneOptional")} defaultValue={values.phone} errors={errors} autoComplete="off" />
        <CheckboxField name="firstCall" label={labels.firstCall!} hint={firstCallHint(t, firstCallHolder)} defaultChecked={values.firstCall ?? false} errors={errors} />
        <button type="submit" disabled={busy}>{t("network.discover.add")}</button>
      </Form>
    </section>
  );
}

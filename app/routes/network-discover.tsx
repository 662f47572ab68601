import { Form, Link, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/network-discover";
import { DISCOVERY_PROMPTS, RECONNECT_IDEAS, discoveryPromptsFor, type DiscoveryPrompt } from "../../src/domain/network/discovery.ts";
import { supportPersonInputSchema } from "../../src/domain/network/model.ts";
import { createSupportPerson, getNetwork } from "../../src/domain/network/network.server.ts";
import type { RelationshipStatus } from "../../src/domain/network/vocabulary.ts";
import { getParticipant } from "../../src/domain/participants/participants.server.ts";
import { CsrfField } from "../components/forms.tsx";
import {
  closenessOptions, participantDisplayName, relationshipLabel, relationshipOptions, statusOptions, supportPersonFormInput, supportPersonLabels,
  supportPersonValuesOf, type SupportPersonValues,
} from "../components/support-person-fields.tsx";
import networkStyles from "../components/network.css?url";
import { isMessageKey, type Translate } from "../../src/i18n/index.ts";
import { app, notFound, requireActor, requireParticipant } from "../lib/request.server.ts";
import type { FieldErrors } from "../../src/domain/validation.ts";
import { readForm } from "../lib/form.server.ts";
import { errorText, useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: networkStyles }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const found = await getParticipant(ctx.db, actor, params.id, ctx.meta);
  if (!found) throw notFound();
  const view = await getNetwork(ctx.db, found.access, ctx.meta);
  if (!view) throw notFound();
  const added = new URL(request.url).searchParams.get("added");
  return {
    participant: view.participant,
    prompts: discoveryPromptsFor(found.participant.situationFlags),
    discovered: view.current.filter((p) => p.discoveredFrom).map((p) => ({
      id: p.id, name: p.name, relationshipKind: p.relationshipKind, relationshipOther: p.relationshipOther, status: p.status, discoveredFrom: p.discoveredFrom,
    })),
    added: view.current.find((p) => p.id === added) ?? null,
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

/** A gentle default: someone the participant lost touch with is usually someone they want back. */
function suggestedStatus(prompt: DiscoveryPrompt): RelationshipStatus {
  return prompt.id === "lostTouch" ? "wants_to_reconnect" : "supportive";
}

export default function DiscoverPage() {
  const t = useT();
  const { participant, prompts, discovered, added, mayAdd } = useLoaderData<typeof loader>();
  const name = participantDisplayName(participant);
  const base = `/participants/${participant.id}`;
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
      <p>{t("network.discover.intro")}</p>
      <ul>
        <li>{t("network.discover.tip.anyone")}</li>
        <li>{t("network.discover.tip.decides")}</li>
        <li>{t("network.discover.tip.skip")}</li>
        <li>{t("network.discover.otherHint")}</li>
      </ul>

      <h2>{t("network.discover.questions")}</h2>
      {prompts.map((prompt) => (
        <PromptCard
          key={prompt.id} t={t} prompt={prompt} mayAdd={mayAdd}
          people={discovered.filter((p) => p.discoveredFrom === prompt.id)} base={base}
        />
      ))}

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

function PromptCard({ t, prompt, people, base, mayAdd }: { t: Translate; prompt: DiscoveryPrompt; people: Discovered[]; base: string; mayAdd: boolean }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = result && result.promptId === prompt.id ? result : null;
  const errors = mine?.errors;
  const values: SupportPersonValues = mine?.values ?? {
    relationshipKind: prompt.suggestedKind, closeness: prompt.suggestedCloseness, status: suggestedStatus(prompt), firstCall: prompt.id === "firstCall",
  };
  const busy = navigation.state === "submitting" && navigation.formData?.get("discoveredFrom") === prompt.id;
  const labels = supportPersonLabels(t);
  const id = (field: string) => `${prompt.id}-${field}`;
  const showOther = values.relationshipKind === "other";
  return (
    <section className="prompt" id={`prompt-${prompt.id}`} aria-labelledby={id("question")}>
      <h3 id={id("question")}>{promptText(prompt, "question", t)}</h3>
      <p className="hint">{promptText(prompt, "hint", t)}</p>
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
        <Form method="post" noValidate aria-label={t("network.discover.formLabel", { question: promptText(prompt, "question", t) })}>
          <CsrfField />
          <input type="hidden" name="discoveredFrom" value={prompt.id} />
          {errors ? (
            <div className="error-summary" role="alert">
              <h4>{t("common.formErrors", { count: Object.keys(errors).length })}</h4>
              <ul>
                {Object.entries(errors).map(([field, key]) => (
                  <li key={field}><a href={`#${id(field)}`}>{labels[field] ? `${labels[field]}: ` : ""}{errorText(t, key)}</a></li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="inline-fields">
            <InlineText id={id("name")} name="name" label={labels.name!} value={values.name} errors={errors} t={t} />
            <InlineSelect id={id("relationshipKind")} name="relationshipKind" label={labels.relationshipKind!} value={values.relationshipKind} options={relationshipOptions(t)} errors={errors} t={t} />
            {showOther ? <InlineText id={id("relationshipOther")} name="relationshipOther" label={labels.relationshipOther!} value={values.relationshipOther} errors={errors} t={t} /> : null}
            <InlineSelect id={id("closeness")} name="closeness" label={labels.closeness!} value={values.closeness} options={closenessOptions(t)} errors={errors} t={t} />
            <InlineSelect id={id("status")} name="status" label={labels.status!} value={values.status} options={statusOptions(t)} errors={errors} t={t} />
            <InlineText id={id("phone")} name="phone" type="tel" label={t("network.discover.phoneOptional")} value={values.phone} errors={errors} t={t} />
          </div>
          {prompt.id === "firstCall" ? (
            <div className="checkbox field">
              <input type="checkbox" id={id("firstCall")} name="firstCall" defaultChecked={values.firstCall ?? false} />
              <label htmlFor={id("firstCall")}>{labels.firstCall}</label>
            </div>
          ) : null}
          <button type="submit" disabled={busy}>{t("network.discover.add")}</button>
        </Form>
      ) : null}
    </section>
  );
}

interface InlineProps {
  id: string;
  name: string;
  label: string;
  value: string | null | undefined;
  errors: FieldErrors | undefined;
  t: Translate;
}

function InlineText({ id, name, label, value, errors, t, type }: InlineProps & { type?: "text" | "tel" }) {
  const error = errors?.[name];
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? <p id={`${id}-error`} className="field-error">{errorText(t, error)}</p> : null}
      <input id={id} name={name} type={type ?? "text"} defaultValue={value ?? ""} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

function InlineSelect({ id, name, label, value, options, errors, t }: InlineProps & { options: { value: string; label: string }[] }) {
  const error = errors?.[name];
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? <p id={`${id}-error`} className="field-error">{errorText(t, error)}</p> : null}
      <select id={id} name={name} defaultValue={value ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

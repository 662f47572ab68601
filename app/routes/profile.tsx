import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/profile";
import { formatDate } from "../../src/domain/consent/consent-form.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { apiTokenCreateSchema } from "../../src/domain/auth/model.ts";
import { signOutEverywhere } from "../../src/domain/auth/sessions.server.ts";
import { getProfile } from "../../src/domain/users/users.server.ts";
import { SESSION_COOKIE, serializeCookie } from "../../src/server/cookies.ts";
import { CsrfField, ErrorSummary, TextField } from "../components/forms.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const [profile, tokens] = await Promise.all([getProfile(ctx.db, actor), listApiTokens(ctx.db, actor)]);
  if (!profile) throw notFound();
  return { profile, tokens, revoked: new URL(request.url).searchParams.has("revoked") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const form = await readForm(request);
  const intent = form.get("intent");

  if (intent === "createToken") {
    const name = form.get("name") ?? "";
    const parsed = form.parse(apiTokenCreateSchema, () => ({ name }));
    if (!parsed.ok) return data({ intent, errors: parsed.errors, name, created: null, problem: null }, { status: 400 });
    const created = await createApiToken(ctx.db, actor, parsed.data.name, ctx.meta);
    // Shown once: only the token's hash is kept.
    return { intent, errors: {}, name: "", created: { name: parsed.data.name, token: created.token }, problem: null };
  }
  if (intent === "revokeToken") {
    const revoked = await revokeApiToken(ctx.db, actor, String(form.get("tokenId") ?? ""), ctx.meta);
    if (!revoked) return data({ intent, errors: {}, name: "", created: null, problem: "profile.tokens.revokeFailed" as const }, { status: 409 });
    return redirect("/profile?revoked=1#tokens");
  }
  if (intent === "signOutAll") {
    await signOutEverywhere(ctx.db, actor, ctx.meta);
    const cleared = serializeCookie(SESSION_COOKIE, "", { secure: ctx.secureCookies, maxAgeSeconds: 0 });
    return redirect("/sign-in", { headers: { "Set-Cookie": cleared } });
  }
  throw notFound();
}

export default function Profile() {
  const t = useT();
  const { profile, tokens, revoked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = { name: t("profile.tokens.name") };

  return (
    <div className="page">
      <title>{`${t("profile.title")} · ${t("app.name")}`}</title>
      <h1>{t("profile.title")}</h1>
      <dl className="facts">
        <dt>{t("profile.name")}</dt><dd>{profile.name}</dd>
        <dt>{t("profile.email")}</dt><dd>{profile.email}</dd>
        <dt>{t("profile.role")}</dt><dd>{t(`role.${profile.role}`)}</dd>
        <dt>{t("profile.team")}</dt><dd>{profile.teamName ?? t("common.none")}</dd>
      </dl>

      <section aria-labelledby="tokens">
        <h2 id="tokens">{t("profile.tokens.heading")}</h2>
        <p>{t("profile.tokens.intro")}</p>
        {revoked ? <p className="notice" role="status">{t("profile.tokens.revoked")}</p> : null}
        {result?.problem ? <p className="form-error" role="alert">{t(result.problem)}</p> : null}
        {result?.created ? (
          <div className="notice" role="status" data-testid="new-token">
            <p>{t("profile.tokens.created", { name: result.created.name })}</p>
            <p className="token">{result.created.token}</p>
            <p><strong>{t("profile.tokens.copyNow")}</strong></p>
          </div>
        ) : null}
        {tokens.length === 0 ? <p>{t("profile.tokens.none")}</p> : (
          <div className="table-wrap">
            <table className="responsive-table">
              <thead>
                <tr>
                  <th scope="col">{t("profile.tokens.name")}</th>
                  <th scope="col">{t("profile.tokens.createdAt")}</th>
                  <th scope="col">{t("profile.tokens.lastUsed")}</th>
                  <th scope="col">{t("profile.tokens.status")}</th>
                  <th scope="col">{t("profile.tokens.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td data-label={t("profile.tokens.name")}>{token.name}</td>
                    <td data-label={t("profile.tokens.createdAt")}>{formatDate(token.created_at)}</td>
                    <td data-label={t("profile.tokens.lastUsed")}>{token.last_used_at ? formatDate(token.last_used_at) : t("profile.tokens.neverUsed")}</td>
                    <td data-label={t("profile.tokens.status")}>
                      {token.revoked_at ? t("profile.tokens.revokedOn", { date: formatDate(token.revoked_at) }) : t("profile.tokens.live")}
                    </td>
                    <td>
                      {token.revoked_at ? null : (
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="revokeToken" />
                          <input type="hidden" name="tokenId" value={token.id} />
                          <button type="submit" className="danger" disabled={busy}>{t("profile.tokens.revoke", { name: token.name })}</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("profile.tokens.new")}</h3>
        <ErrorSummary errors={result?.intent === "createToken" ? result.errors : undefined} labels={labels} />
        <Form method="post" noValidate key={result?.created?.token ?? "new-token"}>
          <CsrfField />
          <input type="hidden" name="intent" value="createToken" />
          <TextField
            name="name" label={labels.name} hint={t("profile.tokens.nameHint")} autoComplete="off"
            defaultValue={result?.name} errors={result?.intent === "createToken" ? result.errors : undefined} required
          />
          <button type="submit" disabled={busy}>{t("profile.tokens.create")}</button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("auth.signOutAll.title")}</h2>
        <p>{t("auth.signOutAll.body")}</p>
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="signOutAll" />
          <button type="submit" disabled={busy}>{t("auth.signOutAll.submit")}</button>
        </Form>
      </section>
    </div>
  );
}

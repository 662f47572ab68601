import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/profile";
import { formatDate } from "../../src/i18n/format.ts";
import { listApiTokens } from "../../src/domain/auth/api-tokens.server.ts";
import { calendarFeedStatus } from "../../src/domain/day/day.server.ts";
import { getTwoFactorStatus } from "../../src/domain/auth/credentials.server.ts";
import { getProfile } from "../../src/domain/users/users.server.ts";
import { LOCALES, languageName } from "../../src/i18n/index.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../components/forms.tsx";
import { app, notFound, requireActor } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = app(context);
  const [profile, tokens, twoFactor, calendarFeed] = await Promise.all([getProfile(ctx.db, actor), listApiTokens(ctx.db, actor), getTwoFactorStatus(ctx.db, actor), calendarFeedStatus(ctx.db, actor)]);
  if (!profile) throw notFound();
  const query = new URL(request.url).searchParams;
  const ended = Number(query.get("ended"));
  return {
    profile, tokens, twoFactor, calendarFeed, now: new Date().toISOString(), revoked: query.has("revoked"), languageSaved: query.has("language"),
    phoneSaved: query.has("phone"),
    passwordChanged: query.get("password") === "changed" ? { sessionsEnded: Number.isInteger(ended) && ended >= 0 ? ended : 0 } : null,
  };
}

/**
 * What the profile forms' actions answer. Each form posts to its own route
 * (profile-token-new, profile-token-revoke, profile-sign-out-everywhere,
 * profile-language); those routes draw this same page, so a new token or a problem
 * shows here, with or without JavaScript.
 */
export type ProfileActionResult = {
  intent: "createToken" | "revokeToken" | "changeLanguage" | "changePassword" | "changePhone";
  errors: Record<string, string>;
  name: string;
  created: { name: string; token: string } | null;
  problem: "profile.tokens.revokeFailed" | null;
};

export default function Profile() {
  const t = useT();
  const { profile, tokens, twoFactor, calendarFeed, now, revoked, languageSaved, passwordChanged, phoneSaved } = useLoaderData<typeof loader>();
  const result = useActionData<ProfileActionResult>();
  const busy = useNavigation().state === "submitting";
  const labels = { name: t("profile.tokens.name") };
  const passwordLabels = { current: t("profile.password.current"), password: t("profile.password.new"), confirm: t("profile.password.confirm") };
  const passwordErrors = result?.intent === "changePassword" ? result.errors : undefined;

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

      <section aria-labelledby="phone">
        <h2 id="phone">{t("profile.phone.heading")}</h2>
        {phoneSaved ? <p className="notice" role="status">{t("profile.phone.saved")}</p> : null}
        <Form method="post" action="/profile/phone" noValidate>
          <CsrfField />
          <TextField name="phone" type="tel" autoComplete="tel" label={t("profile.phone.label")} hint={t("profile.phone.hint")}
            defaultValue={profile.phone} errors={result?.intent === "changePhone" ? result.errors : undefined} />
          <button type="submit" disabled={busy}>{t("profile.phone.save")}</button>
        </Form>
      </section>

      <section aria-labelledby="language">
        <h2 id="language">{t("profile.language.heading")}</h2>
        {languageSaved ? <p className="notice" role="status">{t("profile.language.saved")}</p> : null}
        <Form method="post" action="/profile/language" noValidate>
          <CsrfField />
          <SelectField
            name="locale" label={t("profile.language.label")} hint={t("profile.language.hint")} defaultValue={profile.locale}
            errors={result?.intent === "changeLanguage" ? result.errors : undefined}
            options={LOCALES.map((locale) => ({ value: locale, label: languageName(t.locale, locale) }))}
          />
          <button type="submit" disabled={busy}>{t("profile.language.save")}</button>
        </Form>
      </section>

      <section aria-labelledby="password">
        <h2 id="password">{t("profile.password.heading")}</h2>
        {passwordChanged ? <p className="notice" role="status">{t("profile.password.changed", { count: passwordChanged.sessionsEnded })}</p> : null}
        <p>{t("profile.password.intro")}</p>
        <ErrorSummary errors={passwordErrors} labels={passwordLabels} prefix="password" />
        <Form method="post" action="/profile/password" noValidate>
          <CsrfField />
          <TextField name="current" type="password" prefix="password" label={passwordLabels.current} autoComplete="current-password" errors={passwordErrors} required />
          <TextField name="password" type="password" prefix="password" label={passwordLabels.password} hint={t("profile.password.rule")} autoComplete="new-password" errors={passwordErrors} required />
          <TextField name="confirm" type="password" prefix="password" label={passwordLabels.confirm} autoComplete="new-password" errors={passwordErrors} required />
          <button type="submit" disabled={busy}>{t("profile.password.submit")}</button>
        </Form>
      </section>

      <section aria-labelledby="two-factor">
        <h2 id="two-factor">{t("profile.twoFactor.heading")}</h2>
        <p>
          {twoFactor.enabled
            ? t("profile.twoFactor.on", { count: twoFactor.recoveryCodesLeft })
            : twoFactor.required ? t("profile.twoFactor.requiredOff") : t("profile.twoFactor.off")}
        </p>
        <p><a href="/profile/two-factor">{twoFactor.enabled ? t("profile.twoFactor.manage") : t("profile.twoFactor.turnOn")}</a></p>
      </section>

      {calendarFeed.available ? (
        <section aria-labelledby="calendar-feed">
          <h2 id="calendar-feed">{t("day.feed.title")}</h2>
          <p>{calendarFeed.feed ? t("day.feed.active", { date: formatDate(calendarFeed.feed.createdAt, t.locale, "medium") }) : t("day.feed.none")}</p>
          <p><a href="/profile/calendar-feed">{t("day.feed.manage")}</a></p>
        </section>
      ) : null}

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
                    <td data-label={t("profile.tokens.createdAt")}>{formatDate(token.created_at, t.locale)}</td>
                    <td data-label={t("profile.tokens.lastUsed")}>{token.last_used_at ? formatDate(token.last_used_at, t.locale) : t("profile.tokens.neverUsed")}</td>
                    <td data-label={t("profile.tokens.status")}>
                      {token.revoked_at ? t("profile.tokens.revokedOn", { date: formatDate(token.revoked_at, t.locale) })
                        : token.expires_at && token.expires_at <= now ? t("profile.tokens.expiredOn", { date: formatDate(token.expires_at, t.locale) })
                        : t("profile.tokens.liveUntil", { date: formatDate(token.expires_at ?? token.created_at, t.locale) })}
                    </td>
                    <td>
                      {token.revoked_at || (token.expires_at && token.expires_at <= now) ? null : (
                        <Form method="post" action={`/profile/tokens/${token.id}/revoke`}>
                          <CsrfField />
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
        <Form method="post" action="/profile/tokens" noValidate key={result?.created?.token ?? "new-token"}>
          <CsrfField />
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
        <Form method="post" action="/profile/sign-out-everywhere">
          <CsrfField />
          <button type="submit" disabled={busy}>{t("auth.signOutAll.submit")}</button>
        </Form>
      </section>
    </div>
  );
}

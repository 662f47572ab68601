import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/unsubscribe";
import { findUnsubscribe } from "../../src/domain/messages/delivery.server.ts";
import { app } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * The unsubscribe link of every email (decision 0025): works without signing in, the
 * signed token being the permission. The button posts to the same address, where
 * src/server/app.ts records the choice (the same handler answers a mail provider's
 * one-click request) and comes back here with `done`.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const found = await findUnsubscribe(app(context).db, params.token);
  const done = new URL(request.url).searchParams.has("done");
  return data({ ...found, done }, { status: found.valid ? 200 : 404 });
}

export default function Unsubscribe() {
  const t = useT();
  const { valid, programName, done } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("messages.unsubscribe.title")} · ${programName}`}</title>
      <h1>{t("messages.unsubscribe.title")}</h1>
      {!valid ? <p>{t("messages.unsubscribe.invalid")}</p>
        : done ? <p role="status">{t("messages.unsubscribe.done", { program: programName })}</p>
        : (
          <form method="post">
            <p>{t("messages.unsubscribe.body", { program: programName })}</p>
            <button type="submit">{t("messages.unsubscribe.confirm")}</button>
          </form>
        )}
    </div>
  );
}

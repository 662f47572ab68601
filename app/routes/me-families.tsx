import { data, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/me-families";
import { familyOwnAnswerSchema } from "../../src/domain/families/model.ts";
import { answerForMyself, ownFamilyAgreement } from "../../src/domain/families/families.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { OwnFamilyAnswer } from "../components/family-parts.tsx";
import { OwnSections } from "../components/own-record.tsx";
import ownStyles from "../components/own-record.css?url";
import { parseForm } from "../lib/form.server.ts";
import { app, requireOwnRecord } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ownStyles }];

/** The participant says whether the people who help them may meet other families (decision 0044). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const done = new URL(request.url).searchParams.get("done");
  return { agreement: await ownFamilyAgreement(app(context).db, own.actor), done: done === "agreed" || done === "withdrawn" ? (done as "agreed" | "withdrawn") : null };
}

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await parseForm(request, familyOwnAnswerSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  await answerForMyself(ctx.db, own.actor, form.data, ctx.meta);
  return redirect(`/me/families?done=${form.data.answer === "yes" ? "agreed" : "withdrawn"}`);
}

export default function MyFamilies() {
  const t = useT();
  const { agreement, done } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <title>{`${t("families.own.heading")} · ${t("app.name")}`}</title>
      <OwnSections t={t} current="families" />
      <h1>{t("families.own.heading")}</h1>
      {done ? <p className="notice" role="status">{t(`families.own.done.${done}`)}</p> : null}
      <p>{t("families.own.me.body")}</p>
      <p>{agreement ? t("families.own.agreed", { date: formatDate(agreement.agreedAt.slice(0, 10), t.locale) }) : t("families.own.notAgreed")}</p>
      <OwnFamilyAnswer t={t} agreement={agreement} shares={false} agreeLabel={t("families.own.me.agree")} />
    </div>
  );
}

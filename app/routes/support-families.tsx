import { data, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/support-families";
import { familyOwnAnswerSchema } from "../../src/domain/families/model.ts";
import { answerForMyself, ownFamilyAgreement } from "../../src/domain/families/families.server.ts";
import { formatDate } from "../../src/i18n/format.ts";
import { OwnFamilyAnswer } from "../components/family-parts.tsx";
import { parseForm } from "../lib/form.server.ts";
import { app, requirePartner } from "../lib/request.server.ts";
import { useT } from "../lib/i18n.ts";

/** A support person says yes to meeting another family, chooses what to share, or stops (decision 0044). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor } = requirePartner(context, "support_person");
  const done = new URL(request.url).searchParams.get("done");
  return { agreement: await ownFamilyAgreement(app(context).db, actor), done: done === "agreed" || done === "withdrawn" ? (done as "agreed" | "withdrawn") : null };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = requirePartner(context, "support_person");
  const ctx = app(context);
  const form = await parseForm(request, familyOwnAnswerSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  await answerForMyself(ctx.db, actor, form.data, ctx.meta);
  return redirect(`/support/families?done=${form.data.answer === "yes" ? "agreed" : "withdrawn"}`);
}

export default function SupportFamilies() {
  const t = useT();
  const { agreement, done } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow partner-page">
      <title>{`${t("families.own.heading")} · ${t("app.name")}`}</title>
      <h1>{t("families.own.heading")}</h1>
      {done ? <p className="notice" role="status">{t(`families.own.done.${done}`)}</p> : null}
      <p>{t("families.own.body")}</p>
      <p>{agreement ? t("families.own.agreed", { date: formatDate(agreement.agreedAt.slice(0, 10), t.locale) }) : t("families.own.notAgreed")}</p>
      <OwnFamilyAnswer t={t} agreement={agreement} shares agreeLabel={t("families.own.agree")} />
      <p><a href="/support#families">{t("families.own.back")}</a></p>
    </div>
  );
}

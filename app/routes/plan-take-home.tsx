import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/plan-take-home";
import { getTakeHomePlan } from "../../src/domain/plans/plans.server.ts";
import { buildTakeHomeDocument } from "../../src/domain/plans/take-home-pdf.server.ts";
import meetingStyles from "../components/meetings.css?url";
import { translator } from "../../src/i18n/index.ts";
import { PersonalLinkCard } from "../components/personal-link-card.tsx";
import { CsrfField } from "../components/forms.tsx";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { issueLinkCard } from "../lib/qr.server.ts";
import { useT } from "../lib/i18n.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: meetingStyles }];

/**
 * The take-home plan to print: the participant's copy, or with ?for=<supportPersonId>
 * a support person's copy, built through the consent check at this moment. Only the
 * finished words leave the server, so a copy that may show nothing carries nothing.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await requireParticipant(context, request, params.id, "read");
  const ctx = app(context);
  const forPerson = new URL(request.url).searchParams.get("for");
  const audience = forPerson ? { kind: "support" as const, supportPersonId: forPerson } : { kind: "participant" as const };
  const takeHome = await getTakeHomePlan(ctx.db, access, audience, ctx.meta);
  if (!takeHome) throw notFound();
  const today = new Date().toISOString().slice(0, 10);
  return {
    participantId: params.id,
    forPerson,
    query: forPerson ? `?for=${encodeURIComponent(forPerson)}` : "",
    locale: takeHome.locale,
    document: buildTakeHomeDocument(takeHome.plan, audience.kind, translator(takeHome.locale), today),
  };
}

/**
 * A support person's copy can carry their personal link with its QR code. The
 * token exists only when it is made, so printing it makes a new link and the
 * old one stops working (decision 0022).
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  await readForm(request);
  const forPerson = new URL(request.url).searchParams.get("for");
  if (!forPerson) throw notFound();
  const link = await issueLinkCard(ctx.db, access, forPerson, request.url, ctx.meta);
  if (!link) throw notFound();
  return { link, participantName: access.participant.preferredName ?? access.participant.firstName };
}

export default function TakeHomePage() {
  const t = useT();
  const { participantId, forPerson, query, locale, document: plan } = useLoaderData<typeof loader>();
  const issued = useActionData<typeof action>();
  const base = `/participants/${participantId}/plan`;
  return (
    <div className="page">
      <title>{`${plan.title} · ${t("app.name")}`}</title>
      <div className="actions no-print">
        <Link to={base}>{t("takeHome.page.back")}</Link>
        {plan.allowed ? (
          <>
            <button type="button" onClick={() => window.print()}>{t("takeHome.page.print")}</button>
            <a className="button secondary" href={`${base}/take-home.pdf${query}`}>{t("takeHome.page.pdf")}</a>
            {forPerson && !issued ? (
              <Form method="post">
                <CsrfField />
                <button type="submit" className="secondary">{t("links.addToCopy")}</button>
              </Form>
            ) : null}
          </>
        ) : null}
      </div>
      <article className="take-home" lang={locale} aria-labelledby="take-home-title" data-allowed={plan.allowed ? "yes" : "no"}>
        <h1 id="take-home-title">{plan.title}</h1>
        <p>{plan.intro}</p>
        {plan.goal ? <p className="goal">{plan.goal}</p> : null}
        {plan.schoolGoal ? <p className="goal" data-testid="take-home-school-goal">{plan.schoolGoal}</p> : null}
        {plan.sections.map((section) => (
          <section key={section.id} aria-labelledby={`take-home-${section.id}`} data-section={section.id}>
            <h2 id={`take-home-${section.id}`}>{section.heading}</h2>
            {section.rows.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{plan.columns.what}</th>
                    <th scope="col">{plan.columns.who}</th>
                    <th scope="col">{plan.columns.when}</th>
                  </tr>
                </thead>
                <tbody>
                  {section.rows.map((row, i) => (
                    <tr key={i}>
                      <td>{row.what}</td>
                      <td>{row.who}</td>
                      <td>{row.when}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {section.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
            {section.items.length ? <ul>{section.items.map((item, i) => <li key={i}>{item}</li>)}</ul> : null}
          </section>
        ))}
        <p className="muted">{plan.footer}</p>
        {issued && plan.allowed ? <PersonalLinkCard t={t} link={issued.link} participantName={issued.participantName} /> : null}
      </article>
    </div>
  );
}

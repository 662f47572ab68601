import { beforeAll, describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { ssiReportsDue } from "../../src/domain/benefits/earnings.server.ts";
import { estimate } from "../../src/domain/benefits/estimate.ts";
import { estimateRequestSchema } from "../../src/domain/benefits/model.ts";
import { parametersFor } from "../../src/domain/benefits/parameters.ts";
import { Client } from "../support/server.ts";
import { useTestApp } from "../support/app.ts";

// The benefits records (profile, referrals, earnings log, reports to SSA), the
// reminders, the estimate page against the API, shared estimates under consent,
// and benefit years added by an administrator: through the API, the pages and the
// domain, on the database TEST_DB names.
const app = useTestApp();
const { clientFor, lastSeq } = app;
let spec1: Client;

beforeAll(async () => {
  spec1 = await clientFor("spec1@test.org");
});

async function auditSince(seq: number) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "entity_id", "participant_id", "details"]).where("seq", ">", seq).orderBy("seq").execute();
}

const stub = (payDate: string, periodStart: string, periodEnd: string, gross: number | string, extra: Record<string, unknown> = {}) => ({
  payDate, periodStart, periodEnd, gross, employer: "Corner Bakery", hours: 40, ...extra,
});

describe("benefits profile", () => {
  it("saves over the version read, refuses a stale save, and is audited", async () => {
    const id = app.world.participants.participant1.id;
    const seq = await lastSeq();
    const first = await spec1.api("PUT", `/participants/${id}/benefits/profile`, { hasSsi: true, hasMedicaid: true, ssiMonthly: "$994.00", version: 0 });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ hasSsi: true, hasMedicaid: true, hasSsdi: false, ssiMonthly: 994, version: 1, updatedBy: "Spec One" });
    const stale = await spec1.api("PUT", `/participants/${id}/benefits/profile`, { hasSsi: true, version: 0 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current).toMatchObject({ version: 1, ssiMonthly: 994 });
    const rows = await auditSince(seq);
    expect(rows.map((r) => r.action)).toEqual(["benefits_profile.update"]);
    expect(JSON.parse(rows[0]!.details).fields).toEqual(expect.arrayContaining(["hasSsi", "hasMedicaid", "ssiMonthly"]));
  });

  it("explains what is missing, field by field", async () => {
    const response = await spec1.api("PUT", `/participants/${app.world.participants.participant1.id}/benefits/profile`, {
      hasSsdi: true, ssiMonthly: "12.345", priorTrialWorkMonths: "2024-13", version: 1,
    });
    expect(response.status).toBe(400);
    const fields = (await response.json()).error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(["ssdiMonthly", "ssiMonthly", "priorTrialWorkMonths"]));
    expect(fields).not.toContain("priorTrialWorkMonths.0");
  });

  it("is hidden from other caseloads and readable by the team's supervisor", async () => {
    const id = app.world.participants.participant1.id;
    const other = await clientFor("spec2@test.org");
    expect((await other.api("GET", `/participants/${id}/benefits`)).status).toBe(404);
    expect((await other.api("PUT", `/participants/${id}/benefits/profile`, { hasSsi: true, version: 1 })).status).toBe(404);
    const supervisor = await clientFor("sup1@test.org");
    expect((await supervisor.api("GET", `/participants/${id}/benefits`)).status).toBe(200);
    expect((await (await clientFor("sup2@test.org")).api("GET", `/participants/${id}/benefits`)).status).toBe(404);
  });
});

describe("earnings log and SSI reporting", () => {
  const id = () => app.world.participants.participant1.id;
  let januaryStubId = "";

  it("adds pay stubs, once per client key, and totals them by the month paid and the month worked", async () => {
    const first = await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2025-01-10", "2024-12-28", "2025-01-10", "$700.00", { clientKey: "k-1" }));
    expect(first.status).toBe(201);
    januaryStubId = (await first.json()).id;
    const again = await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2025-01-10", "2024-12-28", "2025-01-10", "$700.00", { clientKey: "k-1" }));
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(januaryStubId);
    expect((await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2025-01-24", "2025-01-11", "2025-01-24", 650.5))).status).toBe(201);
    expect((await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2025-02-07", "2025-01-25", "2025-02-07", 600))).status).toBe(201);

    const overview = await (await spec1.api("GET", `/participants/${id()}/benefits`)).json();
    expect(overview.payStubs).toHaveLength(3);
    // December: 4 of 14 days of $700 = $200; January: $500 + $650.50 + 7 of 14 days of $600.
    expect(overview.monthlyTotals).toEqual([
      { month: "2024-12", paid: 0, earned: 200, trialWorkMonth: false },
      { month: "2025-01", paid: 1350.5, earned: 1450.5, trialWorkMonth: false },
      { month: "2025-02", paid: 600, earned: 300, trialWorkMonth: false },
    ]);
    expect(overview.ssiReporting.map((m: { month: string; status: string }) => [m.month, m.status])).toEqual([["2025-01", "overdue"], ["2025-02", "overdue"]]);
  });

  it("refuses a pay stub with a period ending before it starts, or paid in the future", async () => {
    const response = await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2099-01-01", "2025-03-10", "2025-03-01", 100));
    expect(response.status).toBe(400);
    const fields = (await response.json()).error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(["periodEnd", "payDate"]);
    const gross = await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs`, stub("2025-03-10", "2025-03-01", "2025-03-10", "abc"));
    expect((await gross.json()).error.fields).toEqual([{ path: "gross", code: "invalid_type", message: "Enter the gross pay (before taxes) in dollars and cents." }]);
  });

  it("gives the caseload's 'report by the 10th' reminders for the specialist's own participants on SSI", async () => {
    const at = new Date("2025-03-05T12:00:00Z");
    const mine = await ssiReportsDue(app.database.db, app.world.actors.specialist1, systemMeta, at);
    expect(mine.map((r) => [r.participantId, r.month, r.paid, r.dueOn, r.status])).toEqual([
      [id(), "2025-01", 1350.5, "2025-02-10", "overdue"],
      [id(), "2025-02", 600, "2025-03-10", "due"],
    ]);
    expect(await ssiReportsDue(app.database.db, app.world.actors.specialist1b, systemMeta, at)).toEqual([]);
    expect((await ssiReportsDue(app.database.db, app.world.actors.supervisor1, systemMeta, at)).length).toBe(2);
    expect(await ssiReportsDue(app.database.db, app.world.actors.supervisor2, systemMeta, at)).toEqual([]);
    expect((await ssiReportsDue(app.database.db, app.world.actors.specialist1, systemMeta, at, { participantId: id() })).length).toBe(2);
    const row = await app.database.db.selectFrom("audit_log").select(["action", "details"]).orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(row.action).toBe("benefits.reminders");
  });

  it("records a month as reported; voiding a stub afterwards shows the month as changed", async () => {
    const reported = await spec1.api("POST", `/participants/${id()}/benefits/reports`, { month: "2025-01", reportedOn: "2025-02-05", method: "mobile_app" });
    expect(reported.status).toBe(201);
    expect(await reported.json()).toMatchObject({ month: "2025-01", gross: 1350.5, recordedBy: "Spec One" });
    let overview = await (await spec1.api("GET", `/participants/${id()}/benefits`)).json();
    expect(overview.ssiReporting[0]).toMatchObject({ month: "2025-01", status: "reported", reported: 1350.5 });

    const voided = await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs/${januaryStubId}/void`, { reason: "Typed twice" });
    expect(voided.status).toBe(200);
    expect(await voided.json()).toMatchObject({ voidedBy: "Spec One", voidReason: "Typed twice" });
    expect((await spec1.api("POST", `/participants/${id()}/benefits/pay-stubs/${januaryStubId}/void`, { reason: "again" })).status).toBe(409);
    overview = await (await spec1.api("GET", `/participants/${id()}/benefits`)).json();
    expect(overview.payStubs).toHaveLength(3);
    expect(overview.ssiReporting[0]).toMatchObject({ month: "2025-01", status: "changed", paid: 650.5, reported: 1350.5 });
    const stubRow = await app.database.db.selectFrom("pay_stubs").select(["voided_at", "void_reason"]).where("id", "=", januaryStubId).executeTakeFirstOrThrow();
    expect(stubRow.void_reason).toBe("Typed twice");
  });

  it("works through the page's forms without JavaScript", async () => {
    const page = `/participants/${id()}/benefits`;
    const html = await (await spec1.fetch(page)).text();
    expect(html).toContain("Reporting pay to Social Security");
    expect(html).toContain("Changed since reported");

    const bad = await spec1.postForm(`${page}/pay-stubs`, { payDate: "", periodStart: "2025-03-01", periodEnd: "2025-03-14", gross: "", employer: "" });
    expect(bad.status).toBe(400);
    const added = await spec1.postForm(`${page}/pay-stubs`, { payDate: "2025-03-14", periodStart: "2025-03-01", periodEnd: "2025-03-14", gross: "1,000.00", hours: "", employer: "Corner Bakery", clientKey: "page-1" });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`${page}?done=stub#earnings`);
    const report = await spec1.postForm(`${page}/reports/2025-02`, { reportedOn: "2025-03-03", method: "phone" });
    expect(report.status).toBe(302);

    const referral = await spec1.postForm(`${page}/referrals`, { referredOn: "2025-02-01", counselorName: "Robin Vega", organization: "WIPA North", outcome: "waiting", outcomeOn: "", notes: "" });
    expect(referral.status).toBe(302);
    const saved = await app.database.db.selectFrom("benefits_referrals").selectAll().where("participant_id", "=", id()).executeTakeFirstOrThrow();
    const update = (version: string) => spec1.postForm(`${page}/referrals/${saved.id}`, {
      version, referredOn: "2025-02-01", counselorName: "Robin Vega", organization: "WIPA North",
      outcome: "plan_received", outcomeOn: "2025-03-01", notes: "Benefits summary received",
    });
    expect((await update("1")).status).toBe(302);
    expect((await update("1")).status).toBe(409);
    const after = await (await spec1.api("GET", `/participants/${id()}/benefits`)).json();
    expect(after.referrals[0]).toMatchObject({ counselorName: "Robin Vega", outcome: "plan_received", outcomeOn: "2025-03-01", version: 2 });
    expect(after.ssiReporting.find((m: { month: string }) => m.month === "2025-02")).toMatchObject({ status: "reported" });
  });
});

describe("SSDI trial work months from the log", () => {
  it("counts the log's months with the months from before it, over a rolling 60 months, and starts the EPE after the 9th", async () => {
    const client = await clientFor("spec2@test.org");
    const id = app.world.participants.participant2.id;
    const prior = ["2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01"];
    expect((await client.api("PUT", `/participants/${id}/benefits/profile`, { hasSsdi: true, ssdiMonthly: 1100, priorTrialWorkMonths: prior.join(", "), version: 0 })).status).toBe(200);
    let overview = await (await client.api("GET", `/participants/${id}/benefits`)).json();
    expect(overview.ssdi).toMatchObject({ monthsInWindow: 8, completedIn: null, inEpe: false });
    expect(overview.ssiReporting).toEqual([]);

    // March 2025: $1,160 is at the 2025 figure, not over it; then one more cent is.
    await client.api("POST", `/participants/${id}/benefits/pay-stubs`, stub("2025-04-04", "2025-03-01", "2025-03-31", 1160));
    overview = await (await client.api("GET", `/participants/${id}/benefits`)).json();
    expect(overview.ssdi.monthsInWindow).toBe(8);
    await client.api("POST", `/participants/${id}/benefits/pay-stubs`, stub("2025-04-04", "2025-03-31", "2025-03-31", 0.01));
    overview = await (await client.api("GET", `/participants/${id}/benefits`)).json();
    expect(overview.ssdi).toMatchObject({ completedIn: "2025-03", epeEndsIn: "2028-03", inEpe: true, graceMonthsLeft: 3 });
    expect(overview.ssdi.epeMonths[0]).toMatchObject({ month: "2025-04", number: 1, earned: 0, status: "paid" });
    expect(overview.monthlyTotals.find((m: { month: string }) => m.month === "2025-03")).toMatchObject({ earned: 1160.01, trialWorkMonth: true });
  });
});

describe("the benefits counselor and benefits meetings", () => {
  it("sends 'refer to a benefits counselor' to the CWIC referral, and the benefits page to planning a benefits meeting", async () => {
    const id = app.world.participants.participant1.id;
    const benefitsPage = await (await spec1.fetch(`/participants/${id}/benefits`)).text();
    expect(benefitsPage).toContain('id="referrals"');
    const planLink = `/participants/${id}/meetings/new?kind=benefits`;
    expect(benefitsPage).toContain(`href="${planLink}"`);
    expect(benefitsPage).toContain("Plan a benefits meeting with the counselor");

    const planning = await (await spec1.fetch(planLink)).text();
    expect(planning).toMatch(/<option value="benefits" selected="">/);
    // The talking points for benefit worries, shown while planning, point to the referral section.
    const losingBenefits = planning.slice(planning.indexOf('data-concern-type="losing_benefits"'));
    expect(losingBenefits.slice(0, losingBenefits.indexOf("</details>"))).toContain(`href="/participants/${id}/benefits#referrals"`);
    expect(planning).not.toMatch(/href="[^"]*meetings\/new\?kind=benefits/);
  });
});

describe("the estimate page", () => {
  const html = async (client: Client, path: string) => {
    const response = await client.fetch(path);
    expect(response.status).toBe(200);
    return response.text();
  };
  const cell = (page: string, row: string, column: string) => {
    const match = new RegExp(`<tr data-row="${row}"[^>]*>(.*?)</tr>`, "s").exec(page)?.[1] ?? "";
    return Number(new RegExp(`data-column="${column}"[^>]*? data-value="([^"]+)"`).exec(match)?.[1]);
  };

  it("prefills from the profile and gives the API's numbers and sentences for the same request", async () => {
    const id = app.world.participants.participant1.id;
    const form = await html(spec1, `/participants/${id}/benefits/estimate`);
    expect(form).toMatch(/id="field-ssi"[^>]*checked/);

    const request = { year: 2026, ssi: true, scenarios: [10, 20, 30].map((hoursPerWeek) => ({ hoursPerWeek, hourlyWage: 15 })) };
    const fromApi = await (await spec1.api("POST", "/benefits/estimate", request)).json();
    expect(fromApi).toEqual(estimate(estimateRequestSchema.parse(request), { locale: "en" }));
    const query = new URLSearchParams({ calculate: "1", year: "2026", ssi: "on" });
    request.scenarios.forEach((s, i) => {
      query.set(`scenarios.${i}.hoursPerWeek`, String(s.hoursPerWeek));
      query.set(`scenarios.${i}.hourlyWage`, "$15");
    });
    const page = await html(spec1, `/participants/${id}/benefits/estimate?${query}`);
    fromApi.scenarios.forEach((s: { monthlyGross: number; ssi: { payment: number }; totalMonthlyIncome: number; changeFromBaseline: number; summary: string }, i: number) => {
      expect(cell(page, "wages", String(i))).toBe(s.monthlyGross);
      expect(cell(page, "ssi", String(i))).toBe(s.ssi.payment);
      expect(cell(page, "total", String(i))).toBe(s.totalMonthlyIncome);
      expect(cell(page, "change", String(i))).toBe(s.changeFromBaseline);
      expect(page).toContain(s.summary);
    });
    expect(cell(page, "total", "baseline")).toBe(fromApi.baseline.totalMonthlyIncome);
    for (const note of fromApi.notes) expect(page).toContain(note);
    expect(page).toContain('role="img"');
  });

  it("shows each problem next to its field, and works for anyone without a participant", async () => {
    const page = await html(spec1, "/benefits/estimate?calculate=1&year=2026&ssi=on&scenarios.1.hoursPerWeek=200&scenarios.1.hourlyWage=15");
    expect(page).toContain('id="field-scenarios-1-hoursPerWeek-error"');
    expect(page).toContain("Hours per week must be between 0 and 168.");
    const empty = await html(spec1, "/benefits/estimate?calculate=1&year=2026&ssi=on");
    expect(empty).toContain("Add at least one way of working to compare.");
    const ok = await html(spec1, "/benefits/estimate?calculate=1&year=2026&ssi=on&scenarios.2.monthlyGross=1300");
    expect(ok).toContain("Your SSI check goes down to $386.50, but it does not stop.");
    expect((await new Client(app.url).fetch("/benefits/estimate")).status).toBe(302);
  });
});

describe("sharing an estimate", () => {
  async function person(name: string) {
    const response = await spec1.api("POST", `/participants/${app.world.participants.participant1.id}/support-persons`, { name, relationshipKind: "relative", closeness: "inner" });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  }
  async function grant(personId: string, categories: string[], fields: Record<string, unknown> = {}) {
    const today = new Date().toISOString().slice(0, 10);
    const response = await spec1.api("POST", `/participants/${app.world.participants.participant1.id}/consent-grants`, {
      supportPersonId: personId, categories, purpose: "To help plan work and money.", mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true,
      startsOn: today, expiresOn: "2099-12-31", signedMethod: "in_app", signatureName: "Pat Quinn", signedOn: today, participantConfirmed: true, ...fields,
    });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  }

  it("offers only supports whose consent covers benefits and income, records the share, and checks consent again for the copy", async () => {
    const id = app.world.participants.participant1.id;
    const aunt = await person("Aunt Dee");
    const cousin = await person("Cousin Lee");
    const auntGrant = await grant(aunt, ["benefits_income", "employment_goals"]);
    await grant(cousin, ["employment_goals"]);
    // A share reaches the person by contacting them: benefits and income alone, without contact, is not enough.
    const neighbour = await person("Neighbour Kai");
    await grant(neighbour, ["benefits_income"], { mayBeContacted: false });
    const query = "calculate=1&year=2026&ssi=on&scenarios.0.hoursPerWeek=20&scenarios.0.hourlyWage=15";
    const path = `/participants/${id}/benefits/estimate?${query}`;
    const page = await (await spec1.fetch(path)).text();
    expect(page).toContain(`value="${aunt}"`);
    expect(page).not.toContain(`value="${cousin}"`);
    expect(page).not.toContain(`value="${neighbour}"`);
    expect(page).toContain("Not offered, because their consent does not cover benefits and income, or being contacted, now: Cousin Lee, Neighbour Kai.");

    const request = JSON.stringify({ ...estimateRequestSchema.parse({ year: 2026, scenarios: [{ hoursPerWeek: 20, hourlyWage: 15 }] }) });
    expect((await spec1.postForm(path, { intent: "share", request })).status).toBe(400);
    const refused = await spec1.postForm(path, { intent: "share", request, supportPersonId: [aunt, cousin] });
    expect(refused.status).toBe(422);
    expect((await spec1.postForm(path, { intent: "share", request, supportPersonId: [neighbour] })).status).toBe(422);
    expect(await app.database.db.selectFrom("benefits_estimate_shares").selectAll().execute()).toEqual([]);

    const seq = await lastSeq();
    const shared = await spec1.postForm(path, { intent: "share", request, supportPersonId: [aunt] });
    expect(shared.status).toBe(302);
    const share = await app.database.db.selectFrom("benefits_estimate_shares").selectAll().executeTakeFirstOrThrow();
    expect(share.support_person_id).toBe(aunt);
    expect(JSON.parse(share.result)).toEqual(estimate(estimateRequestSchema.parse({ year: 2026, scenarios: [{ hoursPerWeek: 20, hourlyWage: 15 }] }), { locale: "en" }));
    const rows = await auditSince(seq);
    expect(rows.map((r) => r.action)).toEqual(["benefits_estimate.share"]);
    expect(rows[0]).toMatchObject({ entity_id: share.id, participant_id: id });
    expect(JSON.parse(rows[0]!.details ?? "{}").disclosure).toEqual({ readerKind: "support_person", readerId: aunt, categories: ["benefits_income"] });
    expect(JSON.parse(share.discloses)).toEqual(["benefits_income"]);
    expect(shared.headers.get("location")).toContain(`shared=${share.id}`);

    const copyPath = `/participants/${id}/benefits/estimate?copy=${share.id}`;
    expect(await (await spec1.fetch(copyPath)).text()).toContain("A copy for Aunt Dee");
    expect((await spec1.api("POST", `/participants/${id}/consent-grants/${auntGrant}/revoke`, { category: "benefits_income" })).status).toBe(200);
    const after = await (await spec1.fetch(copyPath)).text();
    expect(after).toContain("This copy cannot be shown: consent for Aunt Dee no longer covers benefits and income.");
    expect(after).not.toContain("$1,300");
    expect((await spec1.postForm(path, { intent: "share", request, supportPersonId: [aunt] })).status).toBe(422);
  });
});

describe("benefit years an administrator adds", () => {
  const year2027 = () => {
    const figures = parametersFor(2026)!.figures;
    const fields: Record<string, string> = { year: "2027" };
    for (const [name, figure] of Object.entries(figures)) {
      fields[`figures.${name}.amount`] = String(name === "ssiFederalBenefitRateIndividual" ? 1020 : figure.amount);
      fields[`figures.${name}.source`] = "SSA COLA fact sheet for 2027";
      fields[`figures.${name}.verified`] = "on";
    }
    return fields;
  };

  it("is for administrators only", async () => {
    expect((await spec1.fetch("/admin/benefit-years")).status).toBe(404);
    expect((await spec1.postForm("/admin/benefit-years", year2027())).status).toBe(404);
  });

  it("validates the figures, stores the year, and the API and the page estimate with it", async () => {
    const admin = await clientFor("admin@test.org");
    expect(await (await admin.fetch("/admin/benefit-years")).text()).toContain("Secondary source only; not yet checked against SSA");
    const missing = await admin.postForm("/admin/benefit-years", { ...year2027(), "figures.sgaBlind.source": "", "figures.sgaNotBlind.amount": "lots" });
    expect(missing.status).toBe(400);
    expect((await admin.postForm("/admin/benefit-years", { ...year2027(), year: "2026" })).status).toBe(409);
    expect((await spec1.api("POST", "/benefits/estimate", { year: 2027, scenarios: [{ monthlyGross: 0 }] })).status).toBe(400);

    const seq = await lastSeq();
    const added = await admin.postForm("/admin/benefit-years", year2027());
    expect(added.status).toBe(302);
    expect((await auditSince(seq)).map((r) => r.action)).toEqual(["benefit_year.create"]);
    const fromApi = await (await spec1.api("POST", "/benefits/estimate", { year: 2027, scenarios: [{ monthlyGross: 1300 }] })).json();
    // 1020 - (1300 - 20 - 65) / 2 = 412.50
    expect(fromApi.scenarios[0].ssi.payment).toBe(412.5);
    expect(fromApi.baseline.ssi.payment).toBe(1020);
    const page = await (await spec1.fetch("/benefits/estimate?calculate=1&year=2027&ssi=on&scenarios.0.monthlyGross=1300")).text();
    expect(page).toContain(fromApi.scenarios[0].summary);
    expect(await (await admin.fetch("/admin/benefit-years")).text()).toContain("SSA COLA fact sheet for 2027");
  });
});

describe("the API document", () => {
  it("describes the benefits records", async () => {
    const doc = await (await spec1.fetch("/api/v1/openapi.json")).json();
    for (const path of ["/participants/{id}/benefits", "/participants/{id}/benefits/profile", "/participants/{id}/benefits/pay-stubs", "/participants/{id}/benefits/pay-stubs/{stubId}/void", "/participants/{id}/benefits/reports", "/participants/{id}/benefits/referrals/{referralId}"]) {
      expect(doc.paths[path], path).toBeTruthy();
    }
  });
});

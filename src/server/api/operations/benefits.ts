import { z } from "zod";
import { addPayStub, recordEarningsReport, voidPayStub } from "../../../domain/benefits/earnings.server.ts";
import { estimate } from "../../../domain/benefits/estimate.ts";
import { estimateRequestSchema, estimateRequestSchemaFor, estimateResultSchema } from "../../../domain/benefits/model.ts";
import { createReferral, getBenefitsOverview, saveBenefitsProfile, updateReferral, type ReferralSaveResult } from "../../../domain/benefits/profile.server.ts";
import {
  benefitsOverviewSchema, benefitsProfileInputSchema, benefitsProfileSchema, earningsReportInputSchema, earningsReportSchema,
  payStubInputSchema, payStubSchema, payStubVoidSchema, referralInputSchema, referralSchema, referralUpdateSchema,
} from "../../../domain/benefits/records.ts";
import { storedBenefitYears } from "../../../domain/benefits/years.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or record, or you may not see it";
const MONEY = "Money is in dollars (a number, or a string such as \"$1,234.50\").";
const conflictWith = <Current extends z.ZodType>(current: Current) => ({ description: "Someone saved a newer version; `current` holds it. Nothing was saved.", current });

function referralSaved(result: ReferralSaveResult) {
  if (result.ok) return reply(200, result.referral);
  if (result.reason === "conflict") return failure(409, "conflict", "Someone changed this referral after you read it. Nothing was saved.", [], { current: result.current });
  return notFound();
}

/**
 * Benefits: the estimator (the same schema and engine as the page and `allies
 * benefits estimate`), and a participant's benefits records: the profile, benefits
 * counselor referrals, the earnings log and the months reported to SSA.
 */
export const benefitsOperations = [
  defineOperation({
    operationId: "estimateBenefits",
    method: "post",
    path: "/benefits/estimate",
    summary: "Estimate SSI and SSDI without work and for up to four ways of working (federal rules only)",
    permission: null,
    body: estimateRequestSchema,
    // The years an administrator added are laid over the built-in ones, as on the page.
    bodyAt: async (db) => estimateRequestSchemaFor(await storedBenefitYears(db)),
    responses: { 200: { description: "The estimate, with a plain-language summary per scenario and notes to always show", body: estimateResultSchema } },
    handler: async ({ db, actor, body }) => reply(200, estimate(body, { extraYears: await storedBenefitYears(db), locale: actor.locale })),
  }),
  defineOperation({
    operationId: "getBenefits",
    method: "get",
    path: "/participants/{id}/benefits",
    summary: "The benefits profile, referrals, earnings log, monthly totals, SSI months to report and SSDI trial work months",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The benefits record at the moment of reading", body: benefitsOverviewSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, meta }) => {
      const view = await getBenefitsOverview(db, access, meta);
      if (!view) return notFound();
      // How much of the student exclusion is used feeds the page's estimate; it is not part of the record the API shows.
      const { studentExclusionUsed: _unused, ...overview } = view.overview;
      return reply(200, overview);
    },
  }),
  defineOperation({
    operationId: "saveBenefitsProfile",
    method: "put",
    path: "/participants/{id}/benefits/profile",
    summary: "Save the benefits profile over the version you read (0 for the first save)",
    description: MONEY,
    permission: "update:participant",
    participant: "update",
    body: benefitsProfileInputSchema,
    responses: { 200: { description: "Saved", body: benefitsProfileSchema }, 404: NOT_FOUND, 409: conflictWith(benefitsProfileSchema) },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await saveBenefitsProfile(db, access, body, meta);
      if (result.ok) return reply(200, result.profile);
      if (result.reason === "conflict") {
        return failure(409, "conflict", "Someone saved the benefits profile after you read it. Nothing was saved.", [], { current: result.current });
      }
      return notFound();
    },
  }),
  defineOperation({
    operationId: "createBenefitsReferral",
    method: "post",
    path: "/participants/{id}/benefits/referrals",
    summary: "Record a referral to a certified benefits planner (CWIC)",
    permission: "update:participant",
    participant: "update",
    body: referralInputSchema,
    responses: { 201: { description: "Recorded", body: referralSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      // A new referral has no earlier version to conflict with: refused or missing is all that can go wrong.
      const result = await createReferral(db, access, body, meta);
      return result.ok ? reply(201, result.referral) : notFound();
    },
  }),
  defineOperation({
    operationId: "updateBenefitsReferral",
    method: "put",
    path: "/participants/{id}/benefits/referrals/{referralId}",
    summary: "Save a referral's outcome over the version you read",
    permission: "update:participant",
    participant: "update",
    body: referralUpdateSchema,
    responses: { 200: { description: "Saved", body: referralSchema }, 404: NOT_FOUND, 409: conflictWith(referralSchema) },
    handler: async ({ db, access, params, body, meta }) => referralSaved(await updateReferral(db, access, params.referralId, body, meta)),
  }),
  defineOperation({
    operationId: "addPayStub",
    method: "post",
    path: "/participants/{id}/benefits/pay-stubs",
    summary: "Add a pay stub to the earnings log",
    description: `${MONEY} Send the same clientKey again to be sure a retried request stores the stub once (200 with the first copy).`,
    permission: "update:participant",
    participant: "update",
    body: payStubInputSchema,
    responses: {
      200: { description: "Already stored under this clientKey", body: payStubSchema },
      201: { description: "Added", body: payStubSchema },
      404: NOT_FOUND,
    },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await addPayStub(db, access, body, meta);
      if (!result.ok) return notFound();
      return result.created ? reply(201, result.stub) : reply(200, result.stub);
    },
  }),
  defineOperation({
    operationId: "voidPayStub",
    method: "post",
    path: "/participants/{id}/benefits/pay-stubs/{stubId}/void",
    summary: "Void a pay stub entered by mistake (it stays in the log, marked, and stops counting)",
    permission: "update:participant",
    participant: "update",
    body: payStubVoidSchema,
    bodyOptional: true,
    responses: { 200: { description: "Voided", body: payStubSchema }, 404: NOT_FOUND, 409: "Already voided" },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await voidPayStub(db, access, params.stubId, body.reason, meta);
      if (result.ok) return reply(200, result.stub);
      if (result.reason === "already_voided") return failure(409, "already_voided", "That pay stub was already voided. Nothing changed.");
      return notFound();
    },
  }),
  defineOperation({
    operationId: "recordEarningsReport",
    method: "post",
    path: "/participants/{id}/benefits/reports",
    summary: "Record that a month's wages were reported to SSA (the month's paid total is stored with it)",
    permission: "update:participant",
    participant: "update",
    body: earningsReportInputSchema,
    responses: { 201: { description: "Recorded", body: earningsReportSchema }, 404: NOT_FOUND },
    handler: async ({ db, access, params, body, meta }) => {
      const result = await recordEarningsReport(db, access, body, meta);
      return result.ok ? reply(201, result.report) : notFound();
    },
  }),
];

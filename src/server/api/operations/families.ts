import { z } from "zod";
import { answerFamilyAgreement, introduceFamilies, readFamilies } from "../../../domain/families/families.server.ts";
import { familyAgreementAnswerSchema, familyAgreementViewSchema, familyIntroductionSchema, familyIntroductionViewSchema } from "../../../domain/families/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or support person, or you may not see them";

/** Families connecting (decision 0044): agreements on a participant's record, and introducing two families. */
export const familyOperations = [
  defineOperation({
    operationId: "listFamilyAgreements",
    method: "get",
    path: "/participants/{id}/family-agreements",
    summary: "Who on the participant's record agreed to be put in touch with another family, and the introductions of their supports",
    permission: "read:participant",
    participant: "read",
    responses: {
      200: {
        description: "The current agreements and introductions",
        body: z.object({
          participantAgreement: familyAgreementViewSchema.nullable(),
          people: z.array(z.object({ supportPersonId: z.string(), name: z.string(), agreement: familyAgreementViewSchema.nullable() })),
          introductions: z.array(familyIntroductionViewSchema),
        }),
      },
      404: NOT_FOUND,
    },
    handler: async ({ db, access, meta }) => {
      const view = await readFamilies(db, access, meta);
      return view ? reply(200, { participantAgreement: view.participantAgreement, people: view.people, introductions: view.introductions }) : notFound();
    },
  }),
  defineOperation({
    operationId: "answerFamilyAgreement",
    method: "post",
    path: "/participants/{id}/family-agreements",
    summary: "Record the participant's or a support person's yes (with what they share) or their withdrawal, which ends the introductions resting on it",
    permission: "update:participant",
    participant: "update",
    body: familyAgreementAnswerSchema,
    responses: { 200: { description: "Recorded", body: z.object({ ok: z.literal(true) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, body, meta }) => {
      const result = await answerFamilyAgreement(db, access, body, meta);
      return result.ok ? reply(200, { ok: true as const }) : notFound();
    },
  }),
  defineOperation({
    operationId: "introduceFamilies",
    method: "post",
    path: "/family-introductions",
    summary: "Introduce two support persons of two different participants; both support persons and both participants must have agreed",
    permission: "update:participant",
    body: familyIntroductionSchema,
    responses: {
      201: { description: "Introduced; each sees the other on their own page", body: z.object({ introductionId: z.string() }) },
      404: NOT_FOUND,
      422: "Not all four agreed, both support persons support the same participant, or one can no longer be contacted. Nothing was saved.",
    },
    handler: async ({ db, actor, body, meta }) => {
      const result = await introduceFamilies(db, actor, body, meta);
      if (result.ok) return reply(201, { introductionId: result.introductionId });
      if (result.reason === "not_found") return notFound();
      return failure(422, result.reason, "These two support persons cannot be introduced now. Nothing was saved.", [{ path: "secondSupportPersonId", code: result.reason, message: result.reason.replaceAll("_", " ") }]);
    },
  }),
];

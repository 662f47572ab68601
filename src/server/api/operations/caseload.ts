import { z } from "zod";
import { caseloadMoveSchema } from "../../../domain/caseload/model.ts";
import { moveCaseload } from "../../../domain/caseload/move.server.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

/** Moving a specialist's participants to another specialist (issue 14): an administrator, or the supervisor of their team. */
export const caseloadOperations = [
  defineOperation({
    operationId: "moveCaseload",
    method: "post",
    path: "/specialists/{specialistId}/caseload/move",
    summary: "Move all, or the chosen, participants of a specialist to another active specialist, in one step",
    permission: "update:participant",
    body: caseloadMoveSchema,
    responses: {
      200: { description: "Moved; each participant's move is in the audit log", body: z.object({ moved: z.array(z.string()), messagesReaddressed: z.number().int() }) },
      404: "No such specialist, or their participants are not yours to move",
      422: "The receiver is not an active specialist within your reach, or a chosen participant is not on this caseload. Nothing moved.",
    },
    handler: async ({ db, actor, params, body, meta }) => {
      const result = await moveCaseload(db, actor, params.specialistId, body, meta);
      if (result.ok) return reply(200, { moved: result.moved, messagesReaddressed: result.messagesReaddressed });
      if (result.reason === "invalid_target") return failure(422, "invalid_target", "That person cannot take these participants. Nothing moved.", [{ path: "toSpecialistId", code: "invalid_target", message: "Choose another active specialist within your reach." }]);
      if (result.reason === "nothing_to_move") return failure(422, "nothing_to_move", "No participant to move, or a chosen one is not on this caseload. Nothing moved.", [{ path: "participantIds", code: "not_on_caseload", message: "Choose participants on this caseload." }]);
      return notFound();
    },
  }),
];

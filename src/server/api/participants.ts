import express, { type Request, type Response } from "express";
import type { DbHandle } from "../../db/index.ts";
import {
  caseloadQuerySchema, participantInputSchema, participantUpdateSchema, versionOnlySchema,
} from "../../domain/participants/model.ts";
import {
  createParticipant, getParticipant, listCaseload, setParticipantArchived, updateParticipant, type SaveResult,
} from "../../domain/participants/participants.server.ts";
import { fieldErrors, sendError, sendNotFound } from "./errors.ts";
import { actorOf } from "./router.ts";

function sendSaveResult(res: Response, result: SaveResult, createdStatus = 200) {
  if (result.ok) return res.status(createdStatus).json(result.participant);
  if (result.reason === "not_found") return sendNotFound(res);
  if (result.reason === "invalid_specialist") {
    return sendError(res, 422, "invalid_specialist", "That specialist cannot take this participant.", [
      { path: "specialistId", code: "invalid_specialist", message: "Choose an active specialist you may assign to." },
    ]);
  }
  return sendError(res, 409, "conflict", "Someone saved this record after you loaded it. Nothing was saved.", [], { current: result.current });
}

export function participantsApi(database: DbHandle): express.Router {
  const router = express.Router();
  const { db } = database;

  router.get("/", async (req: Request, res: Response) => {
    const query = caseloadQuerySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, "invalid_query", "The query is not valid.", fieldErrors(query.error, actorOf(res).locale));
    const page = await listCaseload(db, actorOf(res), query.data, res.locals.state.meta);
    res.json(page);
  });

  router.post("/", async (req: Request, res: Response) => {
    const input = participantInputSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error, actorOf(res).locale));
    sendSaveResult(res, await createParticipant(db, actorOf(res), input.data, res.locals.state.meta), 201);
  });

  router.get("/:id", async (req: Request, res: Response) => {
    const view = await getParticipant(db, actorOf(res), String(req.params.id), res.locals.state.meta);
    if (!view) return sendNotFound(res);
    res.json(view.participant);
  });

  router.put("/:id", async (req: Request, res: Response) => {
    const input = participantUpdateSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error, actorOf(res).locale));
    sendSaveResult(res, await updateParticipant(db, actorOf(res), String(req.params.id), input.data, res.locals.state.meta));
  });

  for (const [path, archived] of [["archive", true], ["restore", false]] as const) {
    router.post(`/:id/${path}`, async (req: Request, res: Response) => {
      const input = versionOnlySchema.safeParse(req.body);
      if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error, actorOf(res).locale));
      sendSaveResult(res, await setParticipantArchived(db, actorOf(res), String(req.params.id), archived, input.data.version, res.locals.state.meta));
    });
  }
  return router;
}

import express, { type Request, type Response } from "express";
import type { DbHandle } from "../../db/index.ts";
import { estimate } from "../../domain/benefits/estimate.ts";
import { estimateRequestSchemaFor } from "../../domain/benefits/model.ts";
import { storedBenefitYears } from "../../domain/benefits/years.server.ts";
import { fieldErrors, sendError } from "./errors.ts";
import { actorOf } from "./router.ts";

/**
 * The benefits estimator over HTTP: the same schema and engine as the page and
 * `allies benefits estimate`, with the years an administrator added laid over the
 * built-in ones, as on the page.
 */
export function benefitsApi(database: DbHandle): express.Router {
  const router = express.Router();

  router.post("/estimate", async (req: Request, res: Response) => {
    const extraYears = await storedBenefitYears(database.db);
    const input = estimateRequestSchemaFor(extraYears).safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error, actorOf(res).locale));
    res.json(estimate(input.data, { extraYears, locale: actorOf(res).locale }));
  });
  return router;
}

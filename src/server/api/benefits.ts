import express, { type Request, type Response } from "express";
import { estimate } from "../../domain/benefits/estimate.ts";
import { estimateRequestSchema } from "../../domain/benefits/model.ts";
import { fieldErrors, sendError } from "./errors.ts";

/** The benefits estimator over HTTP: the same schema and engine as the page and `allies benefits estimate`. */
export function benefitsApi(): express.Router {
  const router = express.Router();

  router.post("/estimate", (req: Request, res: Response) => {
    const input = estimateRequestSchema.safeParse(req.body);
    if (!input.success) return sendError(res, 400, "invalid_body", "Some fields need attention.", fieldErrors(input.error));
    res.json(estimate(input.data));
  });
  return router;
}

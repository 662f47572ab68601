import express, { type NextFunction, type Request, type Response } from "express";
import type { DbHandle } from "../db/index.ts";
import { recordRefusedTextReply, recordTextReply } from "../domain/messages/text-replies.server.ts";
import { FORM_BODY_LIMIT } from "./bodies.ts";
import { isTwilioSignatureValid, type TwilioSettings } from "./messaging/twilio.ts";

/**
 * POST /hooks/text: the text provider passes on each reply to the program's number
 * (decision 0026). It is not a page: no session, no CSRF token (the provider has
 * neither); its signature over the address and the parameters, made with the auth
 * token, is what lets it in. A request without a good one is refused and audited.
 */
export const TEXT_REPLIES_PATH = "/hooks/text";

/** Twilio reads the answer as TwiML: an empty one sends nothing back (Twilio confirms STOP and START itself). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export function textReplies(database: DbHandle, settings: Pick<TwilioSettings, "authToken" | "webhookUrl"> | null): express.Router {
  const router = express.Router();
  router.post(
    TEXT_REPLIES_PATH,
    express.text({ type: "application/x-www-form-urlencoded", limit: FORM_BODY_LIMIT, defaultCharset: "utf-8" }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const state = res.locals.state;
        if (!settings) {
          res.status(404).type("text/plain").send("No text provider is configured.");
          return;
        }
        const params = [...new URLSearchParams(typeof req.body === "string" ? req.body : "")];
        // The address as the provider was told it; behind a proxy, TEXT_WEBHOOK_URL says it.
        const url = settings.webhookUrl ?? `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;
        const signature = req.get("x-twilio-signature");
        if (!isTwilioSignatureValid(settings.authToken, url, params, signature)) {
          await recordRefusedTextReply(database.db, state.meta);
          state.log.warn({ signature: signature ? "wrong" : "missing" }, "text reply refused: bad signature");
          res.status(403).type("text/plain").send("Signature refused.");
          return;
        }
        const form = new URLSearchParams(params);
        const outcome = await recordTextReply(database.db, { from: form.get("From") ?? "", body: form.get("Body") ?? "" }, state.meta);
        if (outcome.kind !== "ignored") state.log.info({ reply: outcome.kind, people: outcome.people }, "text reply recorded");
        res.status(200).type("text/xml").send(EMPTY_TWIML);
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

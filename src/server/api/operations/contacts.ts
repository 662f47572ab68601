import { z } from "zod";
import { createContactNote, readContactNotes } from "../../../domain/contacts/contacts.server.ts";
import { contactNoteInputSchema, contactNoteSchema } from "../../../domain/contacts/model.ts";
import { defineOperation, failure, notFound, reply } from "../operation.ts";

const NOT_FOUND = "No such participant or support person, or you may not see them";

/** The dated log of contacts with the participant and their supports. */
export const contactNoteOperations = [
  defineOperation({
    operationId: "listContactNotes",
    method: "get",
    path: "/participants/{id}/contact-notes",
    summary: "Contact notes on the participant's record, newest contact first",
    permission: "read:participant",
    participant: "read",
    responses: { 200: { description: "The contact notes", body: z.object({ contactNotes: z.array(contactNoteSchema) }) }, 404: NOT_FOUND },
    handler: async ({ db, access, meta }) => {
      const view = await readContactNotes(db, access, meta);
      return view ? reply(200, { contactNotes: view.notes }) : notFound();
    },
  }),
  defineOperation({
    operationId: "createContactNote",
    method: "post",
    path: "/participants/{id}/contact-notes",
    summary: "Log a contact; each support person named must hold consent for every category it touched",
    permission: "update:participant",
    participant: "update",
    body: contactNoteInputSchema,
    responses: { 201: { description: "Logged", body: contactNoteSchema }, 404: NOT_FOUND, 422: "A support person named is outside their consent. Nothing was saved." },
    handler: async ({ db, access, body, meta }) => {
      const result = await createContactNote(db, access, body, meta);
      if (result.ok) return reply(201, result.note);
      if (result.reason === "outside_consent") {
        return failure(422, "outside_consent", "A support person named on the note holds no consent for what it touched. Nothing was saved.",
          result.outside.map((o) => ({ path: "supportPersonIds", code: o.noConsent ? "no_consent" : "not_covered", message: o.noConsent ? `${o.supportPersonId}: no consent` : `${o.supportPersonId}: not covered: ${o.missing.join(", ")}` })));
      }
      return notFound();
    },
  }),
];

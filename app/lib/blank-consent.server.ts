import type { ConsentFormFacts } from "../../src/domain/consent/consent-form.ts";
import { blankConsentForm } from "../../src/domain/consent/consent.server.ts";
import { consentTermsSchema } from "../../src/domain/consent/model.ts";
import { app, notFound, requireParticipant } from "./request.server.ts";
import type { RouterContextProvider } from "react-router";

/**
 * The blank consent form's facts for the page and the PDF: the terms come as GET
 * parameters (the sign step of consent-new.tsx links here with the terms chosen),
 * checked by the same schema as a grant's terms. null when the terms do not hold.
 */
export async function loadBlankConsentForm(
  context: Readonly<RouterContextProvider>, request: Request, params: { id: string; personId: string },
): Promise<ConsentFormFacts | null> {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  const query = new URL(request.url).searchParams;
  const text = (name: string) => query.get(name) ?? "";
  const terms = consentTermsSchema.safeParse({
    categories: query.getAll("categories"), purpose: text("purpose"), mayAttendMeetings: text("mayAttendMeetings"), mayReceivePlan: text("mayReceivePlan"),
    mayBeContacted: text("mayBeContacted"), startsOn: text("startsOn"), expiresOn: text("expiresOn"), expiryEvent: text("expiryEvent"),
  });
  if (!terms.success) return null;
  const result = await blankConsentForm(ctx.db, access, params.personId, terms.data, ctx.meta);
  if (!result.ok) throw notFound();
  return result.facts;
}

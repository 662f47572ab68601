import { data, redirect } from "react-router";
import type { Route } from "./+types/me-suggest";
import { supportSuggestionInputSchema } from "../../src/domain/portal/model.ts";
import { suggestSupport } from "../../src/domain/portal/privacy.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";
import type { SuggestActionResult } from "./me-privacy.tsx";

/** Someone the participant would like to add; on a problem the privacy page is drawn again with it. */
export { default, links, loader } from "./me-privacy.tsx";

export async function action({ context, request }: Route.ActionArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const form = await parseForm(request, supportSuggestionInputSchema);
  if (!form.ok) return data<SuggestActionResult>({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await suggestSupport(ctx.db, own, form.data, ctx.meta);
  if (!result.ok) throw notFound();
  return redirect(`/me/privacy?suggested=${Date.now()}#add`);
}

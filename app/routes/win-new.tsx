import { data, redirect } from "react-router";
import type { Route } from "./+types/win-new";
import { milestoneInputSchema } from "../../src/domain/milestones/model.ts";
import { addMilestone } from "../../src/domain/milestones/milestones.server.ts";
import { parseForm } from "../lib/form.server.ts";
import { app, notFound, requireParticipant } from "../lib/request.server.ts";
import type { WinsActionResult } from "./wins.tsx";

/** Adds a win; on a problem the wins page is drawn again with it (see wins.tsx). */
export { default, links, loader } from "./wins.tsx";

export async function action({ context, request, params }: Route.ActionArgs) {
  const access = await requireParticipant(context, request, params.id, "update");
  const ctx = app(context);
  // The form has no categories to choose: a win discloses what its kind does (defaultWinDisclosure).
  const form = await parseForm(request, milestoneInputSchema, (_submitted, { discloses: _unused, ...fields }) => fields);
  const fail = (status: number, errors: Record<string, string>, refused?: string[]) =>
    data<WinsActionResult>({ intent: "win", errors, values: form.values, chosen: form.chosen, refused }, { status });
  if (!form.ok) return fail(400, form.errors);
  const result = await addMilestone(ctx.db, access, form.data, ctx.meta);
  // Someone chosen may not be told about this win (consent by content): name them, save nothing.
  if (!result.ok && result.reason === "not_consented") return fail(422, { celebrateWith: "meetings.wins.notConsented" }, result.people);
  if (!result.ok) throw notFound();
  return redirect(`/participants/${params.id}/wins?added=${result.milestone.id}#win-${result.milestone.id}`);
}

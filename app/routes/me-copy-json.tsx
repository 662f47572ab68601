import type { Route } from "./+types/me-copy-json";
import { getMyRecordCopy } from "../../src/domain/portal/record-copy.server.ts";
import { app, notFound, requireOwnRecord } from "../lib/request.server.ts";

/** The whole record as JSON, for another program or app the participant chooses. Audited. */
export async function loader({ context }: Route.LoaderArgs) {
  const own = await requireOwnRecord(context);
  const ctx = app(context);
  const copy = await getMyRecordCopy(ctx.db, own, "json", ctx.meta);
  if (!copy) throw notFound();
  return new Response(JSON.stringify(copy, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-record-${copy.generatedAt.slice(0, 10)}.json"`,
    },
  });
}

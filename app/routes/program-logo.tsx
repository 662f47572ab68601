import type { Route } from "./+types/program-logo";
import { getProgramLogo } from "../../src/domain/program/program.server.ts";
import { app, notFound, requireActor } from "../lib/request.server.ts";

/** The program's logo, for pages and printouts: staff only, checked when uploaded to be a PNG or JPEG. */
export async function loader({ context, request }: Route.LoaderArgs) {
  requireActor(context, request);
  const logo = await getProgramLogo(app(context).db);
  if (!logo) throw notFound();
  return new Response(new Uint8Array(logo.bytes), {
    headers: { "Content-Type": logo.contentType, "Content-Length": String(logo.bytes.byteLength), "X-Content-Type-Options": "nosniff" },
  });
}

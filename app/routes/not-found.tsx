import { notFound } from "../lib/request.server.ts";

export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

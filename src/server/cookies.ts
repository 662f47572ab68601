export const SESSION_COOKIE = "allies_session";
export const CSRF_COOKIE = "allies_csrf";
/** A partner session, opened by a personal link: a cookie of its own, never mistaken for a staff session. */
export const PARTNER_COOKIE = "allies_partner";
/** The language a visitor chose with the switch on the pages read before signing in. */
export const LANGUAGE_COOKIE = "allies_language";

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(value);
      } catch {
        cookies[name] = value;
      }
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  secure: boolean;
  sameSite?: "Lax" | "Strict";
}

/** Every Allies cookie is httpOnly, SameSite and (unless configured off) Secure. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", `SameSite=${options.sameSite ?? "Lax"}`];
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

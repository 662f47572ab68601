/**
 * Where to go after signing in: only a path on this site. Browsers drop tabs and
 * line breaks from a URL and read "\" as "/", so "/\t/evil.example" would lead
 * off-site, and a line break in a Location header is a server error: anything with
 * a control character or backslash, or that resolves to another origin, goes to
 * the fallback instead. What comes back is the URL's own serialisation (percent-
 * encoded), safe for a Location header.
 */
export function safeNextPath(value: string | null, fallback = "/participants"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const origin = "https://allies.invalid";
  try {
    const url = new URL(value, origin);
    if (url.origin !== origin) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

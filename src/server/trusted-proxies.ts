import { isIP } from "node:net";

/** Names Express understands for whole address ranges. */
const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"] as const;

export type TrustedProxies = { ok: true; proxies: string[] } | { ok: false; problem: string };

/**
 * ALLIES_TRUSTED_PROXIES: the addresses whose `X-Forwarded-For` Allies believes, as a
 * comma-separated list of addresses, ranges (`10.0.0.0/8`) and the names `loopback`,
 * `linklocal`, `uniquelocal`. Only a proxy listed here can say who the client is: sign-in
 * delays and the audit log count the address it names. Anything else in the list is a
 * mistake the server refuses to start with, rather than trusting more than was meant.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return { ok: false, problem: "lists no address: use loopback to trust only this machine" };
  for (const entry of entries) {
    if ((NAMED_RANGES as readonly string[]).includes(entry)) continue;
    const [address, prefix, extra] = entry.split("/");
    const version = isIP(address ?? "");
    const maxPrefix = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (version === 0 || !prefixOk || extra !== undefined) {
      return { ok: false, problem: `"${entry}" is not an address, a range such as 10.0.0.0/8, or one of ${NAMED_RANGES.join(", ")}` };
    }
  }
  return { ok: true, proxies: entries };
}

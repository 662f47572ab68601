import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import type { ServerBuild } from "react-router";
import type { DbHandle } from "../../src/db/index.ts";
import { createHttpApp } from "../../src/server/app.ts";
import { createHttpServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from "../../src/server/listen.ts";
import { DEMO_TOTP_SECRET, nextTotpCode } from "../../src/db/seed/authenticator.ts";

/** The real HTTP app on a free loopback port, over the given database (needs `npm run build`). */
export async function startTestServer(database: DbHandle, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS) {
  const root = path.resolve(import.meta.dirname, "../..");
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const app = createHttpApp({
    database, log: pino({ level: "silent" }), build, clientDir: path.join(root, "build/client"), secureCookies: false,
  });
  const server = createHttpServer(app, limits).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fetch client that keeps cookies and sends the CSRF token, like a browser would. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get csrf(): string {
    return this.cookies.get("allies_csrf") ?? "";
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Posts a form like a browser: urlencoded body with the CSRF field added. */
  async postForm(pathname: string, fields: Record<string, string | string[]>): Promise<Response> {
    if (!this.cookies.has("allies_csrf")) await this.fetch("/sign-in");
    const body = new URLSearchParams();
    body.set("_csrf", this.csrf);
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.fetch(pathname, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl } });
  }

  /** JSON API call with the session cookie and the CSRF header. */
  async api(method: string, pathname: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { "x-csrf-token": this.csrf, origin: this.baseUrl };
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.fetch(`/api/v1${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /**
   * Signs in through the form; the test admins' two-factor code is typed too (others'
   * accounts ignore it): the given one, or the next their authenticator shows.
   */
  async signIn(email: string, password: string, code?: string): Promise<void> {
    const response = await this.postForm("/sign-in", { email, password, code: code ?? (await nextTotpCode(DEMO_TOTP_SECRET, email)) });
    if (response.status !== 302) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  }
}

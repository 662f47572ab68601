import { signInForCookie } from "./harness.ts";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or undefined when it is not JSON. */
  json: any;
}

let requestCount = 0;

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Someone using Allies over HTTP: signed in with a session cookie (and the CSRF
 * token a browser would send), with a personal API token, or nobody at all.
 */
export class Caller {
  readonly baseUrl: string;
  readonly label: string;
  session: string | null = null;
  csrf = "";
  token: string | null = null;

  constructor(baseUrl: string, label: string) {
    this.baseUrl = baseUrl;
    this.label = label;
  }

  static async signedIn(baseUrl: string, label: string, email: string, password: string, token: string | null = null): Promise<Caller> {
    const caller = new Caller(baseUrl, label);
    const { session, csrf } = await signInForCookie(baseUrl, email, password);
    caller.session = session;
    caller.csrf = csrf;
    caller.token = token;
    return caller;
  }

  /** The same person, at a server that was restarted on another port. */
  at(baseUrl: string): Caller {
    const moved = new Caller(baseUrl, this.label);
    moved.session = this.session;
    moved.csrf = this.csrf;
    moved.token = this.token;
    return moved;
  }

  cookieHeader(): string {
    const parts = [];
    if (this.csrf) parts.push(`allies_csrf=${this.csrf}`);
    if (this.session) parts.push(`allies_session=${this.session}`);
    return parts.join("; ");
  }

  async raw(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader();
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    // A request id of our own, so a request that went unanswered can be found in the server's log.
    if (!headers.has("x-request-id")) headers.set("x-request-id", `reliability-${++requestCount}`);
    const sentAt = Date.now();
    try {
      const response = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
      return await answer(response);
    } catch (error) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`${what} (${init.method ?? "GET"} ${path}, request id ${headers.get("x-request-id")}, sent at ${sentAt})`, { cause: error });
    }
  }

  /** A page, as the browser of a signed-in person asks for it. */
  page(path: string): Promise<Answer> {
    return this.raw(path);
  }

  /** A form post with the CSRF field, as the browser would send it. */
  form(path: string, fields: Record<string, string>, options: { csrf?: string } = {}): Promise<Answer> {
    const body = new URLSearchParams({ _csrf: options.csrf ?? this.csrf, ...fields });
    return this.raw(path, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl } });
  }

  /** The JSON API: with the token when there is one, else the session cookie and the CSRF header. */
  api(method: string, path: string, body?: unknown, options: { rawBody?: string; via?: "token" | "session" } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    const via = options.via ?? (this.token ? "token" : "session");
    if (via === "token" && this.token) headers.authorization = `Bearer ${this.token}`;
    else {
      headers["x-csrf-token"] = this.csrf;
      headers.origin = this.baseUrl;
    }
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers["content-type"] = "application/json";
    return this.raw(`/api/v1${path}`, { method, headers: via === "token" ? { ...headers, cookie: "" } : headers, body: payload });
  }
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { SendFailure, type Accepted, type TextMessage, type TextSender } from "./channels.ts";

/**
 * Texts through Twilio's Messages API (decision 0026), with Node's own fetch: one
 * POST per message, so no SDK is needed. The base URL can point elsewhere, which is
 * how the tests reach a local fake of the API (tests/support/fake-text-provider.ts).
 */

export const TWILIO_API_BASE = "https://api.twilio.com";

const textEnvironmentSchema = z.object({
  TEXT_PROVIDER_URL: z.url({ protocol: /^https?$/ }).default(TWILIO_API_BASE),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, { error: "an account SID is AC and 32 hexadecimal digits" }),
  TWILIO_AUTH_TOKEN: z.string().min(16),
  TEXT_FROM_NUMBER: z.string().regex(/^\+[1-9]\d{7,14}$/, { error: "the sending number in E.164, e.g. +13125550100" }),
  /** The address Twilio posts replies to, exactly as set in its console; signatures are made over it. */
  TEXT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface TwilioSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  webhookUrl: string | null;
}

/** Environment variables are read as given; an empty one counts as unset. */
function setVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = Object.keys(textEnvironmentSchema.shape);
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

/**
 * The text provider's settings, or null when none of them is set (texts then go to
 * the development mailbox). Some but not all set is a mistake worth stopping for.
 */
export function twilioSettingsFromEnvironment(env: NodeJS.ProcessEnv): TwilioSettings | null {
  const given = setVariables(env);
  if (!given.TWILIO_ACCOUNT_SID && !given.TWILIO_AUTH_TOKEN && !given.TEXT_FROM_NUMBER) return null;
  const parsed = textEnvironmentSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Allies cannot send texts: the text provider's settings are incomplete or wrong:\n${problems}`);
  }
  const settings = parsed.data;
  return {
    baseUrl: settings.TEXT_PROVIDER_URL.replace(/\/+$/, ""),
    accountSid: settings.TWILIO_ACCOUNT_SID,
    authToken: settings.TWILIO_AUTH_TOKEN,
    from: settings.TEXT_FROM_NUMBER,
    webhookUrl: settings.TEXT_WEBHOOK_URL ?? null,
  };
}

/** What the worker sends texts with, or null when no text provider is configured. */
export function textSenderFromEnvironment(env: NodeJS.ProcessEnv): TextSender | null {
  const settings = twilioSettingsFromEnvironment(env);
  return settings ? new TwilioTextSender(settings) : null;
}

const createdMessage = z.object({ sid: z.string().min(1) });
const errorBody = z.object({ code: z.number().optional(), message: z.string().optional() });

export class TwilioTextSender implements TextSender {
  readonly name = "twilio";
  readonly #settings: TwilioSettings;

  constructor(settings: TwilioSettings) {
    this.#settings = settings;
  }

  async send(message: TextMessage, signal: AbortSignal): Promise<Accepted> {
    const { baseUrl, accountSid, authToken, from } = this.#settings;
    const url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        signal,
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          // Twilio accepts a repeat of the same token once only, so a message handed over
          // again after a crash is not delivered twice.
          "I-Twilio-Idempotency-Token": message.idempotencyKey,
        },
        body: new URLSearchParams({ To: message.to, From: from, Body: message.body }),
      });
    } catch (error) {
      // No answer: the connection failed, or the worker's time for it ran out.
      const why = signal.aborted ? "no answer in time" : error instanceof Error ? error.message : String(error);
      throw new SendFailure(`text provider unreachable: ${why}`, false);
    }
    const text = await response.text().catch(() => "");
    if (response.ok) {
      const parsed = createdMessage.safeParse(safeJson(text));
      if (!parsed.success) throw new SendFailure(`text provider answered ${response.status} without a message id`, false);
      return { providerId: parsed.data.sid };
    }
    const problem = errorBody.safeParse(safeJson(text));
    const detail = problem.success && problem.data.code ? ` (error ${problem.data.code}: ${problem.data.message ?? ""})` : "";
    // A refused request (a number that cannot take texts, one that replied STOP: 21610)
    // fails the same way every time; too many requests and the provider's own faults pass.
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408;
    throw new SendFailure(`text provider answered ${response.status}${detail}`, permanent);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Twilio's signature of a request it sends (X-Twilio-Signature): HMAC-SHA1 with the
 * auth token over the full URL followed by each form parameter's name and value,
 * sorted by name, base64-encoded.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signed = url + sorted.map(([name, value]) => name + value).join("");
  return createHmac("sha1", authToken).update(signed, "utf8").digest("base64");
}

/** Whether a request's signature is the one the auth token makes, compared in constant time. */
export function isTwilioSignatureValid(authToken: string, url: string, params: Iterable<[string, string]>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SendFailure } from "../../src/server/messaging/channels.ts";
import { textSenderFromEnvironment, twilioSettingsFromEnvironment } from "../../src/server/messaging/twilio.ts";
import { startFakeTextProvider, type FakeTextProvider } from "../support/fake-text-provider.ts";

const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "test-auth-token-0123456789";

let provider: FakeTextProvider;
beforeAll(async () => {
  provider = await startFakeTextProvider();
});
afterAll(async () => {
  await provider.close();
});

function sender() {
  const made = textSenderFromEnvironment({ TEXT_PROVIDER_URL: provider.url, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TEXT_FROM_NUMBER: "+13125550100" });
  if (!made) throw new Error("the sender should be configured");
  return made;
}

const message = (key: string) => ({ to: "+13125550142", body: "Allies: you have a new message. https://allies.example.org/l/abc", idempotencyKey: key });

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SendFailure) return error;
    throw error;
  }
  throw new Error("the send should have failed");
}

describe("texts through the provider's HTTP API", () => {
  it("posts the message to the account's Messages resource, signed in with the account, carrying the idempotency key", async () => {
    provider.answer({ kind: "accept" });
    const accepted = await sender().send(message("msg-1"), AbortSignal.timeout(5000));
    const received = provider.requests.at(-1)!;
    expect(received.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(received.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    expect(received).toMatchObject({ to: "+13125550142", from: "+13125550100", body: message("x").body, idempotencyToken: "msg-1" });
    expect(accepted.providerId).toMatch(/^SM/);
  });

  it("hands a repeat over with the same key, so the provider delivers it once", async () => {
    provider.answer({ kind: "accept" });
    const first = await sender().send(message("msg-repeat"), AbortSignal.timeout(5000));
    const again = await sender().send(message("msg-repeat"), AbortSignal.timeout(5000));
    expect(again.providerId).toBe(first.providerId);
    expect(provider.delivered.filter((m) => m.idempotencyToken === "msg-repeat")).toHaveLength(1);
    expect(provider.repeats.filter((m) => m.idempotencyToken === "msg-repeat")).toHaveLength(1);
  });

  it("treats the provider's own failure (500) as worth trying again", async () => {
    provider.answer({ kind: "fail", status: 500 });
    const failure = await failureOf(sender().send(message("msg-500"), AbortSignal.timeout(5000)));
    expect(failure.permanent).toBe(false);
    expect(failure.message).toContain("500");
  });

  it("treats too many requests (429) as worth trying again", async () => {
    provider.answer({ kind: "fail", status: 429, code: 20429 });
    expect((await failureOf(sender().send(message("msg-429"), AbortSignal.timeout(5000)))).permanent).toBe(false);
  });

  it("treats a refused message (a number that replied STOP) as permanent, with the provider's error code", async () => {
    provider.answer({ kind: "fail", status: 400, code: 21610 });
    const failure = await failureOf(sender().send(message("msg-stop"), AbortSignal.timeout(5000)));
    expect(failure.permanent).toBe(true);
    expect(failure.message).toContain("21610");
  });

  it("gives up on a provider that does not answer when the worker's signal ends, as a failure worth retrying", async () => {
    provider.answer({ kind: "hang" });
    const started = Date.now();
    const failure = await failureOf(sender().send(message("msg-hang"), AbortSignal.timeout(300)));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(failure.permanent).toBe(false);
    expect(failure.message).toContain("no answer in time");
    provider.answer({ kind: "accept" });
  });

  it("treats an unreachable provider as worth trying again", async () => {
    const closed = await startFakeTextProvider();
    const url = closed.url;
    await closed.close();
    const unreachable = textSenderFromEnvironment({ TEXT_PROVIDER_URL: url, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TEXT_FROM_NUMBER: "+13125550100" })!;
    expect((await failureOf(unreachable.send(message("msg-down"), AbortSignal.timeout(5000)))).permanent).toBe(false);
  });
});

describe("the text provider's settings", () => {
  it("are absent when nothing is set, so texts go to the development mailbox", () => {
    expect(textSenderFromEnvironment({})).toBeNull();
    expect(textSenderFromEnvironment({ TEXT_PROVIDER_URL: "http://127.0.0.1:1" })).toBeNull();
  });

  it("default to Twilio's API", () => {
    expect(twilioSettingsFromEnvironment({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TEXT_FROM_NUMBER: "+13125550100" })?.baseUrl).toBe("https://api.twilio.com");
  });

  it("refuse to start half set or with a number that is not E.164, naming what is wrong", () => {
    expect(() => textSenderFromEnvironment({ TWILIO_ACCOUNT_SID: SID })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(() => textSenderFromEnvironment({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TEXT_FROM_NUMBER: "312-555-0100" })).toThrow(/TEXT_FROM_NUMBER/);
  });
});

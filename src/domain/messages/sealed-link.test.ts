import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSealedLinkToken, sealLinkToken, withoutToken } from "./sealed-link.ts";

describe("a personal link sealed in the outbox", () => {
  const key = randomBytes(32);
  const token = "q3Jx8Tn0wVbA2mZ5yL7cK1dR4sE6uH9f";

  it("opens with the program's key and says nothing of the token while sealed", () => {
    const sealed = sealLinkToken(key, token);
    expect(sealed).not.toContain(token);
    expect(openSealedLinkToken(key, sealed)).toBe(token);
    expect(sealLinkToken(key, token)).not.toBe(sealed);
  });

  it("does not open with another key, or once tampered with", () => {
    const sealed = sealLinkToken(key, token);
    expect(openSealedLinkToken(randomBytes(32), sealed)).toBeNull();
    const [v, nonce, body, tag] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(openSealedLinkToken(key, [v, nonce, flipped.toString("base64url"), tag].join("."))).toBeNull();
    expect(openSealedLinkToken(key, "not sealed")).toBeNull();
  });

  it("leaves the link's place in a sent message's text, not the token", () => {
    expect(withoutToken(`Open https://allies.example.org/l/${token} now`, token)).toBe("Open https://allies.example.org/l/[link] now");
  });
});

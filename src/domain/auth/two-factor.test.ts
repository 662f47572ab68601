import { describe, expect, it } from "vitest";
import { openTotpSecret, sealTotpSecret } from "./two-factor-seal.ts";
import {
  base32Decode, base32Encode, hashRecoveryCode, hotp, matchRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpCode, totpStep,
} from "./two-factor.ts";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", eight digits.
const RFC_SECRET = Buffer.from("12345678901234567890");
const RFC_VECTORS: [number, string][] = [[59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"], [1234567890, "89005924"], [2000000000, "69279037"]];

describe("TOTP codes", () => {
  it("match the RFC 6238 test values", () => {
    for (const [seconds, code] of RFC_VECTORS) expect(hotp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it("read back the base32 secrets authenticator apps take", () => {
    expect(base32Encode(RFC_SECRET)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(RFC_SECRET);
  });

  const secret = newTotpSecret();
  const now = new Date("2026-12-01T10:00:10Z");
  const step = totpStep(now);

  it("accept the current code and those one step either side, and nothing further", () => {
    expect(matchTotp(secret, totpCode(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() - 60_000)), now, null)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() + 60_000)), now, null)).toBeNull();
  });

  it("refuse a code whose step was already used, and any older one", () => {
    const code = totpCode(secret, now);
    expect(matchTotp(secret, code, now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now, step)).toBe(step + 1);
  });

  it("take spaces but nothing that is not six digits", () => {
    const code = totpCode(secret, now);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
    expect(matchTotp(secret, `${code}0`, now, null)).toBeNull();
    expect(matchTotp(secret, "abcdef", now, null)).toBeNull();
  });
});

describe("recovery codes", () => {
  const codes = newRecoveryCodes();
  const stored = codes.map((code, i) => ({ id: `c-${i}`, codeHash: hashRecoveryCode(code) }));

  it("are ten different codes", () => {
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  });

  it("are matched however they are typed", () => {
    expect(matchRecoveryCode(codes[3]!, stored)).toBe("c-3");
    expect(matchRecoveryCode(codes[3]!.toLowerCase().replace("-", " "), stored)).toBe("c-3");
  });

  it("are good once: a used code is no longer among the unused", () => {
    const unused = stored.filter((c) => c.id !== "c-3");
    expect(matchRecoveryCode(codes[3]!, unused)).toBeNull();
    expect(matchRecoveryCode("AAAAA-AAAAA", stored)).toBeNull();
  });
});

describe("the sealed TOTP secret", () => {
  it("opens with the password it was sealed with, and with no other", async () => {
    const sealed = await sealTotpSecret("JBSWY3DPEHPK3PXP", "correct horse battery");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(await openTotpSecret(sealed, "correct horse battery")).toBe("JBSWY3DPEHPK3PXP");
    expect(await openTotpSecret(sealed, "wrong horse battery")).toBeNull();
  });
});

import { hotp, base32Decode, totpStep, TOTP } from "../../domain/auth/two-factor.ts";

/**
 * The authenticator secret of the demo and test administrators (demo data only:
 * README lists it beside the demo password). Never used for a real account.
 */
export const DEMO_TOTP_SECRET = "2RBBT5G54L3L5DYQF7VNBXIHQQBYA7NP";

const lastStepUsed = new Map<string, number>();

/**
 * An authenticator app for the tests, the reliability suite and the bench: the
 * code for a secret, never the same time step twice in this process (the server
 * refuses a code that already signed in), using the step after the current one
 * when the current is spent, and waiting for time to move on when both are.
 * Steps are counted per account: each account's last step is its own.
 */
export async function nextTotpCode(secret: string, account: string, now: () => Date = () => new Date()): Promise<string> {
  const key = `${account}\n${secret}`;
  for (;;) {
    const current = totpStep(now());
    const step = Math.max(current, (lastStepUsed.get(key) ?? -1) + 1);
    if (step <= current + 1) {
      lastStepUsed.set(key, step);
      return hotp(base32Decode(secret), step);
    }
    const nextStepStartsIn = (current + 1) * TOTP.periodSeconds * 1000 - now().getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(50, nextStepStartsIn + 50)));
  }
}

/**
 * Progressive delays after failed sign-ins, in place of a lockout (decision 0019).
 * Failures make the next attempt for the same account, or from the same network
 * address, wait longer: a few are free, then the wait doubles up to a ceiling.
 * An address gets more free failures than an account, because a whole clinic
 * may share one address behind its router.
 */
export const SIGN_IN_DELAYS = {
  freePerAccount: 3,
  freePerAddress: 10,
  firstDelaySeconds: 5,
  maxDelaySeconds: 15 * 60,
  /** An account's failures count from its latest sign-in, and never from further back than this. */
  windowHours: 24,
  /** An address's failures count over this last stretch of time. */
  addressWindowMinutes: 60,
} as const;

/** Seconds to wait after `failures` failed attempts when the first `free` cost nothing. */
export function delayAfterFailures(failures: number, free: number): number {
  if (failures <= free) return 0;
  const doublings = failures - free - 1;
  if (doublings >= 20) return SIGN_IN_DELAYS.maxDelaySeconds;
  return Math.min(SIGN_IN_DELAYS.firstDelaySeconds * 2 ** doublings, SIGN_IN_DELAYS.maxDelaySeconds);
}

export interface FailureCount {
  failures: number;
  /** ISO time of the latest failure, null when there is none. */
  lastAt: string | null;
}

/** When the next attempt may be tried, after one counter of failures; null when it may now. */
export function retryAfter(count: FailureCount, free: number, now: Date): Date | null {
  if (!count.lastAt) return null;
  const seconds = delayAfterFailures(count.failures, free);
  if (seconds === 0) return null;
  const at = new Date(Date.parse(count.lastAt) + seconds * 1000);
  return at.getTime() > now.getTime() ? at : null;
}

export interface SignInWait {
  /** Wrong passwords for the account or from the address: a correct password with a correct second factor still gets in. */
  passwordFailures: Date | null;
  /** Wrong codes after the right password: only someone holding the password can cause these, so nothing passes them. */
  codeFailures: Date | null;
}

export function signInWait(counts: { account: FailureCount; address: FailureCount; accountCodes: FailureCount }, now: Date): SignInWait {
  const account = retryAfter(counts.account, SIGN_IN_DELAYS.freePerAccount, now);
  const address = retryAfter(counts.address, SIGN_IN_DELAYS.freePerAddress, now);
  const later = account && address ? (account > address ? account : address) : account ?? address;
  return { passwordFailures: later, codeFailures: retryAfter(counts.accountCodes, SIGN_IN_DELAYS.freePerAccount, now) };
}

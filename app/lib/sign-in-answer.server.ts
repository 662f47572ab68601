import { data } from "react-router";

/** Whole seconds from now until an ISO time, at least one. */
function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
}

/**
 * A refused sign-in, the same for staff and participants: the form's error, the
 * email typed (never the password), and when a wait applies, how long, in the
 * page and in Retry-After.
 */
export function refusedSignIn<E extends string>(email: string, formError: E, status: number, retryAt: string | null = null) {
  const waitSeconds = retryAt ? secondsUntil(retryAt) : null;
  const headers: HeadersInit = waitSeconds ? { "Retry-After": String(waitSeconds) } : {};
  return data({ errors: {}, email, formError, waitSeconds }, { status, headers });
}

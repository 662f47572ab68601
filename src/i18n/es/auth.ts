import { auth as english } from "../en/auth.ts";

/** Spanish for the messages of en/auth.ts: every key, nothing else (the type holds it to the English file). */
export const auth: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

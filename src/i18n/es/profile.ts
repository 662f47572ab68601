import { profile as english } from "../en/profile.ts";

/** Spanish for the messages of en/profile.ts: every key, nothing else (the type holds it to the English file). */
export const profile: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

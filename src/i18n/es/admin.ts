import { admin as english } from "../en/admin.ts";

/** Spanish for the messages of en/admin.ts: every key, nothing else (the type holds it to the English file). */
export const admin: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

import { partners as english } from "../en/partners.ts";

/** Spanish for the messages of en/partners.ts: every key, nothing else (the type holds it to the English file). */
export const partners: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

import { own as english } from "../en/own.ts";

/** Spanish for the messages of en/own.ts: every key, nothing else (the type holds it to the English file). */
export const own: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

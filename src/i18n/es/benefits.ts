import { benefits as english } from "../en/benefits.ts";

/** Spanish for the messages of en/benefits.ts: every key, nothing else (the type holds it to the English file). */
export const benefits: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

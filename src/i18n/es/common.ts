import { common as english } from "../en/common.ts";

/** Spanish for the messages of en/common.ts: every key, nothing else (the type holds it to the English file). */
export const common: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

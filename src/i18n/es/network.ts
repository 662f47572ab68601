import { network as english } from "../en/network.ts";

/** Spanish for the messages of en/network.ts: every key, nothing else (the type holds it to the English file). */
export const network: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

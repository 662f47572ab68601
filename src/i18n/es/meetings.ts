import { meetings as english } from "../en/meetings.ts";

/** Spanish for the messages of en/meetings.ts: every key, nothing else (the type holds it to the English file). */
export const meetings: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

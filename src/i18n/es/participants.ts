import { participants as english } from "../en/participants.ts";

/** Spanish for the messages of en/participants.ts: every key, nothing else (the type holds it to the English file). */
export const participants: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

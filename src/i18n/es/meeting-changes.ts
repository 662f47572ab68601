import { meetingChanges as english } from "../en/meeting-changes.ts";

/** Spanish for the messages of en/meeting-changes.ts: every key, nothing else (the type holds it to the English file). */
export const meetingChanges: Record<keyof typeof english, string> = {
  // Not translated yet: the English text stands in until this file is written.
  ...english,
};

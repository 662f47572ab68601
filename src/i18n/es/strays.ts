import { strays as english } from "../en/strays.ts";

/** Spanish for the messages of en/strays.ts. */
export const strays: Record<keyof typeof english, string> = {
  "strays.calendar.invites": "{name} le invita.",
  "strays.languageSwitch.label": "Idioma",
};

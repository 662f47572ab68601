// The participant area's fixed lists, apart from model.ts so that a page's form
// fields can use them without sending zod and every schema to the browser.

/**
 * Situations that change how the specialist works with someone (PRODUCT.md,
 * capability 1). Later areas (guided discovery) choose prompts from these.
 */
export const SITUATION_FLAGS = [
  "youngAdult",
  "justiceInvolvement",
  "homelessnessHistory",
  "substanceUseHistory",
  "lostTouchWithFamily",
  "fosterCare",
] as const;
export type SituationFlag = (typeof SITUATION_FLAGS)[number];

export const LANGUAGES = ["en", "es"] as const;

/** The partners' own pages: personal links, the support person's page, help requests. Plain words, short sentences. */
export const partners = {
  "link.ended.title": "This link does not open a page now",
  "link.ended.body": "The link may be old, or it was replaced by a new one. Ask the employment specialist for a new link.",
  "link.ended.again": "If you have your link on paper or in a message, open it again.",
  "link.signOut": "Leave this page on this device",
  "link.signedOut": "You left the page. Your link still works.",
} as const;

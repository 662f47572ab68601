/**
 * Issue 12's gaps (part p12): the message that carries a personal link, the
 * participant's own commitment reminder, and the choice of how a link goes.
 */
export const p12 = {
  "messages.link_issued.subject": "{program}: your link to your page",
  "messages.link_issued.body": "Here is your own link to your page. Open it to see what is new and to answer. It works until {expires}.\n\nKeep the link to yourself. Anyone who has it can open your page. If you lose it, ask your employment specialist for a new one.",
  "messages.link_issued.text": "{program}: here is your link to your page. Keep it to yourself. {pageUrl}",
  "messages.commitment_reminder.own.subject": "{program}: a reminder of something you planned",
  "messages.commitment_reminder.own.body": "You planned to do this:\n\n{description}\n\nWhen it is done, you can say so on your page.",

  "links.send.legend": "How should the link reach them?",
  "links.send.print": "I will print it or read it out",
  "links.send.message": "Send it by their chosen way: {channel, select, email {email} text {text message} other {none chosen}}",
  "links.send.noChannel": "They have not chosen email or text, so the link can only be printed.",
  "links.send.queued": "The link will be sent by {channel, select, email {email} text {text message} other {message}} in a moment.",
  "links.send.invalid": "Choose how the link should reach them.",
} as const;

/** Pages that fit a working day (issue 14 §2): the one guided-questions form, the ecomap on a phone, the header. */
export const fit = {
  "fit.discover.intro": "Go through these questions with the participant. When they name someone, add the person with the form: choose the question, then write who they are. You can fill in more about them later.",
  "fit.discover.introReadOnly": "Questions to go through with the participant, and the people each one brought up.",
  "fit.discover.addFor": "Add someone for this question",
  "fit.discover.formHeading": "Add a person",
  "fit.discover.question": "Question that brought them up",
  "fit.discover.questionHint": "So you can see later where each person came from.",
  "fit.discover.otherHint": "Only if how they are connected is not in the list: choose Other above, then say how here.",
  "fit.benefits.changeProfile": "Change the benefits profile",
  "fit.ecomap.scroll": "Map of the network. On a small screen, scroll sideways to see all of it.",
} as const;

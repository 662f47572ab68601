import type { SubmittedForm } from "./form.server.ts";

/**
 * The meeting form as the schemas take it (planning and editing share it): the
 * agenda is typed one point a line, the schema takes a list.
 */
export function meetingFormInput(form: SubmittedForm) {
  const text = (name: string) => form.get(name) ?? "";
  return {
    kind: text("kind"),
    title: text("title"),
    scheduledAt: text("scheduledAt"),
    durationMinutes: text("durationMinutes"),
    place: text("place"),
    inviteeIds: form.getAll("inviteeIds"),
    refreshments: text("refreshments"),
    seating: text("seating"),
    agenda: text("agenda").split(/\r?\n/).map((line) => line.trim()),
    separatePermission: text("separatePermission"),
    checkedWithParticipant: form.get("checkedWithParticipant") === "on",
    discloses: form.getAll("discloses").map(String),
    confirmSubstanceUse: form.get("confirmSubstanceUse") === "on",
    ...(form.get("version") !== undefined ? { version: text("version") } : {}),
  };
}

export type MeetingFormValues = Record<string, string | string[]>;

/** What was sent, to fill the form again: lists for the ticked boxes. */
export function meetingFormValues(form: { values: Record<string, string>; chosen: Record<string, string[]> }): MeetingFormValues {
  return { ...form.values, inviteeIds: form.chosen.inviteeIds ?? [], discloses: form.chosen.discloses ?? [] };
}

/**
 * The words of the support network (PRODUCT.md capabilities 2 and 6). Family is
 * defined broadly and the participant decides who counts.
 */
export const RELATIONSHIP_KINDS = [
  "relative", "parent", "partner", "friend", "roommate", "neighbour", "sponsor", "clergy",
  "current_coworker", "past_coworker", "mentor", "probation_officer", "street_family", "peer_in_care",
  "benefits_counselor", "job_coach", "clinician", "case_manager", "other",
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/**
 * People who support the participant as part of their work. They are recorded,
 * invited and shown things on the same terms as family and friends (their own
 * consent grant, the same check by content); only their role and organization
 * are shown beside their name.
 */
export const PROFESSIONAL_KINDS = ["probation_officer", "benefits_counselor", "job_coach", "clinician", "case_manager"] as const satisfies readonly RelationshipKind[];

export function isProfessional(kind: RelationshipKind): boolean {
  return (PROFESSIONAL_KINDS as readonly RelationshipKind[]).includes(kind);
}

/** Rings of the ecomap, from the centre out. */
export const CLOSENESS = ["inner", "friends", "community", "services"] as const;
export type Closeness = (typeof CLOSENESS)[number];

export const RELATIONSHIP_STATUSES = ["supportive", "lost_touch", "strained", "wants_to_reconnect", "do_not_contact"] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

export const CONTACT_CHANNELS = ["phone", "text", "email", "in_person", "mail"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Kinds of help a support person could give; also the kinds of job support plan items. */
export const SUPPORT_KINDS = [
  "rides", "wake_up_calls", "reminders", "resume_applications", "id_documents", "clothes",
  "bank_account", "budgeting", "encouragement", "after_hard_day", "paperwork", "interview_schedules",
  "job_leads", "other",
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

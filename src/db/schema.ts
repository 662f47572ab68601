import type { Generated } from "kysely";

/**
 * The database as Kysely sees it. Portable types only, so SQLite and PostgreSQL
 * hold the same data: ids are text (UUIDs), times are ISO-8601 UTC text,
 * booleans are 0/1 integers, lists are JSON text.
 */
export interface Database {
  teams: TeamTable;
  users: UserTable;
  role_permissions: RolePermissionTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  recovery_codes: RecoveryCodeTable;
  password_resets: PasswordResetTable;
  invitations: InvitationTable;
  participants: ParticipantTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  app_meta: AppMetaTable;
  support_persons: SupportPersonTable;
  support_person_versions: SupportPersonVersionTable;
  documents: DocumentTable;
  consent_grants: ConsentGrantTable;
  consent_revocations: ConsentRevocationTable;
  meetings: MeetingTable;
  meeting_invitees: MeetingInviteeTable;
  meeting_entries: MeetingEntryTable;
  concerns: ConcernTable;
  plan_items: PlanItemTable;
  plan_item_versions: PlanItemVersionTable;
  milestones: MilestoneTable;
  encouragement_notes: EncouragementNoteTable;
  benefits_profiles: BenefitsProfileTable;
  benefits_referrals: BenefitsReferralTable;
  pay_stubs: PayStubTable;
  earnings_reports: EarningsReportTable;
  benefits_estimate_shares: BenefitsEstimateShareTable;
  benefit_years: BenefitYearTable;
  personal_links: PersonalLinkTable;
  partner_sessions: PartnerSessionTable;
  help_requests: HelpRequestTable;
  support_suggestions: SupportSuggestionTable;
  program_settings: ProgramSettingsTable;
  meeting_invitee_removals: MeetingInviteeRemovalTable;
  text_opt_outs: TextOptOutTable;
  home_visits: HomeVisitTable;
  calendar_feeds: CalendarFeedTable;
  outbox_messages: OutboxMessageTable;
  outbox_attempts: OutboxAttemptTable;
  message_opt_outs: MessageOptOutTable;
  outbox_leases: OutboxLeaseTable;
  contact_notes: ContactNoteTable;
  participant_passwords: ParticipantPasswordTable;
  participant_sessions: ParticipantSessionTable;
  jobs: JobTable;
  coaching_notes: CoachingNoteTable;
  resources: ResourceTable;
  resource_offers: ResourceOfferTable;
  advocacy_members: AdvocacyMemberTable;
  advocacy_meetings: AdvocacyMeetingTable;
  advocacy_speakers: AdvocacySpeakerTable;
  family_agreements: FamilyAgreementTable;
  family_introductions: FamilyIntroductionTable;
}

/** A number (E.164) that replied STOP to the program's texts (migration 0017). */
export interface TextOptOutTable {
  phone: string;
  keyword: string;
  opted_out_at: string;
}

export interface SupportPersonTable {
  id: string;
  participant_id: string;
  name: string;
  relationship_kind: string;
  relationship_other: string | null;
  organization: string | null;
  closeness: string;
  status: string;
  phone: string | null;
  email: string | null;
  preferred_channel: string | null;
  /** A language code (participants/vocabulary LANGUAGES); null: not asked, English. */
  preferred_language: string | null;
  remind_meetings: number;
  remind_commitments: number;
  help_kinds: string;
  /** What "other" help means, in the specialist's words; set only with "other" among help_kinds (migration 0025). */
  help_other: string | null;
  notes: string | null;
  first_call: number;
  discovered_from: string | null;
  ended_at: string | null;
  ended_reason: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SupportPersonVersionTable {
  id: string;
  support_person_id: string;
  version: number;
  change: string;
  snapshot: string;
  changed_by: string;
  changed_at: string;
}

export interface DocumentTable {
  id: string;
  participant_id: string;
  kind: string;
  filename: string;
  content_type: string;
  size: number;
  content_base64: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ConsentGrantTable {
  id: string;
  participant_id: string;
  support_person_id: string;
  categories: string;
  purpose: string;
  may_attend_meetings: number;
  may_receive_plan: number;
  may_be_contacted: number;
  starts_on: string;
  expires_on: string | null;
  expiry_event: string | null;
  signed_method: string;
  signature_name: string | null;
  signed_on: string;
  participant_confirmed: number;
  scan_document_id: string | null;
  recorded_by: string;
  recorded_at: string;
  /** The day the event the grant ends on happened, once recorded (migration 0006). */
  event_occurred_on: Generated<string | null>;
  event_note: Generated<string | null>;
  event_recorded_by: Generated<string | null>;
  event_recorded_at: Generated<string | null>;
  /** When the recorded event ended the grant. */
  ended_at: Generated<string | null>;
  /** The grant this one renews. */
  renews_grant_id: Generated<string | null>;
}

export interface ConsentRevocationTable {
  id: string;
  grant_id: string;
  category: string | null;
  revoked_at: string;
  reason: string | null;
  recorded_by: string;
}

export interface TeamTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  password_hash: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** The language of the pages for this staff member: a catalog code (src/i18n). */
  locale: Generated<string>;
  /** Two-factor (migration 0010): the TOTP secret sealed with a key derived from the password. */
  totp_secret_sealed: string | null;
  totp_enabled_at: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  /** Where participants and supports reach this staff member (migration 0011). */
  phone: Generated<string | null>;
}

export interface RolePermissionTable {
  role: string;
  permission: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** JSON: failed sign-in attempts since the previous sign-in, shown once (migration 0010). */
  sign_in_notice: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Null only never: every token expires (migration 0008). */
  expires_at: string | null;
}

export interface LoginAttemptTable {
  id: string;
  email: string;
  ip: string;
  attempted_at: string;
  succeeded: number;
  /** What was wrong in a failed attempt: "password" or "code"; null for a success (migration 0010). */
  failure: string | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  issued_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  voided_at: string | null;
}

export interface InvitationTable {
  id: string;
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface ParticipantTable {
  id: string;
  /** The program's own id for the person, set by the caseload import; unique where given. */
  external_id: string | null;
  specialist_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  search_name: string;
  phone: string | null;
  email: string | null;
  preferred_language: string;
  /** "email" or "text"; null: no messages (migration 0017). */
  message_channel: string | null;
  remind_meetings: number;
  remind_commitments: number;
  remind_ssi_report: number;
  status: string;
  work_goal: string | null;
  /** A school or training goal beside the work goal (migration 0026). */
  school_goal: string | null;
  job_preferences: string | null;
  strengths: string | null;
  interests: string | null;
  past_jobs: string;
  education: string | null;
  flag_young_adult: number;
  flag_justice_involvement: number;
  flag_homelessness_history: number;
  flag_substance_use_history: number;
  flag_lost_touch_with_family: number;
  /** Was in foster care: guided discovery asks a young adult about people from that time (migration 0025). */
  flag_foster_care: number;
  version: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  participant_id: string | null;
  ip: string | null;
  request_id: string | null;
  reason: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** Rows up to this one were written before the audit key (plain SHA-256); every later row is keyed. */
  keyed_from_seq: number;
}

/** The program's own settings, one row with id "program" (migration 0011, decision 0021). */
export interface ProgramSettingsTable {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  /** An IANA time zone: the zone every meeting time is in. */
  time_zone: string;
  logo_content_type: string | null;
  logo_base64: string | null;
  /** HH:MM in the program's zone; null: the default quiet hours (21:00 to 08:00). */
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  /** 1: participants may also sign in with their email and a password (migration 0022, decision 0031). */
  participant_passwords: Generated<number>;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export type { Generated };

export interface MeetingTable {
  id: string;
  participant_id: string;
  kind: string;
  title: string;
  scheduled_at: string;
  duration_minutes: number;
  place: string;
  checklist: string;
  agenda: string;
  separate_permission: string | null;
  status: string;
  current_step: number;
  held_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
  /** The calendar SEQUENCE (RFC 5545 3.8.7.4): raised by each reschedule or cancellation (migration 0011). */
  sequence: Generated<number>;
  cancelled_at: Generated<string | null>;
}

export interface MeetingInviteeTable {
  id: string;
  meeting_id: string;
  support_person_id: string;
  response: string;
  responded_at: string | null;
  invited_at: string;
  /** A note the invitee left with their answer (migration 0012). */
  response_note: string | null;
  /** 1 came, 0 did not, null not noted (migration 0011). */
  attended: Generated<number | null>;
}

/** Someone taken off a meeting's list, who may still be handed its cancellation (migration 0011). */
export interface MeetingInviteeRemovalTable {
  id: string;
  meeting_id: string;
  support_person_id: string;
  removed_by: string;
  removed_at: string;
}

export interface MeetingEntryTable {
  id: string;
  meeting_id: string;
  kind: string;
  text: string;
  speaker: string;
  support_person_id: string | null;
  when_text: string | null;
  concern_id: string | null;
  plan_item_id: string | null;
  client_key: string;
  created_by: string;
  created_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
  /** A commitment set aside by staff: kept in the minutes, marked dismissed (migration 0025). */
  dismissed_at: string | null;
  dismissed_by: string | null;
  dismissed_reason: string | null;
  /** A strength's place in the career profile: "kept", "removed", or null until the specialist chooses (migration 0026). */
  profile_review: string | null;
}

export interface ConcernTable {
  id: string;
  participant_id: string;
  meeting_id: string | null;
  type: string;
  description: string;
  raised_by: string;
  support_person_id: string | null;
  status: string;
  mitigation_plan: string | null;
  client_key: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
}

export interface PlanItemTable {
  id: string;
  participant_id: string;
  kind: string;
  description: string;
  provider: string;
  support_person_id: string | null;
  frequency: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status: string;
  notes: string | null;
  shared_with_supports: number;
  source_entry_id: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
  /** The support person's own word on their commitment, from their page: "done" or "cant_this_week" (migration 0012). */
  support_report: Generated<string | null>;
  support_report_at: Generated<string | null>;
  /** When the support person is reminded of this commitment (migration 0016). */
  reminder_at: Generated<string | null>;
  /** Set with its meeting commitment's dismissal: off the support person's page and reminders (migration 0025). */
  dismissed_at: string | null;
  dismissed_by: string | null;
  dismissed_reason: string | null;
}

export interface PlanItemVersionTable {
  id: string;
  plan_item_id: string;
  version: number;
  changed_fields: string;
  snapshot: string;
  changed_by: string;
  changed_at: string;
}

export interface MilestoneTable {
  id: string;
  participant_id: string;
  kind: string;
  occurred_on: string;
  note: string | null;
  source: string;
  celebrate_with: string;
  created_by: string;
  created_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
}

export interface EncouragementNoteTable {
  id: string;
  participant_id: string;
  milestone_id: string | null;
  support_person_id: string | null;
  from_label: string;
  text: string;
  created_by: string;
  created_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
}

/** Money is integer cents; booleans 0/1 (migration 0004). */
export interface BenefitsProfileTable {
  participant_id: string;
  has_ssi: number;
  has_ssdi: number;
  has_medicaid: number;
  has_medicare: number;
  has_housing_assistance: number;
  has_snap: number;
  ssi_monthly_cents: number | null;
  ssdi_monthly_cents: number | null;
  other_unearned_cents: number | null;
  irwe_monthly_cents: number | null;
  blind: number;
  student: number;
  birth_year: number | null;
  prior_trial_work_months: string;
  notes: string | null;
  version: number;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface BenefitsReferralTable {
  id: string;
  participant_id: string;
  referred_on: string;
  counselor_name: string;
  organization: string | null;
  outcome: string;
  outcome_on: string | null;
  notes: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PayStubTable {
  id: string;
  participant_id: string;
  pay_date: string;
  period_start: string;
  period_end: string;
  hours_hundredths: number | null;
  gross_cents: number;
  employer: string;
  client_key: string | null;
  entered_by: string;
  created_at: string;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface EarningsReportTable {
  id: string;
  participant_id: string;
  month: string;
  reported_on: string;
  method: string;
  gross_cents: number;
  recorded_by: string;
  recorded_at: string;
}

export interface BenefitsEstimateShareTable {
  id: string;
  participant_id: string;
  support_person_id: string;
  request: string;
  result: string;
  shared_by: string;
  shared_at: string;
  /** JSON list of the consent categories this piece discloses; [] until reviewed (migration 0005). */
  discloses: Generated<string>;
}

export interface BenefitYearTable {
  id: string;
  year: number;
  figures: string;
  created_by: string;
  created_at: string;
}

/** A personal link: the token's hash, whose page it opens, until when (migration 0012). */
export interface PersonalLinkTable {
  id: string;
  participant_id: string;
  /** "support_person" or "participant". */
  subject_kind: string;
  support_person_id: string | null;
  token_hash: string;
  /** A staff user id, or `participant:<id>` when the participant asked for it. */
  issued_by: string;
  issued_at: string;
  expires_at: string;
  /** Each use moves the expiry this many days on; null: the link never renews. */
  renew_days: number | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

/** A session opened by a personal link (migration 0012). */
/** A participant's password, when they set one (migration 0022). Never shown to staff. */
export interface ParticipantPasswordTable {
  participant_id: string;
  password_hash: string;
  set_at: string;
}

/** A session a participant opened with their email and password (migration 0022): no link behind it. */
export interface ParticipantSessionTable {
  id: string;
  token_hash: string;
  participant_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface PartnerSessionTable {
  id: string;
  token_hash: string;
  link_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A need posted for the network to claim (migration 0012). */
export interface HelpRequestTable {
  id: string;
  participant_id: string;
  kind: string;
  description: string;
  needed_on: string;
  needed_time: string | null;
  discloses: string;
  /** "open", "claimed", "done" or "cancelled" (withdrawn). */
  status: string;
  posted_by: string;
  posted_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  plan_item_id: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  /** When the help was given and who said so (migration 0015). */
  done_at: Generated<string | null>;
  done_by: Generated<string | null>;
}

/**
 * Every application table, parents before children: the order to copy data in
 * (backup, restore) and the reverse order to clear it.
 */
export const TABLES_IN_DEPENDENCY_ORDER = [
  "teams", "users", "role_permissions", "sessions", "api_tokens", "login_attempts", "recovery_codes", "password_resets", "invitations",
  "participants", "support_persons", "support_person_versions", "documents", "consent_grants", "consent_revocations",
  "meetings", "meeting_invitees", "meeting_invitee_removals", "concerns", "plan_items", "meeting_entries", "plan_item_versions", "milestones", "encouragement_notes",
  "benefits_profiles", "benefits_referrals", "pay_stubs", "earnings_reports", "benefits_estimate_shares", "benefit_years", "program_settings",
  "personal_links", "partner_sessions", "help_requests",
  "support_suggestions", "text_opt_outs",
  "home_visits", "calendar_feeds",
  "outbox_messages", "outbox_attempts", "message_opt_outs", "outbox_leases",
  "contact_notes", "jobs",
  "participant_passwords", "participant_sessions",
  "coaching_notes", "resources", "resource_offers", "advocacy_members", "advocacy_meetings", "advocacy_speakers",
  "family_agreements", "family_introductions",
  "audit_log", "audit_head", "app_meta",
] as const satisfies readonly (keyof Database)[];

/** Someone the participant would like to add, held for the specialist to follow up (migration 0013). */
export interface SupportSuggestionTable {
  id: string;
  participant_id: string;
  name: string;
  how_to_reach: string | null;
  note: string | null;
  created_at: string;
  followed_up_at: string | null;
  followed_up_by: string | null;
}

/** When a staff member last opened the home page, and from when it counts "new" for their current sign-in (0020). */
export interface HomeVisitTable {
  user_id: string;
  session_id: string;
  visited_at: string;
  news_since: string | null;
}

/** A staff member's private calendar feed: the token is kept only as its hash (0020). */
export interface CalendarFeedTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One message to one reader on one channel, written with the event that causes it (migration 0016, decision 0025). */
export interface OutboxMessageTable {
  id: string;
  idempotency_key: string;
  dedupe_key: string | null;
  kind: string;
  participant_id: string | null;
  reader_kind: string;
  reader_id: string;
  channel: string;
  /** JSON list of the consent categories the message discloses. */
  discloses: string;
  /** The way it reaches a support person (an Involvement): what their grant must allow. */
  purpose: string;
  /** JSON: the message catalog's arguments, rendered at sending in the reader's language. */
  content: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
  provider: string | null;
  provider_id: string | null;
  last_error: string | null;
  /** JSON: the message as last rendered (subject, text, html, to). */
  rendered: string | null;
}

export interface OutboxAttemptTable {
  id: string;
  message_id: string;
  attempted_at: string;
  result: string;
  detail: string | null;
}

export interface MessageOptOutTable {
  reader_kind: string;
  reader_id: string;
  channel: string;
  opted_out_at: string;
}

export interface OutboxLeaseTable {
  name: string;
  holder: string;
  until: string;
}

/** One contact with the participant and/or their supports (migration 0021). */
export interface ContactNoteTable {
  id: string;
  participant_id: string;
  /** The day of the contact, YYYY-MM-DD. */
  contacted_on: string;
  method: string;
  /** 1 when the participant took part in the contact. */
  with_participant: number;
  /** JSON list of the support persons the contact was with. */
  support_person_ids: string;
  summary: string;
  /** JSON list of the consent categories the contact touched. */
  discloses: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** One job a participant holds or held (migration 0027). */
export interface JobTable {
  id: string;
  participant_id: string;
  employer: string;
  title: string;
  /** YYYY-MM-DD. */
  started_on: string;
  /** YYYY-MM-DD; null while the job goes on. */
  ended_on: string | null;
  hours_hundredths: number | null;
  hourly_wage_cents: number | null;
  /** 1 when the job pays at least minimum wage and is open to anyone (competitive). */
  competitive: number;
  /** 1 when the job is alongside people without disabilities (integrated). */
  integrated: number;
  /** How it ended: quit, laid_off, fired, temporary_ended, other. */
  end_reason: string | null;
  end_note: string | null;
  /** The job-loss concern opened when it ended. */
  follow_up_concern_id: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** A coaching note between a supervisor and a specialist (migration 0028): private to the two of them and administrators. */
export interface CoachingNoteTable {
  id: string;
  specialist_id: string;
  supervisor_id: string;
  /** The day they met, YYYY-MM-DD. */
  met_on: string;
  topic: string;
  note: string;
  follow_up_on: string | null;
  follow_up_done_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One entry of the program's resource directory (migration 0028). */
export interface ResourceTable {
  id: string;
  name: string;
  kind: string;
  description: string;
  contact: string | null;
  address: string | null;
  /** JSON list of the languages the resource is offered in. */
  languages: string;
  /** The consent category an offer of this resource reveals, or null when it reveals none. */
  category: string | null;
  retired_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** A resource offered to a participant (support_person_id null) or to one of their supports (migration 0028). */
export interface ResourceOfferTable {
  id: string;
  resource_id: string;
  participant_id: string;
  support_person_id: string | null;
  offered_by: string;
  offered_at: string;
}

/** A family advocate or steering committee member (migration 0028). */
export interface AdvocacyMemberTable {
  id: string;
  name: string;
  role: string;
  since: string;
  until: string | null;
  created_by: string;
  created_at: string;
}

/** A steering committee meeting (migration 0028). */
export interface AdvocacyMeetingTable {
  id: string;
  held_on: string;
  notes: string;
  created_by: string;
  created_at: string;
}

/** A family member who spoke at an event (migration 0028). */
export interface AdvocacySpeakerTable {
  id: string;
  name: string;
  event: string;
  spoke_on: string;
  created_by: string;
  created_at: string;
}

/**
 * An agreement to connect with other families (migration 0031): a support person's
 * (support_person_id set) or the participant's own (null). `agreed_by` and
 * `withdrawn_by` are a staff user id, or `support_person:<id>` / `participant:<id>`
 * when the person said so on their own page.
 */
export interface FamilyAgreementTable {
  id: string;
  participant_id: string;
  support_person_id: string | null;
  share_phone: number;
  share_email: number;
  agreed_at: string;
  agreed_by: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** Two support persons of two participants introduced by staff (migration 0031); ended when an agreement behind it is withdrawn. */
export interface FamilyIntroductionTable {
  id: string;
  first_participant_id: string;
  first_support_person_id: string;
  second_participant_id: string;
  second_support_person_id: string;
  note: string | null;
  introduced_by: string;
  introduced_at: string;
  ended_at: string | null;
}

import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_foundation.ts";
import * as m0002 from "./0002_network_consent.ts";
import * as m0003 from "./0003_meetings_plans.ts";
import * as m0004 from "./0004_benefits.ts";
import * as m0005 from "./0005_consent_by_content.ts";
import * as m0006 from "./0006_grant_events_renewal.ts";
import * as m0007 from "./0007_user_locale.ts";
import * as m0008 from "./0008_api_token_expiry.ts";
import * as m0009 from "./0009_audit_key.ts";
import * as m0010 from "./0010_staff_sign_in.ts";
import * as m0011 from "./0011_program_settings_meeting_changes.ts";
import * as m0012 from "./0012_personal_links.ts";
import * as m0013 from "./0013_support_suggestions.ts";
import * as m0014 from "./0014_support_person_organization.ts";
import * as m0015 from "./0015_help_request_done.ts";
import * as m0016 from "./0016_outbox.ts";
import * as m0017 from "./0017_texts_preferences.ts";
import * as m0019 from "./0019_search_without_accents.ts";
import * as m0020 from "./0020_the_day.ts";
import * as m0021 from "./0021_contact_notes.ts";
import * as m0022 from "./0022_participant_passwords.ts";
import * as m0023 from "./0023_one_ssi_report_opt_in.ts";
import * as m0025 from "./0025_network_words_dismissed_commitments.ts";
import * as m0026 from "./0026_work_or_school.ts";
import * as m0027 from "./0027_jobs_reports.ts";
import * as m0028 from "./0028_team_practice.ts";
import * as m0029 from "./0029_renewal_index.ts";
import * as m0030 from "./0030_external_ids.ts";
import * as m0031 from "./0031_families_connecting.ts";
import * as m0032 from "./0032_report_indexes.ts";
import * as m0033 from "./0033_day_indexes.ts";

/** Numbered migrations, listed explicitly so bundlers and Node see the same set. */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_network_consent": m0002,
  "0003_meetings_plans": m0003,
  "0004_benefits": m0004,
  "0005_consent_by_content": m0005,
  "0006_grant_events_renewal": m0006,
  "0007_user_locale": m0007,
  "0008_api_token_expiry": m0008,
  "0009_audit_key": m0009,
  "0010_staff_sign_in": m0010,
  "0011_program_settings_meeting_changes": m0011,
  "0012_personal_links": m0012,
  "0013_support_suggestions": m0013,
  "0014_support_person_organization": m0014,
  "0015_help_request_done": m0015,
  "0016_outbox": m0016,
  "0017_texts_preferences": m0017,
  "0019_search_without_accents": m0019,
  "0020_the_day": m0020,
  "0021_contact_notes": m0021,
  "0022_participant_passwords": m0022,
  "0023_one_ssi_report_opt_in": m0023,
  "0025_network_words_dismissed_commitments": m0025,
  "0026_work_or_school": m0026,
  "0027_jobs_reports": m0027,
  "0028_team_practice": m0028,
  "0029_renewal_index": m0029,
  "0030_external_ids": m0030,
  "0031_families_connecting": m0031,
  "0032_report_indexes": m0032,
  "0033_day_indexes": m0033,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

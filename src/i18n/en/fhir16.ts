/** The participant's record as FHIR for the program's health record (issue 16 §3, decision 0043). Staff read these. */
export const fhir16 = {
  "fhir.heading": "Health record (FHIR)",
  "fhir.hint": "Download {name}'s record as a FHIR R4 file for the program's own health record: contact details, support persons, consents, the work goal and the job support plan. The download is recorded in the audit log as a disclosure.",
  "fhir.part2.label": "Day {name} signed a consent for substance use information (42 CFR Part 2)",
  "fhir.part2.hint": "Only if {name} signed a written consent that names the program's health record. Left blank, substance use information stays out of the file, and so do plan items nobody has reviewed for what they share.",
  "fhir.download": "Download the FHIR file",
  "fhir.part2ConsentSignedOn.invalid": "Enter the day the consent was signed, for example 2026-03-01.",
} as const;

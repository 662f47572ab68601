import type { Db } from "../index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import { createContactNote } from "../../domain/contacts/contacts.server.ts";
import { contactNoteInputSchema } from "../../domain/contacts/model.ts";
import { actorFor, must } from "./demo-stories.ts";

const day = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** A contact on the demo caseload: with the participant, with people of their network (by name), or both. */
interface DemoContact {
  daysAgo: number;
  method: "in_person" | "phone" | "text" | "email" | "video";
  withParticipant: boolean;
  people?: string[];
  summary: string;
  discloses?: string[];
}

/**
 * Contacts for the first five of the demo specialist's participants (in the order
 * the demo stories take them: by last name, first name, id), so the overview and
 * the contact notes page show a real log. Each note names only people whose
 * consent covers what the contact touched, as the command insists; Tasha's work
 * schedule was taken back in the stories, so her note touches only the job goal.
 */
const CONTACTS: DemoContact[][] = [
  [
    { daysAgo: 2, method: "phone", withParticipant: true, people: ["Gloria Reyes"], summary: "Called about the meeting on more hours. Gloria asked what happens to SSI and Medicaid if pay goes up; we agreed the benefits counselor will show the numbers at the meeting.", discloses: ["employment_goals", "benefits_income"] },
    { daysAgo: 4, method: "email", withParticipant: false, people: ["Lee Carter"], summary: "Sent last month's two pay stubs ahead of the benefits counseling appointment. Lee will bring an estimate at 15 and 20 hours a week.", discloses: ["benefits_income"] },
    { daysAgo: 9, method: "text", withParticipant: false, people: ["Tasha Green"], summary: "Tasha checked whether the family meeting was still on. Confirmed the time and place.", discloses: ["employment_goals"] },
    { daysAgo: 15, method: "in_person", withParticipant: true, summary: "Met at the store after a shift. Stocking is going well; the early start is hard on Mondays. Talked about asking for a later start on that day." },
  ],
  [
    { daysAgo: 1, method: "text", withParticipant: true, people: ["Jamal Price"], summary: "Jamal will drive to the first week of shifts at the hardware store. Agreed to check in on Friday.", discloses: ["employment_goals", "job_details"] },
    { daysAgo: 8, method: "phone", withParticipant: true, summary: "Practised how to explain the gap in work history. Feels ready to talk with the hiring manager." },
  ],
  [
    { daysAgo: 5, method: "video", withParticipant: true, summary: "Went over the trial work months used so far and what the next pay stub will count for. Will bring each stub to the next visit." },
  ],
  [
    { daysAgo: 3, method: "in_person", withParticipant: true, summary: "First visit at the coffee shop near home. Likes working with hands and wants mornings. Will bring past job dates next time." },
  ],
  [
    { daysAgo: 6, method: "phone", withParticipant: true, summary: "Missed the last visit because of a doctor's appointment. Set a new time for next week." },
  ],
];

/** The demo contact notes (issue 14), written through the contact note command as the demo specialist. */
export async function addDemoContactNotes(db: Db, today = new Date()): Promise<void> {
  const sam = await actorFor(db, "specialist@example.org");
  const caseload = await db.selectFrom("participants").select("id")
    .where("specialist_id", "=", sam.userId).where("status", "=", "active")
    .orderBy("last_name").orderBy("first_name").orderBy("id").limit(CONTACTS.length).execute();
  for (const [index, { id }] of caseload.entries()) {
    const access = await authorizeParticipant(db, sam, id, "update", systemMeta);
    if (!access) throw new Error(`The demo specialist cannot work with participant ${id}`);
    const network = await db.selectFrom("support_persons").select(["id", "name"]).where("participant_id", "=", id).execute();
    for (const contact of CONTACTS[index]!) {
      const supportPersonIds = (contact.people ?? []).map((name) => {
        const person = network.find((p) => p.name === name);
        if (!person) throw new Error(`demo data: ${name} is not on the network of participant ${id}`);
        return person.id;
      });
      must(await createContactNote(db, access, contactNoteInputSchema.parse({
        contactedOn: day(today, -contact.daysAgo), method: contact.method, withParticipant: contact.withParticipant,
        supportPersonIds, summary: contact.summary, discloses: contact.discloses ?? [],
      }), systemMeta), "a contact note");
    }
  }
}

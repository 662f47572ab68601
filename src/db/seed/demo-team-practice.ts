import type { Db } from "../index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import { addToAdvocacyLog } from "../../domain/advocacy/advocacy.server.ts";
import { advocacyMeetingSchema, advocacyMemberSchema, advocacySpeakerSchema } from "../../domain/advocacy/model.ts";
import { completeFollowUp, createCoachingNote } from "../../domain/coaching/coaching.server.ts";
import { coachingNoteInputSchema } from "../../domain/coaching/model.ts";
import { resourceInputSchema } from "../../domain/resources/model.ts";
import { createResource, offerResource } from "../../domain/resources/resources.server.ts";
import { actorFor, must } from "./demo-stories.ts";

const day = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The team's own practice in the demo (issue 15): coaching notes between Sandra
 * and two of her specialists (one follow-up done, one due), a resource directory
 * with a group whose offer reveals substance use treatment, a resource offered to
 * Gloria (the demo support person with a link) and one to the participant, and
 * the advocacy log.
 */
export async function addDemoTeamPractice(db: Db, today = new Date()): Promise<void> {
  const sandra = await actorFor(db, "supervisor@example.org");
  const sam = await actorFor(db, "specialist@example.org");
  const dana = await actorFor(db, "specialist3@example.org");
  const admin = await actorFor(db, "admin@example.org");

  const first = must(await createCoachingNote(db, sandra, sam.userId, coachingNoteInputSchema.parse({
    metOn: day(today, -21), topic: "assumptions",
    note: "Talked about the families Sam expects to say no. We listed two where Sam has not asked yet and agreed to ask with an open question.",
    followUpOn: day(today, -7),
  }), systemMeta), "a coaching note");
  must(await completeFollowUp(db, sam, first.note.id, first.note.version, systemMeta), "a follow-up done");
  must(await createCoachingNote(db, sandra, sam.userId, coachingNoteInputSchema.parse({
    metOn: day(today, -3), topic: "role_play",
    note: "Role play: Sandra played a father worried his son will lose his benefits. Sam practised listening first, then offering the benefits counselor.",
    followUpOn: day(today, 4),
  }), systemMeta), "a coaching note");
  must(await createCoachingNote(db, sandra, dana.userId, coachingNoteInputSchema.parse({
    metOn: day(today, -10), topic: "conflict",
    note: "A sister and a mother disagree about the job search. Dana will meet them together and start from what both want for Luis.",
    followUpOn: day(today, 2),
  }), systemMeta), "a coaching note");

  const resource = async (fields: Record<string, unknown>) => must(await createResource(db, admin, resourceInputSchema.parse(fields), systemMeta), "a resource").resource;
  const familyCircle = await resource({
    name: "Families at Work circle", kind: "family_group", category: "none", languages: "English, Spanish",
    description: "Families of people looking for work meet once a month to share what helped.", contact: "555-0140", address: "Eastside Library, Room B",
  });
  await resource({
    name: "Recovery family support group", kind: "family_group", category: "substance_use_treatment", languages: "English",
    description: "A weekly group for families of people in recovery.", contact: "555-0155",
  });
  await resource({
    name: "Peer mentor: Rosa Jimenez", kind: "peer_mentor", category: "none", languages: "Spanish, English",
    description: "Rosa worked part time while on SSI and talks with people about how she kept her benefits.", contact: "rosa.mentor@example.org",
  });
  const computerClass = await resource({
    name: "Computer basics class", kind: "class", category: "none", languages: "English",
    description: "Six free evening lessons on email, job sites and online forms.", address: "Springfield Community College, Hall 2",
  });
  await resource({ name: "Northside Community Center", kind: "community_place", category: "none", description: "Free phone charging, a job board and quiet rooms.", address: "45 North Avenue" });

  // Gloria, the support person with a live link in the demo stories, and the participant she supports.
  const gloria = await db.selectFrom("support_persons").select(["id", "participant_id"]).where("name", "=", "Gloria Reyes").orderBy("created_at").executeTakeFirst();
  if (gloria) {
    const access = await authorizeParticipant(db, sam, gloria.participant_id, "update", systemMeta);
    if (access) {
      must(await offerResource(db, access, { resourceId: familyCircle.id, to: gloria.id }, systemMeta), "an offer to Gloria");
      must(await offerResource(db, access, { resourceId: computerClass.id, to: "participant" }, systemMeta), "an offer to the participant");
    }
  }

  const add = async (entry: "member" | "meeting" | "speaker", fields: Record<string, unknown>) => {
    const input = entry === "member" ? advocacyMemberSchema.parse(fields) : entry === "meeting" ? advocacyMeetingSchema.parse(fields) : advocacySpeakerSchema.parse(fields);
    must(await addToAdvocacyLog(db, sandra, { entry, input } as Parameters<typeof addToAdvocacyLog>[2], systemMeta), "an advocacy entry");
  };
  await add("member", { name: "Carmen Ruiz", role: "family_advocate", since: day(today, -400) });
  await add("member", { name: "James Whitaker", role: "steering_committee", since: day(today, -700) });
  await add("member", { name: "Lena Brooks", role: "steering_committee", since: day(today, -900), until: day(today, -60) });
  await add("meeting", { heldOn: day(today, -30), notes: "Reviewed how families hear about the program. Carmen will bring flyers in Spanish to the clinic." });
  await add("speaker", { name: "Carmen Ruiz", event: "County mental health fair", spokeOn: day(today, -45) });
}

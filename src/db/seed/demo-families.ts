import type { Db } from "../index.ts";
import { systemMeta } from "../../domain/auth/actor.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import { answerFamilyAgreement, answerForMyself, introduceFamilies } from "../../domain/families/families.server.ts";
import { actorFor, must } from "./demo-stories.ts";

/**
 * Families connecting in the demo (decision 0044): Gloria (the support person with
 * a live link) said yes on her own page, and is introduced to a support person of
 * another of Sam's participants; a third pair has all four agreements and waits
 * on the "Introduce families" page.
 */
export async function addDemoFamilies(db: Db): Promise<void> {
  const sam = await actorFor(db, "specialist@example.org");
  const gloria = await db.selectFrom("support_persons").select(["id", "name", "participant_id"]).where("name", "=", "Gloria Reyes").orderBy("created_at").executeTakeFirst();
  if (!gloria) return;
  // One reachable support person of each of two other participants on Sam's caseload.
  const others = await db.selectFrom("support_persons as sp").innerJoin("participants as p", "p.id", "sp.participant_id")
    .select(["sp.id", "sp.participant_id"]).where("p.specialist_id", "=", sam.userId).where("sp.participant_id", "!=", gloria.participant_id)
    .where("sp.ended_at", "is", null).where("sp.status", "!=", "do_not_contact").where("p.archived_at", "is", null).orderBy("sp.name").execute();
  const picked = others.filter((o, i) => others.findIndex((x) => x.participant_id === o.participant_id) === i).slice(0, 2);
  if (picked.length < 2) return;

  await answerForMyself(db, { kind: "support_person", supportPersonId: gloria.id, participantId: gloria.participant_id, name: gloria.name, locale: "en" },
    { answer: "yes", sharePhone: true, shareEmail: false }, systemMeta);
  for (const [participantId, supportPersonId] of [[gloria.participant_id, null], ...picked.map((p) => [p.participant_id, p.id] as const)] as const) {
    const access = await authorizeParticipant(db, sam, participantId, "update", systemMeta);
    if (!access) continue;
    must(await answerFamilyAgreement(db, access, { subject: "participant", answer: "yes", sharePhone: false, shareEmail: false }, systemMeta), "a participant's yes");
    if (supportPersonId) must(await answerFamilyAgreement(db, access, { subject: supportPersonId, answer: "yes", sharePhone: true, shareEmail: true }, systemMeta), "a support person's yes");
  }
  must(await introduceFamilies(db, sam, {
    firstSupportPersonId: gloria.id, secondSupportPersonId: picked[0]!.id, note: "You both help someone start a first job after a long time. Compare notes on the first weeks.",
  }, systemMeta), "an introduction");
}

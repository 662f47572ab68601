import type { Db } from "../../src/db/index.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import { systemMeta, type Actor } from "../../src/domain/auth/actor.ts";
import type { ParticipantAction } from "../../src/domain/participants/policy.ts";

/** What a page or API call does first: authorize the actor on the participant; a test that expects it to pass fails loudly if not. */
export async function authorized(db: Db, actor: Actor, participantId: string, action: ParticipantAction = "update"): Promise<AuthorizedParticipant> {
  const access = await authorizeParticipant(db, actor, participantId, action, systemMeta);
  if (!access) throw new Error(`expected access to participant ${participantId}`);
  return access;
}

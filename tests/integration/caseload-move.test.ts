import { describe, expect, it } from "vitest";
import { systemMeta } from "../../src/domain/auth/actor.ts";
import { buildParticipant, buildSpecialist } from "../../src/db/seed/factories.ts";
import { authorizeParticipant } from "../../src/domain/access/access.server.ts";
import { caseloadToMove, moveCaseload } from "../../src/domain/caseload/move.server.ts";
import { issuePersonalLink, openPersonalLink } from "../../src/domain/links/links.server.ts";
import { PARTICIPANT_LINK_TERMS } from "../../src/domain/links/model.ts";
import { queueMessages } from "../../src/domain/messages/outbox.server.ts";
import { authorizeOwnRecord } from "../../src/domain/portal/access.server.ts";
import { getParticipant, setParticipantArchived } from "../../src/domain/participants/participants.server.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { useTestApp } from "../support/app.ts";
import { TEST_PASSWORD } from "../support/world.ts";

// Issue 14: a specialist leaves and their participants move to another in one step,
// with what follows them (queued messages, the contact behind personal links), each
// audited; archiving a participant ends their links and queued messages. On SQLite
// and PostgreSQL (TEST_DB).
const app = useTestApp();
const unique = () => crypto.randomUUID().slice(0, 6);

/** A specialist of team one leaving, with two participants, a queued message about one, and the participant's own link. */
async function leavingSpecialist() {
  const { db } = app.database;
  const { team1 } = app.world.teams;
  const leaving = await buildSpecialist(db, { teamId: team1.id, email: `leaving-${unique()}@test.org`, name: "Lou Leaving", password: TEST_PASSWORD });
  const taking = await buildSpecialist(db, { teamId: team1.id, email: `taking-${unique()}@test.org`, name: "Tia Taking" });
  const first = await buildParticipant(db, leaving.id, { firstName: "Ari", lastName: `Moved${unique()}` });
  const second = await buildParticipant(db, leaving.id, { firstName: "Bo", lastName: `Moved${unique()}` });
  await queueMessages(db, [{ kind: "help_claimed", participantId: first.id, reader: { kind: "staff", id: leaving.id }, channel: "email", discloses: [], purpose: "contact", content: {} as never }]);
  const access = await authorizeParticipant(db, app.world.actors.admin, first.id, "update", systemMeta);
  const issued = await issuePersonalLink(db, access!, { kind: "participant", participantId: first.id }, systemMeta, PARTICIPANT_LINK_TERMS);
  if (!issued.ok) throw new Error("link not issued");
  return { leaving, taking, first, second, token: issued.link.token };
}

async function movesOf(participantId: string) {
  return app.database.db.selectFrom("audit_log").select(["action", "actor_id", "details"]).where("participant_id", "=", participantId).where("action", "=", "participant.move").execute();
}

describe("moving a caseload", () => {
  it("moves every participant of the supervisor's specialist in one step, with their queued messages, links that keep working and show the new specialist, and an audit row each", async () => {
    const { db } = app.database;
    const { leaving, taking, first, second, token } = await leavingSpecialist();
    const supervisor = app.world.actors.supervisor1;

    const before = await caseloadToMove(db, supervisor, leaving.id, systemMeta);
    expect(before?.participants.map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
    expect(before?.receivers.map((r) => r.id)).toContain(taking.id);
    expect(before?.receivers.map((r) => r.id)).not.toContain(leaving.id);

    const result = await moveCaseload(db, supervisor, leaving.id, { toSpecialistId: taking.id, which: "all", participantIds: [] }, systemMeta);
    expect(result).toEqual({ ok: true, moved: [first.id, second.id].sort(), messagesReaddressed: 1 });

    const rows = await db.selectFrom("participants").select(["id", "specialist_id"]).where("id", "in", [first.id, second.id]).execute();
    expect(rows.every((r) => r.specialist_id === taking.id)).toBe(true);
    const waiting = await db.selectFrom("outbox_messages").select(["reader_id", "status"]).where("participant_id", "=", first.id).execute();
    expect(waiting).toEqual([{ reader_id: taking.id, status: "queued" }]);

    const opened = await openPersonalLink(db, token, systemMeta, null);
    expect(opened.ok).toBe(true);
    const own = opened.ok ? await authorizeOwnRecord(db, opened.actor, systemMeta) : null;
    expect(own?.participant.specialistName).toBe("Tia Taking");

    for (const id of [first.id, second.id]) {
      const moves = await movesOf(id);
      expect(moves).toHaveLength(1);
      expect(moves[0]!.actor_id).toBe(supervisor.userId);
      expect(JSON.parse(moves[0]!.details!)).toMatchObject({ fromSpecialistId: leaving.id, toSpecialistId: taking.id });
    }
    // The specialist taking over now reads them; the one who left no longer does.
    expect(await getParticipant(db, await actorOf(taking.id), first.id, systemMeta)).not.toBeNull();
  });

  it("moves only the chosen participants, and nothing when one chosen is not on that caseload", async () => {
    const { db } = app.database;
    const { leaving, taking, first, second } = await leavingSpecialist();
    const admin = app.world.actors.admin;
    const stray = app.world.participants.participant2.id;
    expect(await moveCaseload(db, admin, leaving.id, { toSpecialistId: taking.id, which: "chosen", participantIds: [first.id, stray] }, systemMeta))
      .toEqual({ ok: false, reason: "nothing_to_move" });
    expect(await moveCaseload(db, admin, leaving.id, { toSpecialistId: taking.id, which: "chosen", participantIds: [second.id] }, systemMeta))
      .toMatchObject({ ok: true, moved: [second.id] });
    const rows = await db.selectFrom("participants").select(["id", "specialist_id"]).where("id", "in", [first.id, second.id]).orderBy("id").execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.specialist_id]))).toEqual({ [first.id]: leaving.id, [second.id]: taking.id });
  });

  it("refuses a specialist moving their own participants, a supervisor of another team, and a receiver who is not an active specialist in reach, changing nothing", async () => {
    const { db } = app.database;
    const { leaving, taking, first } = await leavingSpecialist();
    const own = await actorOf(leaving.id);
    expect(await moveCaseload(db, own, leaving.id, { toSpecialistId: taking.id, which: "all", participantIds: [] }, systemMeta)).toEqual({ ok: false, reason: "not_found" });
    expect(await moveCaseload(db, app.world.actors.supervisor2, leaving.id, { toSpecialistId: taking.id, which: "all", participantIds: [] }, systemMeta)).toEqual({ ok: false, reason: "not_found" });
    expect(await caseloadToMove(db, app.world.actors.supervisor2, leaving.id, systemMeta)).toBeNull();
    const otherTeam = app.world.users.specialist2.id;
    expect(await moveCaseload(db, app.world.actors.supervisor1, leaving.id, { toSpecialistId: otherTeam, which: "all", participantIds: [] }, systemMeta)).toEqual({ ok: false, reason: "invalid_target" });
    expect(await moveCaseload(db, app.world.actors.admin, leaving.id, { toSpecialistId: app.world.users.supervisor1.id, which: "all", participantIds: [] }, systemMeta)).toEqual({ ok: false, reason: "invalid_target" });
    const row = await db.selectFrom("participants").select("specialist_id").where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(row.specialist_id).toBe(leaving.id);
    expect(await movesOf(first.id)).toHaveLength(0);
    const refusals = await db.selectFrom("audit_log").select("actor_id").where("action", "=", "access.refused").where("entity_id", "=", leaving.id).execute();
    expect(refusals.map((r) => r.actor_id)).toEqual(expect.arrayContaining([leaving.id, app.world.users.supervisor2.id]));
  });
});

describe("moving a caseload through the API", () => {
  it("lets the team's supervisor move a caseload, and answers a specialist's own move as not found", async () => {
    const { leaving, taking, first, second } = await leavingSpecialist();
    const body = { toSpecialistId: taking.id, which: "all", participantIds: [] };
    const own = await app.clientFor(leaving.email);
    expect((await own.api("POST", `/specialists/${leaving.id}/caseload/move`, body)).status).toBe(404);
    const supervisor = await app.clientFor("sup1@test.org");
    const moved = await supervisor.api("POST", `/specialists/${leaving.id}/caseload/move`, body);
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { moved: string[] }).moved.sort()).toEqual([first.id, second.id].sort());
    expect((await supervisor.api("POST", `/specialists/${leaving.id}/caseload/move`, body)).status).toBe(422);
  });
});

describe("archiving a participant", () => {
  it("ends their personal links (with any open session) and their queued messages; restoring does not bring the links back", async () => {
    const { db } = app.database;
    const { first, token } = await leavingSpecialist();
    const admin = app.world.actors.admin;
    const opened = await openPersonalLink(db, token, systemMeta, null);
    expect(opened.ok).toBe(true);
    const view = await getParticipant(db, admin, first.id, systemMeta);
    expect((await setParticipantArchived(db, admin, first.id, true, view!.participant.version, systemMeta)).ok).toBe(true);

    const links = await db.selectFrom("personal_links").select(["revoked_at", "revoked_reason"]).where("participant_id", "=", first.id).execute();
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.revoked_at !== null && l.revoked_reason === "participant archived")).toBe(true);
    const sessions = await db.selectFrom("partner_sessions").innerJoin("personal_links as l", "l.id", "partner_sessions.link_id").select("partner_sessions.id").where("l.participant_id", "=", first.id).execute();
    expect(sessions).toHaveLength(0);
    const messages = await db.selectFrom("outbox_messages").select("status").where("participant_id", "=", first.id).execute();
    expect(messages.map((m) => m.status)).toEqual(["cancelled"]);

    const archived = await getParticipant(db, admin, first.id, systemMeta);
    expect((await setParticipantArchived(db, admin, first.id, false, archived!.participant.version, systemMeta)).ok).toBe(true);
    expect(await openPersonalLink(db, token, systemMeta, null)).toEqual({ ok: false, reason: "revoked" });
  });
});

async function actorOf(userId: string) {
  const actor = await loadActor(app.database.db, userId);
  if (!actor) throw new Error("no actor");
  return actor;
}

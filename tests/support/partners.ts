import { expect } from "vitest";
import type { Db } from "../../src/db/index.ts";
import { systemMeta, type StaffActor } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import type { LinkTerms } from "../../src/domain/links/model.ts";
import { authorized } from "./access.ts";
import { Client } from "./server.ts";

/**
 * The partners' world for a test: a support person added through the API, a
 * consent grant recorded through the API, a personal link issued the way the
 * specialist's page issues it, and a client that opens it like a phone would.
 */
export const today = () => new Date().toISOString().slice(0, 10);

export async function addSupportPerson(staff: Client, participantId: string, fields: Record<string, unknown> = {}) {
  const response = await staff.api("POST", `/participants/${participantId}/support-persons`, { name: "Gloria Reyes", relationshipKind: "relative", closeness: "inner", ...fields });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string; version: number };
}

export async function grantConsent(staff: Client, participantId: string, personId: string, overrides: Record<string, unknown> = {}) {
  const response = await staff.api("POST", `/participants/${participantId}/consent-grants`, {
    supportPersonId: personId, categories: ["employment_goals", "job_details", "work_schedule"], purpose: "To help me get and keep a job.",
    mayAttendMeetings: true, mayReceivePlan: true, mayBeContacted: true, startsOn: today(), expiresOn: "2099-12-31", signedMethod: "in_app",
    signatureName: "Pat Quinn", signedOn: today(), participantConfirmed: true, ...overrides,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

export async function issueLink(db: Db, actor: StaffActor, participantId: string, supportPersonId: string, terms?: LinkTerms) {
  const access = await authorized(db, actor, participantId);
  const result = await issuePersonalLink(db, access, { kind: "support_person", participantId, supportPersonId }, systemMeta, terms);
  if (!result.ok) throw new Error(`link not issued: ${result.reason}`);
  return result.link;
}

/** Opens a link in a fresh browser; returns the client and where the link led. */
export async function openLink(baseUrl: string, path: string) {
  const client = new Client(baseUrl);
  const response = await client.fetch(path);
  return { client, status: response.status, location: response.headers.get("location") };
}

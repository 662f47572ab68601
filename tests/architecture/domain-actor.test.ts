import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every read and command a domain area exports from a `*.server.ts` file says who
 * acts: it takes the actor (`Actor`, `StaffActor`) or the request's one
 * authorization (`AuthorizedParticipant`, or `OwnRecord` on the participant's own pages), so no page or API call can reach a
 * participant's information without the access layer having said yes. The few
 * functions that act for no one in particular are listed here, each with why;
 * adding one is a reviewed change.
 */
const ALLOWED_WITHOUT_ACTOR: Record<string, string> = {
  "src/domain/audit/audit.server.ts#recordAudit": "writes the audit row inside the command's transaction; the event names its actor",
  "src/domain/audit/audit.server.ts#recordAuditRows": "the same, many rows at once (the scale seed)",
  "src/domain/audit/audit.server.ts#readThenRecord": "the shape of an audited long read (a report, an export): its callers take the actor and check it",
  "src/domain/audit/audit.server.ts#verifyAuditChain": "audit verification: checks hashes for the CLI and health check, shows no participant information",
  "src/domain/audit/checkpoints.server.ts#checkpointAuditChain": "signs the audit chain's end for the server's timer and the CLI; reads no participant information",
  "src/domain/audit/checkpoints.server.ts#anchorAuditChain": "signs where the keyless chain ends, on migrating; reads no participant information",
  "src/domain/auth/api-tokens.server.ts#actorForApiToken": "authentication: finds who a bearer token acts for",
  "src/domain/auth/sessions.server.ts#loadActor": "authentication: builds the actor itself from a user id",
  "src/domain/auth/sessions.server.ts#loadActorByEmail": "authentication: builds the actor an allies command acts as (--as EMAIL)",
  "src/domain/auth/sessions.server.ts#signInWaitFor": "sign-in: counts failed attempts by email and address",
  "src/domain/auth/credentials.server.ts#setPasswordByCommand": "the `allies user password` command run on the server; audited under the command's name",
  "src/domain/auth/credentials.server.ts#issuePasswordResetByCommand": "the `allies user reset-link` command run on the server; audited under the command's name",
  "src/domain/auth/credentials.server.ts#findPasswordReset": "the public reset page: the link's token is the permission",
  "src/domain/auth/credentials.server.ts#usePasswordReset": "the public reset page: the link's token is the permission",
  "src/domain/auth/sessions.server.ts#signIn": "sign-in: nobody acts yet; the attempt is audited under the email given",
  "src/domain/auth/sessions.server.ts#createSession": "sign-in: starts the session of the user just authenticated",
  "src/domain/auth/sessions.server.ts#actorForSession": "authentication: finds who a session cookie acts for",
  "src/domain/links/links.server.ts#openPersonalLink": "a personal link: the token is the permission, and opening it makes the partner actor",
  "src/domain/day/day.server.ts#readCalendarFeed": "a calendar feed: the token is the permission; the owner's actor is loaded and each fetch audited as their read",
  "src/domain/links/links.server.ts#partnerForSession": "authentication: finds who a partner session cookie acts for",
  "src/domain/auth/sessions.server.ts#recordSignInAttempt": "sign-in: counts an attempt for the delays, before anyone acts",
  "src/domain/participant-sign-in/passwords.server.ts#signInParticipant": "a participant's sign-in: nobody acts yet; the attempt is audited under the email given",
  "src/domain/participant-sign-in/passwords.server.ts#participantForPasswordSession": "authentication: finds who a participant's password session cookie acts for",
  "src/domain/benefits/years.server.ts#storedBenefitYears": "program-wide benefit figures, no participant information",
  "src/domain/benefits/years.server.ts#listBenefitYears": "program-wide benefit figures, no participant information",
  "src/domain/program/program.server.ts#getProgramSettings": "the program's own name, address, phone and time zone for every page, printout and calendar file, no participant information",
  "src/domain/program/program.server.ts#getProgramLogo": "the program's logo for pages and printouts, no participant information",
  "src/domain/messages/text-replies.server.ts#recordTextReply": "the text provider's webhook: its signature is the permission; records STOP or START for a number",
  "src/domain/messages/text-replies.server.ts#recordRefusedTextReply": "the text provider's webhook: audits a request whose signature was wrong",
  "src/domain/messages/text-replies.server.ts#mayText": "the message worker's check before a text: whether a number replied STOP; shows nothing of a participant",
  "src/domain/messages/text-replies.server.ts#textOptOutOf": "whether a number replied STOP, for preferences a caller already authorized",
  "src/domain/users/users.server.ts#listTeams": "team names for staff forms, no participant information",
  "src/domain/users/users.server.ts#findInvitation": "the public invitation page: the token is the permission",
  "src/domain/users/users.server.ts#acceptInvitation": "the public invitation page: the token is the permission",
  "src/domain/consent/consent.server.ts#consentHistoryForMessages": "the message worker and scheduler ask consent again just before sending; they act for the program",
  "src/domain/messages/outbox.server.ts#queueMessages": "writes outbox rows inside the causing command's transaction, like an audit row; the command authorized",
  "src/domain/messages/outbox.server.ts#queueMeetingMessages": "outbox rows inside the meeting command's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueMeetingAnswer": "outbox row inside the RSVP's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueMeetingRemarked": "outbox rows inside the meeting command's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueHelpRequested": "outbox rows inside the help request's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueHelpClaimed": "outbox row inside the claim's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueWinShared": "outbox rows inside the win's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#cancelQueuedMessages": "cancels queued messages inside the archive or end command's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#queueForSupports": "outbox rows for the causing command or the scheduler; consent decides who gets one",
  "src/domain/messages/scheduler.server.ts#runScheduler": "the reminder scheduler: acts for the program on a timer; what it queues is checked again at sending",
  "src/domain/messages/delivery.server.ts#claimDueMessages": "the message worker: acts for the program, audited as the worker",
  "src/domain/messages/delivery.server.ts#prepareDelivery": "the message worker: asks consent again at sending",
  "src/domain/messages/delivery.server.ts#renewClaim": "the message worker: renews its own claim before a send (decision 0042)",
  "src/domain/messages/delivery.server.ts#recordDelivery": "the message worker: records each attempt, audited as the worker",
  "src/domain/messages/link-key.server.ts#messageLinkKey": "the program's key for unsubscribe links and sealed personal links, no participant information",
  "src/domain/messages/outbox.server.ts#queueForParticipant": "the scheduler's reminder to the participant, by their own switches and channel",
  "src/domain/messages/outbox.server.ts#linkChannel": "the channel a link goes by, inside issuing, which authorized",
  "src/domain/messages/outbox.server.ts#queueLinkMessage": "outbox row inside the link issue's transaction; the command authorized",
  "src/domain/messages/outbox.server.ts#cancelLinkMessages": "cancels a waiting link message inside the issue or revoke command's transaction; the command authorized",
  "src/domain/links/links.server.ts#linkStillWorks": "the message worker: asks whether a link still opens its page before sending it",
  "src/domain/messages/delivery.server.ts#findUnsubscribe": "the public unsubscribe page: the signed token is the permission",
  "src/domain/messages/delivery.server.ts#unsubscribeByToken": "the public unsubscribe page: the signed token is the permission",
  "src/domain/participants/participants.server.ts#selectParticipant": "a query builder the caseload import runs inside its own authorized, audited transaction (mayImportCaseload); it reads nothing by itself",
  "src/domain/users/users.server.ts#createUserDirect": "the create-user command run on the server (first admin); audited under the command's name",
};

const ROOT = join(import.meta.dirname, "../..");
// OwnRecord: the participant's own pages' authorization (src/domain/portal), made from the signed-in participant alone.
const ACTORISH = /\b(Actor|StaffActor|SupportPersonActor|ParticipantActor|PartnerActor|AuthorizedParticipant|OwnRecord)\b/;
/** A function reaches stored information when it is handed the database (or a transaction) or a participant's id. */
const DATABASE = /\b(Db|Trx|Transaction)\b/;

function serverFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(path);
    return entry.name.endsWith(".server.ts") ? [path] : [];
  });
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

interface DomainFunction {
  name: string;
  /** Handed the database or a participant's id: it can read or change stored information. */
  reachesData: boolean;
  takesActor: boolean;
}

/** Each exported function of the file (declarations and exported arrow constants), read from its parameters. */
function exportedFunctions(file: string): DomainFunction[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: DomainFunction[] = [];
  const describe = (name: string, fn: ts.SignatureDeclarationBase): DomainFunction => {
    const typeOf = (p: ts.ParameterDeclaration) => p.type?.getText(source) ?? "";
    return {
      name,
      reachesData: fn.parameters.some((p) => DATABASE.test(typeOf(p)) || p.name.getText(source) === "participantId"),
      takesActor: fn.parameters.some((p) => ACTORISH.test(typeOf(p))),
    };
  };
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) found.push(describe(statement.name.text, statement));
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (ts.isIdentifier(declaration.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          found.push(describe(declaration.name.text, init));
        }
      }
    }
  }
  return found;
}

describe("domain reads and commands", () => {
  const functions = serverFiles("src/domain").flatMap((file) => exportedFunctions(file).map((fn) => ({ ...fn, key: `${relative(ROOT, join(ROOT, file))}#${fn.name}` })))
    .filter((fn) => fn.reachesData);

  it("finds the domain's exported functions (the check looks where they are)", () => {
    expect(functions.length).toBeGreaterThan(50);
    expect(functions.some((fn) => fn.key === "src/domain/plans/plans.server.ts#getTakeHomePlan")).toBe(true);
  });

  it("each take the actor or the authorized participant, except the reviewed few", () => {
    const withoutActor = functions.filter((fn) => !fn.takesActor && !(fn.key in ALLOWED_WITHOUT_ACTOR)).map((fn) => fn.key);
    expect(withoutActor).toEqual([]);
  });

  it("keeps the allowlist to functions that exist and still need it", () => {
    const stale = Object.keys(ALLOWED_WITHOUT_ACTOR).filter((key) => !functions.some((fn) => fn.key === key && !fn.takesActor));
    expect(stale).toEqual([]);
  });
});

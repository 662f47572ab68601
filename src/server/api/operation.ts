import type { z } from "zod";
import type { Db } from "../../db/index.ts";
import { authorizeParticipant } from "../../domain/access/access.server.ts";
import type { AuthorizedParticipant } from "../../domain/access/model.ts";
import type { RequestMeta, StaffActor } from "../../domain/auth/actor.ts";
import type { ParticipantAction } from "../../domain/participants/policy.ts";
import { accessFor } from "../../domain/auth/permissions.ts";
import { fieldErrors, NOT_FOUND_MESSAGE, type FieldError } from "./errors.ts";

/**
 * One /api/v1 operation, declared once: method, path, the zod schemas of its
 * query, body and answers, the status codes it may answer, the permission it needs
 * and its handler. The Express route (router.ts) and the OpenAPI entry
 * (openapi.ts) are both made from the declaration, so they cannot drift apart, and
 * the handler is typed by the same schemas: it can answer only a declared status,
 * with that status's body.
 */

export type Method = "get" | "post" | "put";

/** The placeholders of an OpenAPI path: "/a/{id}/b/{bId}" gives "id" | "bId". */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

/**
 * `action:entity` an actor must hold at some reach (own, team, any) to use the
 * operation at all; the domain then decides for the record at hand. Null: any
 * signed-in actor.
 */
export type OperationPermission = `${string}:${string}` | null;

/** A success answer: JSON of a schema, or a text document of a media type. */
export type SuccessDeclaration = { description: string; body: z.ZodType } | { description: string; mediaType: string };
/** An error answer (the `{ error }` shape): its description, and the schema of `current` when it carries the record as it is now. */
export type ErrorDeclaration = string | { description: string; current: z.ZodType };
export type ResponseDeclaration = SuccessDeclaration | ErrorDeclaration;
export type Responses = { [status: number]: ResponseDeclaration };

export interface ApiErrorBody {
  code: string;
  message: string;
  fields: FieldError[];
  current?: unknown;
}

type ReplyFor<Status extends number, Declared> =
  Declared extends { body: infer Body extends z.ZodType } ? { status: Status; body: z.output<Body> }
  : Declared extends { mediaType: string } ? { status: Status; text: string }
  : Declared extends { current: infer Current extends z.ZodType } ? { status: Status; error: ApiErrorBody & { current: z.output<Current> } }
  : Declared extends string ? { status: Status; error: ApiErrorBody }
  : never;

/** What a handler may answer: one of the declared statuses, with what that status carries. */
export type Reply<R extends Responses> = { [Status in keyof R & number]: ReplyFor<Status, R[Status]> }[keyof R & number];

/** Any operation's answer, as the pipeline sends it. */
export type AnyReply = { status: number; body: unknown } | { status: number; text: string } | { status: number; error: ApiErrorBody };

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

interface OperationRequest<Path extends string, Query, Body, Action> {
  db: Db;
  actor: StaffActor;
  /** The participant in the path, authorized once for the declared action. */
  access: Action extends ParticipantAction ? AuthorizedParticipant : undefined;
  meta: RequestMeta;
  params: Record<PathParams<Path>, string>;
  query: Parsed<Query>;
  body: Parsed<Body>;
}

export interface OperationDeclaration<
  Path extends string, Query extends z.ZodType | undefined, Body extends z.ZodType | undefined, R extends Responses, Action extends ParticipantAction | undefined,
> {
  operationId: string;
  method: Method;
  /** Under /api/v1, with OpenAPI {placeholders}. */
  path: Path;
  summary: string;
  description?: string;
  permission: OperationPermission;
  /**
   * The action on the participant named by the path's {id}: the call's one
   * authorization step, before the handler, which gets the authorized participant.
   * Missing and refused both answer 404 and leave an `access.refused` row.
   */
  participant?: Action;
  query?: Query;
  body?: Body;
  /** A body may be left out (an empty body means `{}`). */
  bodyOptional?: boolean;
  /** The body carries a consent scan (base64), so it is held to the upload limit rather than 256 kB (src/server/bodies.ts). */
  upload?: boolean;
  /** The body's schema at the moment of the request, when stored data (an administrator's benefit years) widens the declared one. */
  bodyAt?: (db: Db) => Promise<z.ZodType<Parsed<Body>>>;
  responses: R;
  handler: (request: OperationRequest<Path, Query, Body, Action>) => Promise<Reply<R>>;
}

/** What the pipeline hands an operation: the request as it arrived, after authentication. */
export interface IncomingRequest {
  db: Db;
  actor: StaffActor;
  meta: RequestMeta;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
}

/** A declared operation with its types erased, as the router and the OpenAPI document list them. */
export interface ApiOperation {
  operationId: string;
  method: Method;
  path: string;
  summary: string;
  description?: string;
  permission: OperationPermission;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyOptional: boolean;
  upload: boolean;
  responses: Responses;
  /** Validates the query and body, checks the permission, runs the handler. */
  run(request: IncomingRequest): Promise<AnyReply>;
}

/** A success answer with its JSON body. */
export function reply<const Status extends number, Body>(status: Status, body: Body) {
  return { status, body };
}

/** A success answer that is a text document (its media type is declared with the status). */
export function replyText<const Status extends number>(status: Status, text: string) {
  return { status, text };
}

/** Refused and missing look the same: a record the actor may not see answers exactly like one that does not exist. */
export function notFound() {
  return { status: 404 as const, error: { code: "not_found", message: NOT_FOUND_MESSAGE, fields: [] } };
}

/** An error answer; `extra` carries `current` for a conflict. */
export function failure<const Status extends number, Extra extends { current?: unknown } = {}>(
  status: Status, code: string, message: string, fields: FieldError[] = [], extra?: Extra,
) {
  return { status, error: { code, message, fields, ...(extra as Extra) } };
}

// Field messages are in the reader's language, from their profile.
function invalidQuery(error: z.ZodError, actor: StaffActor) {
  return failure(400, "invalid_query", "The query is not valid.", fieldErrors(error, actor.locale));
}

function invalidBody(error: z.ZodError, actor: StaffActor) {
  return failure(400, "invalid_body", "Some fields need attention.", fieldErrors(error, actor.locale));
}

function mayUse(actor: StaffActor, permission: OperationPermission): boolean {
  if (permission === null) return true;
  const [action, entity] = permission.split(":") as [string, string];
  return accessFor(actor.permissions, action, entity) !== null;
}

export function defineOperation<
  const Path extends string, Query extends z.ZodType | undefined = undefined, Body extends z.ZodType | undefined = undefined, const R extends Responses = Responses,
  const Action extends ParticipantAction | undefined = undefined,
>(declaration: OperationDeclaration<Path, Query, Body, R, Action>): ApiOperation {
  const { handler, bodyAt, ...described } = declaration;
  if (declaration.permission !== null && !(404 in declaration.responses)) {
    throw new Error(`${declaration.operationId}: an operation behind a permission answers 404 to whoever lacks it; declare 404`);
  }
  return {
    ...described,
    bodyOptional: declaration.bodyOptional ?? false,
    upload: declaration.upload ?? false,
    async run(request) {
      if (!mayUse(request.actor, declaration.permission)) return notFound();
      let query: unknown;
      if (declaration.query) {
        const parsed = declaration.query.safeParse(request.query);
        if (!parsed.success) return invalidQuery(parsed.error, request.actor);
        query = parsed.data;
      }
      let body: unknown;
      if (declaration.body) {
        const schema = bodyAt ? await bodyAt(request.db) : declaration.body;
        const parsed = schema.safeParse(declaration.bodyOptional ? (request.body ?? {}) : request.body);
        if (!parsed.success) return invalidBody(parsed.error, request.actor);
        body = parsed.data;
      }
      let access: AuthorizedParticipant | undefined;
      if (declaration.participant) {
        const authorized = await authorizeParticipant(request.db, request.actor, request.params.id ?? "", declaration.participant, request.meta);
        if (!authorized) return notFound();
        access = authorized;
      }
      // The casts restore what the schemas above just checked: query and body are their outputs, params the path's names, access the declared action's.
      return handler({
        db: request.db, actor: request.actor, meta: request.meta,
        access: access as OperationRequest<Path, Query, Body, Action>["access"],
        params: request.params as Record<PathParams<Path>, string>,
        query: query as Parsed<Query>,
        body: body as Parsed<Body>,
      });
    },
  };
}

import { randomUUID } from "node:crypto";
import { consentTerms, day, meetingAt, month, payPeriod } from "./dates.ts";

/** The API as its OpenAPI document describes it: the suite's list of what to try. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export interface Operation {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path under /api/v1, with {placeholders}. */
  template: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
  bodyRequired: boolean;
}

interface Parameter {
  name: string;
  in: string;
  schema?: JsonSchema;
}

export function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths ?? {})) {
    const shared: Parameter[] = item.parameters ?? [];
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const op = item[method];
      if (!op) continue;
      const parameters: Parameter[] = [...shared, ...(op.parameters ?? [])];
      operations.push({
        operationId: op.operationId ?? `${method} ${template}`,
        method: method.toUpperCase() as Operation["method"],
        template,
        pathParams: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        queryParams: parameters.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return operations;
}

export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** The records a path's placeholders stand for. */
export interface PathRecords {
  id: string;
  personId: string;
  grantId: string;
  [name: string]: string;
}

/**
 * A body each operation accepts, written by hand where the schema's refinements
 * (consent's expiry, an in-app signature) go beyond what the document can say, and
 * made from the schema for operations added since.
 */
export function validBody(op: Operation, records: PathRecords, version = 1): unknown {
  switch (op.operationId) {
    case "createParticipant":
      return { firstName: "Ada", lastName: "Lovelace" };
    case "updateParticipant":
      return { firstName: "Ada", lastName: "Lovelace", version };
    case "archiveParticipant":
    case "restoreParticipant":
    case "endSupportPerson":
      return { version };
    case "createSupportPerson":
      return { name: "Grace Hopper", relationshipKind: "friend", closeness: "friends" };
    case "updateSupportPerson":
      return { name: "Grace Hopper", relationshipKind: "friend", closeness: "friends", version };
    case "recordConsentGrant":
    case "renewConsentGrant":
      return {
        supportPersonId: records.personId, categories: ["employment_goals"], purpose: "Help with the job search",
        ...consentTerms(), signedMethod: "in_app", signatureName: "Ada Lovelace", participantConfirmed: true,
      };
    case "revokeConsent":
      return { category: "employment_goals" };
    case "recordGrantEvent":
      return { occurredOn: day(-1), note: "The job search ended with a job" };
    case "estimateBenefits":
      return { year: 2026, scenarios: [{ monthlyGross: 1000 }] };
    case "addPayStub":
      return { ...payPeriod(), hours: 10, gross: 150, employer: "Corner Bakery" };
    case "recordEarningsReport":
      return { month: month(-1), reportedOn: day(0), method: "phone" };
    case "createMeeting":
      return { kind: "support", title: "Planning", scheduledAt: meetingAt(14), place: "The library", inviteeIds: [records.personId] };
    case "updateMeeting":
      return { kind: "support", title: "Planning, moved", scheduledAt: meetingAt(15), place: "The library", inviteeIds: [records.personId], version };
    case "recordMeetingResponse":
      return { supportPersonId: records.personId, response: "yes" };
    case "createPlanItem":
      return { kind: "rides", description: "Rides to work", provider: "support_person", supportPersonId: records.personId };
    case "addMeetingEntry":
      // A client key names one form once, across all meetings; each call is a new form.
      return { kind: "idea", text: "Ask the bakery about mornings", clientKey: randomUUID() };
    case "saveBenefitsProfile":
      return { hasSsi: true, ssiMonthly: 943, version };
    case "dismissCommitment":
      return { reason: "Plans changed" };
    case "createConcern":
      return { type: "transport", description: "The early bus was cancelled", supportPersonId: records.personId, meetingId: records.meetingId };
    case "addMilestone":
      return { kind: "interview", occurredOn: day(-10), celebrateWith: [records.personId] };
    case "addEncouragement":
      return { text: "Well done on the interview", fromLabel: "Aunt May", supportPersonId: records.personId };
    case "updatePlanItem":
      return { kind: "wake_up_calls", description: "A call at half past six", provider: "specialist", version };
    case "createContactNote":
      // Someone must have taken part: the participant here (naming a support person is checked against their consent).
      return { contactedOn: day(-1), method: "phone", withParticipant: true, summary: "Talked about the bakery interview", discloses: ["employment_goals"] };
    case "createJob":
      return { employer: "Corner Bakery", title: "Baker's helper", startedOn: day(-10), hoursPerWeek: 20, hourlyWage: 15.5, competitive: true, integrated: true };
    case "updateJob":
      return { employer: "Corner Bakery", title: "Baker", startedOn: day(-10), hoursPerWeek: 24, hourlyWage: 16, competitive: true, integrated: true, version };
    case "endJob":
      return { endedOn: day(-1), endReason: "quit", version };
    case "answerFamilyAgreement":
      // The participant's own yes: a support person's would need one on the record.
      return { subject: "participant", answer: "yes", sharePhone: false, shareEmail: false };
    default:
      return op.body ? sampleOf(op.body) : undefined;
  }
}

/** A plain value the schema accepts (the first choice of every choice). */
export function sampleOf(schema: JsonSchema): unknown {
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return sampleOf(options.find((o) => o.type !== "null") ?? options[0]!);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = sampleOf(schema.properties?.[name] ?? {});
      return value;
    }
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case "boolean":
      return true;
    case "string":
      if (schema.format === "email") return "someone@example.org";
      if (schema.format === "date" || schema.pattern?.includes("\\d{4}-\\d{2}-\\d{2}")) return day(-30);
      if (schema.contentEncoding === "base64" || schema.format === "base64") return "aGVsbG8=";
      return "Sample".padEnd(schema.minLength ?? 0, "x").slice(0, schema.maxLength ?? 100);
    default:
      return "sample";
  }
}

/** Whether a value meets the schema (the subset of JSON Schema zod's documents use). */
export function validates(schema: JsonSchema, value: unknown): boolean {
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return false;
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (schema.anyOf && !schema.anyOf.some((s) => validates(s, value))) return false;
  if (schema.oneOf && schema.oneOf.filter((s) => validates(s, value)).length !== 1) return false;
  if (schema.allOf && !schema.allOf.every((s) => validates(s, value))) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) return false;
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    if (schema.items && !value.every((v) => validates(schema.items!, v))) return false;
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) if (!(name in value)) return false;
    for (const [name, v] of Object.entries(value)) {
      const property = schema.properties?.[name];
      if (property) {
        if (!validates(property, v)) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (typeof schema.additionalProperties === "object" && !validates(schema.additionalProperties, v)) return false;
    }
  }
  return true;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "string": return typeof value === "string";
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: return true;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves `anyOf: [X, null]` and the like to X, to look inside a property. */
export function core(schema: JsonSchema): JsonSchema {
  const options = (schema.anyOf ?? schema.oneOf)?.filter((o) => o.type !== "null");
  return options && options.length === 1 ? core(options[0]!) : schema;
}

import { describe, expect, it } from "vitest";
import { buildParticipantActor, buildStaffActor } from "../access/builders.ts";
import { administrationTools } from "./tools.ts";

describe("administrationTools", () => {
  it("offers an administrator every administration page", () => {
    expect(administrationTools(buildStaffActor("admin", { userId: "u-admin" }))).toEqual(["users", "program", "messages", "import", "benefitYears", "audit"]);
  });
  it("offers specialists and supervisors none, since each of those pages would answer not found", () => {
    expect(administrationTools(buildStaffActor("specialist", { userId: "u-s", teamId: "t-1" }))).toEqual([]);
    expect(administrationTools(buildStaffActor("supervisor", { userId: "u-v", teamId: "t-1" }))).toEqual([]);
  });
  it("follows the permissions a person carries, not their role's name", () => {
    const auditor = { ...buildStaffActor("specialist", { userId: "u-a" }), permissions: ["read:participant:own", "read:audit:any"] };
    expect(administrationTools(auditor)).toEqual(["audit"]);
  });
  it("gives partners nothing", () => {
    expect(administrationTools(buildParticipantActor())).toEqual([]);
  });
});
